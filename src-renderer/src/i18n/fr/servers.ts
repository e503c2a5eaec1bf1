import type { servers as en } from '../en/servers'
import type { Translation } from '../keys'

export const servers: Translation<typeof en> = {
  title: 'Serveurs',
  add: 'Ajouter un serveur',
  addFirst: 'Ajouter votre premier serveur',
  intro: 'Les machines sur lesquelles tournent vos applications. L’application garde une connexion ouverte avec chacune.',
  loading: 'Chargement de vos serveurs…',
  loadError: 'La liste des serveurs n’a pas pu être chargée',
  emptyTitle: 'Aucun serveur pour l’instant',
  emptyText: 'Ajoutez un serveur que vous joignez en SSH, ou cet ordinateur, pour commencer à faire tourner des applications.',
  listLabel: 'Vos serveurs',
  about: 'À propos de {{name}}',
  docker: 'Docker {{version}}',
  dockerUnknown: 'Docker : pas encore connu',
  check: 'Vérifier',
  swarm: {
    alone: 'Fait tourner les applications seul (Swarm manager, 1 nœud)',
    manager: 'Dirige {{nodes}} serveurs (Swarm manager, {{nodes}} nœuds)',
    worker: 'Swarm worker',
    off: 'Swarm est désactivé',
    unknown: 'Swarm : pas encore connu'
  },
  noApps: 'Aucune application',
  apps_one: '{{count}} application',
  apps_other: '{{count}} applications',
  connection: {
    connected: 'Connecté',
    connecting: 'Connexion en cours',
    reconnecting: 'Reconnexion en cours',
    offline: 'Hors ligne',
    unknown: 'Pas encore connecté'
  },
  remove: {
    button: 'Retirer de la liste',
    title: 'Retirer {{name}} de la liste ?',
    text: 'Cela retire seulement le serveur de cette application (et d’abra sur cet ordinateur). Rien n’est modifié sur le serveur.',
    keepRunning: 'Ses applications continuent de tourner. Vous pourrez ajouter le serveur à nouveau plus tard.',
    appsKept_one: 'Les réglages de son application ne sont pas supprimés : ils sont déplacés dans le dossier « removed-servers » du dossier d’abra, où vous pouvez les récupérer.',
    appsKept_other: 'Les réglages de ses {{count}} applications ne sont pas supprimés : ils sont déplacés dans le dossier « removed-servers » du dossier d’abra, où vous pouvez les récupérer.',
    error: 'Le serveur n’a pas pu être retiré de la liste',
    busy: 'Retrait…'
  },
  checks: {
    title: '{{name}} est-il prêt ?',
    intro: 'L’application vérifie ce dont un serveur a besoin pour faire tourner les applications Co-op Cloud, et propose de corriger ce qui manque.',
    readyLabel: 'Terminé — revenir à mes serveurs',
    laterLabel: 'Revenir à mes serveurs',
    status: {
      passed: 'Réussi',
      notChecked: 'Pas encore vérifié',
      recommended: 'Recommandé',
      later: 'Pour plus tard',
      failed: 'Échec'
    },
    connectError: 'L’application n’a pas pu se connecter au serveur',
    addressesError: 'L’application n’a pas pu lister les adresses du serveur',
    networkError: 'Le réseau « proxy » n’a pas pu être créé',
    prepareError: 'La préparation du serveur n’a pas pu démarrer',
    backToChecks: 'Revenir aux vérifications',
    checking: 'Vérification du serveur…',
    checkingHint: 'Cela prend quelques secondes.',
    runError: 'Les vérifications n’ont pas pu se faire',
    checkingAgain: 'Nouvelle vérification…',
    ready: 'Votre serveur est prêt pour les applications.',
    notReady: 'Certains points demandent votre attention avant que des applications puissent tourner sur ce serveur.',
    later_one: 'Recommandé : voyez {{checks}} ci-dessous. Vous pouvez continuer et vous en occuper plus tard.',
    later_other: 'Recommandé : voyez {{checks}} ci-dessous. Vous pouvez continuer et vous en occuper plus tard.',
    fixHint: 'Utilisez les boutons ci-dessous pour les corriger, un par un.',
    signIn: 'Se connecter à {{name}}',
    checkAgain: 'Vérifier à nouveau'
  },
  swarmDialog: {
    title: 'Activer Swarm',
    text: 'Le mode Swarm permet à ce serveur de faire tourner les applications Co-op Cloud. Choisissez l’adresse que les autres serveurs utiliseraient pour le joindre. Si vous n’êtes pas sûr, gardez la première.',
    address: 'Adresse',
    another: 'Une autre adresse',
    other: 'Autre adresse',
    otherHintNone: 'L’application n’a pas pu lister les adresses du serveur. Tapez l’adresse IP que les autres serveurs utilisent pour le joindre.',
    otherHint: 'Une adresse IP de ce serveur, avec un port si besoin (203.0.113.7:2377).',
    advanced: 'Avancé',
    listen: 'Adresse d’écoute',
    listenHint: 'Là où Swarm attend les autres serveurs. Laissez vide pour l’adresse habituelle 0.0.0.0:2377.',
    dataPort: 'Port des données (data path port)',
    dataPortHint: 'Le port du trafic entre les applications. Laissez vide pour le port habituel 4789.',
    error: 'Swarm n’a pas pu être activé',
    busy: 'Activation de Swarm…',
    confirm: 'Activer Swarm'
  },
  proxyDialog: {
    title: 'Déployer le proxy inverse',
    text: 'Le proxy inverse (Traefik) envoie chaque visiteur vers la bonne application et obtient leurs certificats HTTPS. Il s’installe depuis la recette « traefik » de Co-op Cloud, comme n’importe quelle application.',
    domain: 'Adresse du tableau de bord du proxy',
    domainHint: 'Un nom qui pointe vers ce serveur, comme traefik.example.org.',
    email: 'E-mail pour les certificats HTTPS',
    emailHint: 'Let’s Encrypt écrit à cette adresse quand un certificat va bientôt expirer.',
    error: 'Le proxy n’a pas pu être déployé',
    confirm: 'Déployer le proxy',
    previewNext: 'Vous verrez ensuite ce que le déploiement va créer sur le serveur, et vous le confirmerez.',
    preparing: 'Préparation de l’application du proxy…'
  },
  passwordOff: {
    title: 'Désactiver la connexion par mot de passe sur {{name}} ?',
    confirm: 'Désactiver la connexion par mot de passe',
    error: 'Cela n’a pas pu démarrer',
    text: 'Ensuite, seule une personne qui a une clé pourra se connecter à {{name}} en SSH : les mots de passe, le vôtre compris, ne marcheront plus.',
    keepKey: 'Gardez votre clé en lieu sûr : elle se trouve dans le dossier <mono>.ssh</mono> de votre dossier personnel. Si vous vous connectez aussi depuis un autre ordinateur, installez d’abord une clé sur celui-ci.',
    safe: 'L’application vérifie que votre clé permet toujours de se connecter avant de garder le changement. Si cette vérification échoue ou si la connexion est coupée, le serveur réactive de lui-même la connexion par mot de passe en moins d’une minute.'
  },
  setUpKey: {
    title: 'Installer une clé pour {{name}} ?',
    confirm: 'Installer une clé',
    busy: 'Installation de votre clé sur le serveur…',
    error: 'La clé n’a pas pu être installée',
    text: 'L’application crée une clé sur cet ordinateur (ou reprend celle qu’elle a déjà créée), garde sa phrase de passe dans le trousseau de cet ordinateur, et l’ajoute à la liste des clés autorisées de {{name}}. Ensuite elle vérifie que la clé permet de se connecter, et l’utilise désormais.',
    passwordStays: 'Votre mot de passe continue de marcher jusqu’à ce que vous choisissiez de désactiver la connexion par mot de passe.',
    publicKey: 'Votre clé publique, à ajouter sur la page « Clés SSH » de votre hébergeur (ou à donner à l’administrateur de votre serveur) :',
    copyWhat: 'votre clé publique'
  }
}
