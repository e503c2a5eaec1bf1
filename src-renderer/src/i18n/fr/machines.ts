import type { machines as en } from '../en/machines'
import type { Translation } from '../keys'

export const machines: Translation<typeof en> = {
  title: 'Machines',
  intro: 'Les machines avec lesquelles ce serveur partage ses apps (Docker appelle ce groupe un swarm). Les apps tournent sur n’importe laquelle, sauf si on leur dit où.',
  loading: 'Demande à {{server}} la liste de ses machines…',
  refresh: 'Actualiser',
  notManager: 'Ce serveur ne gère pas de groupe de machines : il n’y a rien à montrer ici.',
  notManagerNext: 'S’il doit partager ses apps avec d’autres machines, activez Swarm dans les vérifications du serveur ci-dessus ; si un autre serveur le gère, ouvrez plutôt la page de cet autre serveur.',
  count_one: '{{count}} machine',
  count_other: '{{count}} machines',
  self: 'Ce serveur',
  selfHint: 'La connexion de l’app au serveur arrive sur cette machine.',
  role: { leader: 'gestionnaire (meneur)', manager: 'gestionnaire', worker: 'exécutant' },
  state: { ready: 'prête', down: 'ne répond pas', unknown: 'état inconnu', disconnected: 'déconnectée' },
  dockerSays: 'Docker dit : {{message}}',
  availability: { active: 'prend du travail', pause: 'en pause', drain: 'vidée' },
  availabilityHint: {
    active: 'De nouvelles apps peuvent démarrer ici.',
    pause: 'Garde ce qu’elle fait tourner, ne prend rien de nouveau.',
    drain: 'Ne fait rien tourner : ses apps tournent sur d’autres machines.'
  },
  facts: {
    role: 'Rôle',
    state: 'État',
    availability: 'Disponibilité',
    address: 'Adresse',
    docker: 'Docker',
    resources: 'Taille',
    labels: 'Étiquettes',
    runs: 'Fait tourner'
  },
  resources: '{{cpus}} CPU, {{memory}} de mémoire',
  noLabels: 'aucune',
  runsNothing: 'rien',
  appServices: '{{app}} : {{services}}',
  actions: {
    drain: 'Déplacer les apps (vider)',
    pause: 'Mettre en pause',
    activate: 'Activer',
    labels: 'Étiquettes…',
    remove: 'Retirer…',
    add: 'Ajouter une machine…'
  },
  actionsFor: 'Que faire de {{machine}}',
  jobDone: '{{machine}} est maintenant {{availability}}.',
  drain: {
    title: 'Déplacer les apps de {{machine}} ?',
    reading: 'Lecture de ce qui tourne sur {{machine}}…',
    lead: 'Le swarm va arrêter ce qui tourne sur {{machine}} et le démarrer sur d’autres machines. Pendant le déplacement, chaque app est brièvement indisponible.',
    moving: 'Ceci va être déplacé :',
    movesTo: '{{service}} démarrera sur {{to}}',
    anyOther: 'une autre machine',
    dataStays: 'Ses données ({{volumes}}) restent sur {{machine}} : elle démarrera sans ses données sur {{to}}.',
    stuck: 'Ceci ne peut tourner que sur {{machine}} : arrêté jusqu’à ce que la machine reprenne du travail.',
    everywhere: 'Ceci tourne sur toutes les machines : sa copie sur {{machine}} s’arrête, les autres continuent.',
    nothing: 'Rien ne tourne sur {{machine}} pour l’instant : elle ne prendra simplement plus de nouveau travail.',
    cancelNote: 'Vous pouvez annuler pendant l’opération : {{machine}} reprend alors du travail.',
    confirm: 'Déplacer les apps',
    busy: 'Démarrage…'
  },
  labels: {
    title: 'Étiquettes de {{machine}}',
    intro: 'Les étiquettes servent à choisir où les apps tournent, par exemple storage=ssd.',
    field: 'Une étiquette par ligne, écrite clé=valeur',
    placeholder: 'storage=ssd',
    save: 'Enregistrer les étiquettes',
    saving: 'Enregistrement…',
    badLine: 'Ligne {{line}}, « {{text}} » : écrivez-la sous la forme clé=valeur.',
    twice: 'Ligne {{line}} : « {{key}} » est déjà donnée sur une ligne précédente.',
    badKey: '« {{key}} » n’est pas une étiquette acceptée par Docker ({{message}}).',
    reserved: '« {{key}} » commence par com.docker., io.docker. ou org.dockerproject. : Docker garde ces noms pour lui. Choisissez un autre nom.',
    badName: '« {{key}} » ne peut pas être un nom d’étiquette : utilisez des lettres, chiffres, points, tirets, tirets bas et barres obliques, en commençant par une lettre ou un chiffre (128 au plus).',
    tooLong: 'La valeur de « {{key}} » est trop longue : 1024 caractères au plus.',
    tooMany: 'Une machine peut avoir 100 étiquettes au plus.',
    problem: 'Rien n’a été enregistré. Corrigez ces lignes, puis enregistrez à nouveau :',
    saved: 'Étiquettes enregistrées.'
  },
  remove: {
    title: 'Retirer {{machine}} de la liste ?',
    lead: '{{machine}} ne répond pas. La retirer la sort définitivement du swarm de ce serveur ; ses apps tournent déjà ailleurs, ou attendent une machine où elles peuvent tourner.',
    back: 'Si la machine revient plus tard, il faudra l’ajouter à nouveau.',
    typeName: 'Tapez <mono>{{domain}}</mono> pour confirmer',
    confirm: 'Retirer la machine',
    busy: 'Retrait…',
    done: '{{machine}} a été retirée.'
  }
}
