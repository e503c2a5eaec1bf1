import type { hardening as en } from '../en/hardening'
import type { Translation } from '../keys'

export const hardening: Translation<typeof en> = {
  unknown: 'L’application n’a pas pu regarder cela sur le serveur. Vérifiez de nouveau plus tard.',
  cannotNotDebian: 'L’application sait mettre cela en place sur les serveurs Debian et Ubuntu seulement ; demandez à l’administrateur de votre serveur.',
  cannotNoAdmin: 'Il faut pour cela l’utilisateur root ou sudo sans mot de passe ; connectez-vous en root, ou demandez à l’administrateur de votre serveur.',
  needsAdmin: 'L’utilisateur {{user}} ne peut pas changer les réglages du serveur : ce n’est pas root et il n’a pas sudo sans mot de passe. Connectez-vous en root, ou demandez à l’administrateur de votre serveur.',
  notDebian: 'L’application sait mettre cela en place sur les serveurs Debian et Ubuntu seulement. Demandez à l’administrateur de votre serveur.',
  installFailed: 'L’installation de {{what}} a échoué. Le serveur n’a peut-être pas accès à internet, ou sa liste de paquets est abîmée. Voyez les détails, corrigez la cause, puis relancez.',
  notSsh: 'L’application met cela en place sur les serveurs joints par SSH, pas sur cet ordinateur.',
  firewall: {
    title: 'Pare-feu',
    noSetsid: 'Il manque au serveur l’outil « setsid » dont l’application se sert pour annuler le changement d’elle-même si la connexion tombe, donc l’application n’a rien changé. Installez le paquet util-linux sur le serveur (ou demandez à son administrateur), puis réessayez.',
    jobTitle: 'Activation du pare-feu sur {{name}}',
    on: 'Un pare-feu (ufw) est actif : il refuse les connexions à tout ce que ses règles n’autorisent pas. Les ports que les apps publient par Docker (comme 80 et 443 pour le proxy inverse) sont ouverts par Docker lui-même, qui passe à côté de ce pare-feu : ce qu’une app publie reste joignable depuis internet.',
    lenient: 'Un pare-feu (ufw) est actif, mais il laisse entrer toute connexion que ses règles ne mentionnent pas. Activé par l’application, il les refuse.',
    off: 'Aucun pare-feu n’est actif. Tout ce qui écoute sur ce serveur est joignable depuis internet, même ce qui n’était destiné qu’au serveur lui-même, comme une base de données laissée ouverte par erreur.',
    noAdmin: 'L’application ne peut pas regarder le pare-feu : il faut pour cela l’utilisateur root ou sudo sans mot de passe. Un pare-feu écarte les connexions à ce qui ne devait jamais être joignable ; demandez à l’administrateur de votre serveur s’il y en a un.',
    fixLabel: 'Activer le pare-feu',
    fixText: 'Il ne laisse entrer que SSH (sur le port que vous utilisez maintenant), le web (80 et 443) et les machines de l’essaim. Les règles déjà présentes sont gardées. Si quelque chose se passe mal, le serveur le remet comme avant de lui-même en moins d’une minute : vous ne pouvez pas vous retrouver à la porte.',
    steps: {
      look: 'Examen du serveur',
      install: 'Installation du pare-feu (ufw)',
      peers: 'Recherche des machines de l’essaim',
      apply: 'Activation du pare-feu',
      prove: 'Preuve que vous pouvez toujours vous connecter, par une nouvelle connexion',
      keep: 'Conservation du changement'
    },
    cancelled: 'Annulé. Rien n’a été changé sur le serveur.',
    cancelledInstalled: 'Annulé. Le pare-feu est installé mais pas activé ; rien d’autre n’a changé.',
    cancelledUndone: 'Annulé. Tout est revenu comme avant.',
    portUnknown: 'L’application n’a pas pu savoir quel port cette connexion SSH utilise, elle n’a donc rien changé : elle ne prendrait pas le risque de le fermer. Demandez à l’administrateur de votre serveur.',
    failed: 'L’activation du pare-feu a échoué ; l’application a tout remis comme avant. Voyez les détails pour la raison.',
    touchedDocker: 'L’activation du pare-feu a changé les règles réseau de Docker, ce qui pourrait couper des apps ; l’application a tout remis comme avant. Réessayez dans une minute ; si cela recommence, demandez à l’administrateur de votre serveur.',
    notProven: 'Une fois le pare-feu activé, une nouvelle connexion n’a pas pu joindre le serveur ; l’application a tout remis comme avant. Rien n’a été gardé. Demandez à l’administrateur de votre serveur si autre chose filtre les connexions.',
    notKept: 'L’application a perdu le contact avec le serveur avant de pouvoir garder le changement : le serveur remet le pare-feu comme avant de lui-même d’ici {{seconds}} secondes. Vérifiez de nouveau ensuite.',
    log: {
      port: 'Cette connexion joint SSH sur le port {{port}} ; ce port reste ouvert.',
      installed: 'ufw est déjà installé.',
      noPeers: 'Aucune machine d’essaim trouvée : aucun port d’essaim n’est ouvert.',
      peers: 'Ports de l’essaim (2377, 7946, 4789) ouverts à : {{peers}}.',
      peersFailed: 'Docker n’a pas pu lister les machines de l’essaim ({{reason}}) ; aucun port d’essaim n’est ouvert.',
      applied: 'Le pare-feu est actif. Le serveur le remet comme avant de lui-même dans {{seconds}} secondes, sauf si l’application prouve qu’elle peut toujours se connecter.',
      signedIn: 'Une nouvelle connexion s’est identifiée.',
      signedInWith: 'Une nouvelle connexion s’est identifiée avec {{keyFile}}.',
      answered: 'Une nouvelle connexion a joint le service SSH du serveur (il a demandé un moyen de s’identifier que l’application ne garde pas : {{reason}}).',
      notKept: 'Impossible de garder le changement : {{reason}}',
      undone: 'Tout est revenu comme avant.',
      undoLater: 'Impossible d’annuler tout de suite ({{reason}}) ; le minuteur du serveur le fera.',
      undoWithin: 'Le serveur remet tout comme avant de lui-même d’ici {{seconds}} secondes.',
      done: 'Terminé : le pare-feu est actif.'
    }
  },
  autoUpdates: {
    title: 'Mises à jour de sécurité automatiques',
    jobTitle: 'Activation des mises à jour automatiques sur {{name}}',
    on: 'Le serveur installe de lui-même les correctifs de sécurité chaque jour (unattended-upgrades).',
    off: 'Le serveur n’installe pas de lui-même les correctifs de sécurité. Des correctifs de failles sortent chaque semaine ; sans eux, le serveur reste exposé à des attaques déjà connues.',
    fixLabel: 'Activer les mises à jour automatiques',
    fixTextInstall: 'L’application installe et active « unattended-upgrades », l’outil du système. Il installe seulement les correctifs de sécurité, une fois par jour ; de temps en temps, une mise à jour redémarre un programme du serveur pendant un instant.',
    fixTextTurnOn: 'L’application active « unattended-upgrades », l’outil du système. Il installe seulement les correctifs de sécurité, une fois par jour ; de temps en temps, une mise à jour redémarre un programme du serveur pendant un instant.',
    steps: {
      look: 'Examen du serveur',
      install: 'Installation d’unattended-upgrades',
      turnOn: 'Activation des mises à jour de sécurité automatiques',
      check: 'Vérification du résultat'
    },
    cancelled: 'Annulé. Rien n’a été changé sur le serveur.',
    cancelledInstalled: 'Annulé. unattended-upgrades est installé mais pas activé.',
    failed: 'L’activation des mises à jour automatiques a échoué. Voyez les détails pour la raison.',
    elsewhere: 'L’application a activé les mises à jour automatiques, mais un autre réglage apt du serveur les désactive. Demandez à l’administrateur de votre serveur de regarder dans /etc/apt/apt.conf.d.',
    log: {
      already: 'Les mises à jour de sécurité automatiques sont déjà actives ; rien à faire.',
      installed: 'unattended-upgrades est déjà installé.',
      done: 'Terminé : le serveur installe de lui-même les correctifs de sécurité chaque jour.'
    }
  }
}
