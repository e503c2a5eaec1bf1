import type { nodes as en } from '../en/nodes'
import type { Translation } from '../keys'

export const nodes: Translation<typeof en> = {
  timeout: 'Le serveur n’a pas répondu en {{seconds}} secondes. Vérifiez qu’il est allumé et connecté, puis réessayez.',
  notManager: '{{server}} ne gère pas de groupe de machines (un swarm) : seul le gestionnaire d’un swarm peut lister et modifier ses machines. Ouvrez les vérifications du serveur pour en créer un.',
  notFound: 'Cette machine ne fait plus partie du swarm de {{server}}. Actualisez la liste des machines.',
  changed: 'Quelqu’un a modifié {{machine}} pendant l’enregistrement. Actualisez la liste et réessayez.',
  drainSlow: 'Après {{minutes}} minutes, ces applications ne tournaient toujours pas sur une autre machine : {{services}}. La machine a été remise en service. Regardez les pages des applications pour savoir pourquoi elles n’ont pas pu démarrer ailleurs.',
  cancelled: 'Annulé.',
  already: '{{machine}} est déjà {{availability}}.',
  set: '{{machine}} est maintenant {{availability}}.',
  setBack: '{{machine}} a été remise à l’état « {{availability}} » : rien n’a changé.',
  restoreFailed: '{{machine}} n’a pas pu être remise à l’état « {{availability}} » ({{message}}) : elle n’accepte peut-être toujours pas de nouveau travail. Ouvrez la page Machines quand le serveur répond, et choisissez « Activer » si elle doit travailler.',
  drained_one: '{{machine}} ne fait plus rien tourner : {{count}} service d’application tourne sur d’autres machines.',
  drained_other: '{{machine}} ne fait plus rien tourner : ses {{count}} services d’application tournent sur d’autres machines.',
  removeManager: '{{machine}} gère le swarm : elle ne peut pas être retirée d’ici. Faites d’abord d’une autre machine un gestionnaire, ou retirez-la avec Docker sur le serveur.',
  removeUp: '{{machine}} fonctionne encore. Seule une machine arrêtée peut être retirée de la liste : éteignez-la, ou faites-lui quitter le swarm, d’abord.',
  cli: {
    usage: '  coopcloud-desktop server node ls <serveur> [--json]   (les machines de son swarm)\n  coopcloud-desktop server node drain <serveur> <machine> [--yes]   (déplace ses applications vers d’autres machines)\n  coopcloud-desktop server node activate|pause <serveur> <machine>\n  coopcloud-desktop server node label <serveur> <machine> [clé=valeur…] [--rm clé]\n  coopcloud-desktop server node rm <serveur> <machine> [--yes]   (seulement une machine arrêtée)',
    sayWhat: 'Dites quoi faire des machines : server node ls, drain, activate, pause, label ou rm.',
    notCommand: '« {{sub}} » n’est pas une commande de server node. Utilisez ls, drain, activate, pause, label ou rm.',
    giveServer: 'Donnez le nom du serveur : server node ls <serveur>.',
    giveMachine: 'Donnez le nom du serveur et celui de la machine (son nom d’hôte ou son ID) : server node drain <serveur> <machine>.',
    tooMany: 'Trop d’arguments : {{got}}.',
    noSuchMachine: 'Le swarm de {{server}} n’a pas de machine appelée « {{name}} ». Ses machines : {{names}}.',
    ambiguous: 'Plusieurs machines de {{server}} commencent par « {{name}} » : donnez son nom d’hôte ou son ID complet. Ses machines : {{names}}.',
    heading_one: 'Le swarm de {{server}} a {{count}} machine (* est celle où arrive la connexion du serveur) :',
    heading_other: 'Le swarm de {{server}} a {{count}} machines (* est celle où arrive la connexion du serveur) :',
    leader: 'gestionnaire (leader)',
    role: { manager: 'gestionnaire', worker: 'travailleuse' },
    state: { ready: 'prête', down: 'arrêtée', unknown: 'état inconnu', disconnected: 'déconnectée' },
    resources: '{{cpus}} CPU, {{memory}}',
    runsNothing: 'ne fait rien tourner',
    drainHeading: 'Vider {{machine}} déplace ce qui y tourne vers d’autres machines :',
    moves: '- {{service}} démarrera sur {{to}}',
    leavesData: '    ses données dans {{volumes}} restent sur {{machine}} : il y démarrera sans elles',
    stuck: '- {{service}} ne peut tourner que sur cette machine : il s’arrête jusqu’à ce que la machine soit remise en service',
    everywhere: '- {{service}} tourne sur chaque machine : sa copie ici s’arrête',
    nothingRuns: 'Rien n’y tourne en ce moment.',
    askFirst: 'Ajoutez --yes pour modifier {{machine}} sans confirmation.',
    confirmDrain: 'Tout déplacer hors de {{machine}} ?',
    confirmRemove: 'Retirer {{machine}} du swarm de {{server}} ?',
    nothingChanged: 'Rien n’a été modifié.',
    failed: '{{machine}} n’a pas pu être modifiée.',
    badLabel: '« {{pair}} » n’est pas une étiquette : écrivez clé=valeur.',
    labels: 'Étiquettes de {{machine}} : {{labels}}',
    removed: '{{machine}} a été retirée du swarm de {{server}}.'
  },
  availability: {
    active: 'en service',
    pause: 'en pause (garde ce qu’elle fait tourner, ne prend rien de nouveau)',
    drain: 'vidée (ne fait rien tourner)'
  },
  title: {
    active: 'Remise en service de {{machine}}',
    pause: 'Mise en pause de {{machine}}',
    drain: 'Déplacement des applications de {{machine}}'
  },
  step: {
    set: 'Mise à jour de {{machine}} dans le swarm',
    move: 'Attente que les applications tournent sur d’autres machines'
  }
}
