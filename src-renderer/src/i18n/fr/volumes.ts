import type { volumes as en } from '../en/volumes'
import type { Translation } from '../keys'

export const volumes: Translation<typeof en> = {
  title: 'Volumes (là où l’application garde ses données)',
  intro: 'Les volumes sont l’endroit où l’application garde ses données sur le serveur : ses fichiers, sa base de données, ce que les gens y déposent. Ils restent quand l’application est arrêtée, et elle les retrouve quand on la redéploie. Supprimer un volume efface ses données pour de bon.',
  loading: 'Lecture des volumes de l’application…',
  loadFailed: 'Les volumes de l’application n’ont pas pu être lus',
  none: 'Cette application n’a pas de volumes sur {{server}} : elle n’y garde pas de données, ou elle n’a jamais été déployée.',
  listLabel: 'Les volumes de l’application',
  size: 'Taille : {{size}}',
  sizeUnknown: 'Taille : inconnue',
  created: 'créé {{time}}',
  dockerName: 'Volume Docker <mono>{{volume}}</mono>',
  usedBy: 'Utilisé par {{users}}',
  notUsed: 'Inutilisé',
  running: '{{who}} (en marche)',
  stopped: '{{who}} (arrêté)',
  ofApp: '{{who}} de {{stack}}',
  deployedNote: 'L’application est déployée et utilise ces volumes : ils ne peuvent pas être supprimés maintenant. Pour en supprimer un, arrêtez d’abord l’application (onglet Vue d’ensemble) ; l’arrêter garde les données.',
  inUseNote: 'Un conteneur l’utilise encore : il ne peut pas être supprimé.',
  sizesMissing: 'Les tailles manquent : {{why}}',
  lookAgain: 'Regarder de nouveau',
  remove: 'Supprimer les volumes choisis…',
  chooseFirst: 'Cochez les volumes à supprimer.',
  confirmTitle_one: 'Supprimer {{count}} volume de {{domain}} ?',
  confirmTitle_other: 'Supprimer {{count}} volumes de {{domain}} ?',
  warning: 'Effacés de {{server}} pour de bon, avec toutes leurs données :',
  backupFirst: 'Un volume supprimé ne peut pas revenir, sauf depuis une sauvegarde faite avant.',
  confirm: 'Supprimer les volumes',
  busy: 'Suppression…',
  failed: 'Les volumes n’ont pas pu être supprimés'
}
