import type { hardening as en } from '../en/hardening'
import type { Translation } from '../keys'

export const hardening: Translation<typeof en> = {
  whatItDoes: 'Ce que cela fait :',
  why: 'Pourquoi :',
  whatCouldGoWrong: 'Ce qui pourrait mal se passer :',
  starting: 'Démarrage…',
  couldNotStart: 'Cela n’a pas pu démarrer',
  firewall: {
    title: 'Activer le pare-feu sur {{name}} ?',
    confirm: 'Activer le pare-feu',
    what: 'le serveur ne laisse alors entrer que SSH (sur le port que l’application utilise maintenant), les visiteurs web (ports 80 et 443) et les autres machines de son essaim. Tout le reste venant d’internet est refusé. Les règles déjà présentes sont gardées.',
    why: 'il arrive que des programmes écoutent sur le réseau par erreur, comme une base de données destinée au seul serveur. Un pare-feu les met hors d’atteinte.',
    risk: 'un autre service que vous faites tourner sur ce serveur, sur un autre port, n’est plus joignable de l’extérieur ; vous pourrez le rouvrir plus tard. Les ports que les apps publient par Docker ne sont pas limités par ce pare-feu.',
    safe: 'Vous ne pouvez pas vous retrouver à la porte : l’application prouve qu’une nouvelle connexion passe toujours avant de garder le changement. Si cette preuve échoue ou si la connexion tombe, le serveur remet le pare-feu comme avant de lui-même en moins d’une minute.'
  },
  autoUpdates: {
    title: 'Activer les mises à jour de sécurité automatiques sur {{name}} ?',
    confirm: 'Activer les mises à jour automatiques',
    what: 'le serveur installe de lui-même les correctifs des failles de sécurité, une fois par jour, avec l’outil de son système (unattended-upgrades). Les autres mises à jour vous sont laissées.',
    why: 'des failles de sécurité sont découvertes chaque semaine, et des robots essaient les failles connues sur chaque serveur qu’ils trouvent.',
    risk: 'de temps en temps, une mise à jour redémarre un programme du serveur pendant un instant. Vos apps tournent dans Docker et gardent leurs propres versions.',
    safe: 'Vous pouvez relancer sans risque : si les mises à jour sont déjà actives, rien ne change.'
  }
}
