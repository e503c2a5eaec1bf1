import type { serverHealth as en } from '../en/serverHealth'
import type { Translation } from '../keys'

export const serverHealth: Translation<typeof en> = {
  title: 'Comment va {{name}}',
  intro: 'L’application le mesure {{every}} tant qu’elle est ouverte. Dernières 24 heures.',
  loading: 'Lecture de ce que l’application a mesuré…',
  checked: 'Dernière vérification {{when}}.',
  notChecked: 'Pas encore vérifié : la première vérification est en cours.',
  noHistory: 'L’application n’a pas pu ouvrir son fichier d’historique : il n’y a rien à tracer. Ce qu’elle voit maintenant est ci-dessous.',
  unreachable: 'La dernière vérification n’a pas pu joindre le serveur : {{error}}',
  diskTitle: 'Espace disque utilisé ({{mount}})',
  diskFree: '{{free}} libres sur {{total}}.',
  diskHolds: 'Ce disque contient {{paths}}.',
  pathSystem: 'le système (/)',
  pathDocker: 'les données de Docker ({{path}})',
  diskThreshold: 'À surveiller au-delà de {{pct}}',
  memoryTitle: 'Mémoire utilisée',
  memoryTotal: '{{total}} de mémoire en tout.',
  memoryThreshold: 'Presque pleine au-delà de {{pct}}',
  loadTitle: 'Charge (par processeur)',
  loadHelp_one: '1 veut dire que son processeur travaille tout le temps ; au-delà de 1, le travail attend son tour.',
  loadHelp_other: '1 veut dire que ses {{count}} processeurs travaillent tout le temps ; au-delà de 1, le travail attend son tour.',
  loadThreshold: 'Entièrement occupé',
  dockerTitle: 'Docker et essaim',
  dockerIntro: 'Docker fait tourner les applications ; l’essaim (« swarm ») est le groupe de machines (nœuds) sur lesquelles il les fait tourner.',
  dockerVersion: 'Version de Docker',
  unknownVersion: 'Inconnue',
  swarmLabel: 'Essaim',
  swarm: {
    manager: 'Activé : ce serveur dirige l’essaim (gestionnaire)',
    worker: 'Activé, dirigé depuis un autre serveur (celui-ci est un exécutant)',
    off: 'Désactivé : aucune application ne peut être déployée ici tant qu’il n’est pas activé'
  },
  dockerUnknown: 'Pas encore lu : l’application le lira à sa prochaine vérification.',
  nodesTitle: 'Machines de l’essaim (nœuds)',
  nodesNone: 'Ce serveur ne peut pas lister les machines de l’essaim : seul un gestionnaire le peut.',
  col: { name: 'Machine', role: 'Rôle', state: 'État', availability: 'Accueille des applications' },
  role: {
    manager: 'Gestionnaire : dirige l’essaim, et fait tourner des applications',
    leader: 'Gestionnaire principal : dirige l’essaim, et fait tourner des applications',
    worker: 'Exécutant : fait seulement tourner des applications'
  },
  state: {
    ready: 'Prête',
    down: 'Arrêtée',
    unknown: 'Sans réponse',
    disconnected: 'Déconnectée',
    unreachable: 'Injoignable'
  },
  availability: {
    active: 'Oui (active)',
    pause: 'Garde ses applications, n’en accueille pas de nouvelles (en pause)',
    drain: 'Non : ses applications ont été déplacées (vidée)'
  },
  thisDocker: 'Docker {{version}}'
}
