import type { en } from '../en'
import type { Translation } from '../keys'

export const servers: Translation<typeof en.servers> = {
  checks: {
    notChecked: 'Pas encore vérifié : une étape précédente doit d’abord être réglée.',
    title: {
      connection: 'Connexion',
      ssh: 'Connexion SSH',
      dockerInstalled: 'Docker Engine installé',
      dockerAccess: 'Accès à Docker',
      swarm: 'Mode Swarm',
      proxyNetwork: 'Le réseau « proxy »',
      reverseProxy: 'Proxy inverse'
    },
    local: 'Cet ordinateur : pas besoin de SSH.',
    tryAgain: 'Réessayer',
    sshFix: 'Vérifiez l’adresse et que le serveur est allumé, puis réessayez.',
    dockerInstalled: 'Docker Engine est installé.',
    dockerMissing: 'Docker Engine n’est pas installé sur ce serveur. Les applications tournent sur Docker : il est donc nécessaire.',
    prepare: 'Préparer ce serveur',
    prepareInstall: 'L’application peut installer Docker Engine depuis les paquets du système. Vous pouvez le lancer plusieurs fois sans risque.',
    checkAgain: 'Vérifier à nouveau',
    installLocal: 'Installez Docker Engine sur cet ordinateur (voir docs.docker.com/engine/install), puis vérifiez à nouveau.',
    installNeedsRoot: 'L’installation demande l’utilisateur root ou sudo sur un serveur Debian ou Ubuntu. Connectez-vous en root, ou demandez à votre administrateur d’installer Docker Engine.',
    prepareAccess: 'L’application peut démarrer Docker et y donner accès à votre utilisateur.',
    addToGroup: 'Ajoutez l’utilisateur au groupe « docker » (sudo usermod -aG docker USER), ou connectez-vous en root, puis vérifiez à nouveau.',
    startDocker: 'Démarrez Docker (sudo systemctl start docker), puis vérifiez à nouveau.',
    swarmWorker: 'Ce serveur est un nœud worker du swarm. Les applications se déploient depuis un manager.',
    swarmWorkerFix: 'Ajoutez plutôt le serveur manager du swarm, ou promouvez celui-ci (docker node promote).',
    swarmOff: 'Le mode Swarm est désactivé. Les applications Co-op Cloud tournent en stacks swarm : il doit être activé.',
    swarmOn: 'Activer Swarm',
    swarmOnFix: 'L’application peut l’activer. Vous choisissez laquelle des adresses du serveur les autres serveurs utiliseraient pour le joindre.',
    proxyNetworkOk: 'Le réseau partagé « proxy » existe.',
    proxyNetworkWrongFix: 'Supprimez-le (docker network rm proxy) quand plus rien ne l’utilise, puis laissez l’application le créer.',
    proxyNetworkMissing: 'Le réseau partagé « proxy », qui relie les applications au proxy inverse, n’existe pas encore.',
    createIt: 'Le créer',
    createItFix: 'L’application peut le créer pour vous.',
    deployProxy: 'Déployer le proxy',
    deployProxyFix: 'L’application peut installer la recipe « traefik » de Co-op Cloud pour vous. Vous choisissez l’adresse de son tableau de bord et une adresse e-mail pour les certificats HTTPS.',
    swarmOnOne: 'Swarm est activé. Ce serveur fait tourner ses applications seul (le manager Swarm, 1 nœud).',
    connected: 'Connecté à {{label}}.',
    dockerVersion: 'Docker Engine {{version}} est installé.',
    dockerAccessOk: 'L’application peut parler à Docker sur {{socket}}.',
    userNoDocker: 'L’utilisateur {{user}} n’a pas le droit d’utiliser Docker sur ce serveur.',
    noDocker: 'L’utilisateur n’a pas le droit d’utiliser Docker sur ce serveur.',
    notRunning: 'Docker est installé mais ne tourne pas (rien ne répond sur {{socket}}).',
    noTalk: 'L’application n’a pas pu parler à Docker : {{reason}}.',
    noAnswer: 'pas de réponse',
    proxyNetworkWrong: 'Un réseau nommé « proxy » existe, mais c’est un réseau {{driver}} ; les applications ont besoin d’un réseau overlay.',
    proxyRunning: 'Un proxy inverse tourne ({{service}}).',
    noProxy: 'Aucun proxy inverse (Traefik) ne tourne encore. C’est lui qui envoie les visiteurs du web vers la bonne application.',
    noProxyNoNetwork:
      'Aucun proxy inverse (Traefik) ne tourne encore. C’est lui qui envoie les visiteurs du web vers la bonne application. Créez d’abord le réseau « proxy » ; l’application pourra ensuite en déployer un.',
    swarmOnMany: 'Swarm est activé. Ce serveur dirige un groupe de {{nodes}} serveurs qui font tourner des applications ensemble (le manager Swarm, {{nodes}} nœuds).'
  },
  signIn: {
    title: 'Connexion par mot de passe',
    unknown: 'L’application n’a pas pu demander au serveur comment on s’y connecte. Vérifiez à nouveau plus tard.',
    notChecked: 'Pas encore vérifié : une étape précédente doit d’abord être réglée.',
    off: 'La connexion par mot de passe est désactivée : seules les clés permettent de se connecter, ce qui tient à l’écart les robots qui devinent les mots de passe.',
    on: 'Le serveur permet encore de se connecter avec un mot de passe. Des robots sur internet essaient des mots de passe toute la journée ; sans connexion par mot de passe, seule une personne qui détient une clé peut entrer.',
    fixLabel: 'Désactiver la connexion par mot de passe',
    fixText:
      'L’application vérifie d’abord que votre clé permet de se connecter sur une nouvelle connexion. En cas de problème, le serveur réactive de lui-même la connexion par mot de passe en moins d’une minute : vous ne pouvez pas vous retrouver bloqué dehors.',
    setUpKeyLabel: 'Configurer une clé',
    setUpKeyText:
      'L’application se connecte avec un mot de passe : désactiver les mots de passe maintenant vous bloquerait dehors. L’application peut d’abord créer une clé et la mettre sur le serveur ; elle pourra ensuite désactiver la connexion par mot de passe.'
  },
  passwordOff: {
    cancelled: 'Annulé. Rien n’a été modifié sur le serveur.',
    alreadyOff: 'Le serveur n’accepte déjà que les clés ; rien à faire.',
    keySignInFailed: 'La connexion par clé a échoué : {{reason}}',
    keyNotProven:
      'L’application n’a pas pu se connecter avec une clé sur une nouvelle connexion, elle n’a donc pas désactivé la connexion par mot de passe : vous pourriez vous retrouver bloqué dehors. Utilisez d’abord « Configurer une clé » dans les vérifications du serveur, puis réessayez.',
    signedInWith: 'Connecté avec {{key}}.',
    needsAdmin:
      'L’utilisateur {{user}} ne peut pas modifier les réglages de connexion du serveur : il n’est pas root et n’a pas sudo sans mot de passe. Connectez-vous en root, ou demandez à l’administrateur de votre serveur.',
    sshdNotFound: 'L’application n’a pas trouvé le service SSH sur le serveur, elle n’a donc rien modifié. Demandez à l’administrateur de votre serveur de désactiver la connexion par mot de passe.',
    sshdFound: 'Service SSH : {{sshd}} (processus {{pid}}), réglages dans {{config}}, cette connexion sur le port {{port}}.',
    elsewhereAlready:
      'La connexion par mot de passe est désactivée en tête des réglages SSH du serveur, et pourtant le serveur accepte encore les mots de passe : un autre réglage plus bas l’emporte. Demandez à l’administrateur de votre serveur d’y regarder.',
    configInvalid:
      'Les réglages SSH du serveur contiennent déjà une erreur, l’application n’a donc rien modifié (un fichier cassé pourrait empêcher SSH de démarrer). Demandez à l’administrateur de votre serveur.',
    noSetsid:
      'Il manque au serveur l’outil « setsid », dont l’application se sert pour que les réglages reviennent d’eux-mêmes si la connexion tombe ; l’application n’a donc rien modifié. Installez le paquet util-linux sur le serveur (ou demandez à son administrateur), puis réessayez.',
    failed: 'La désactivation de la connexion par mot de passe a échoué ; l’application a remis les réglages comme avant.',
    changed: 'Modifié. Le serveur remettra de lui-même les anciens réglages dans {{seconds}} secondes, à moins que l’application prouve qu’elle peut encore se connecter.',
    notProvenAfter: 'Après la modification, une nouvelle connexion n’a pas pu se connecter avec votre clé.',
    elsewhere:
      'La modification n’a pas pris effet : le serveur accepte encore les mots de passe, un autre de ses réglages l’emporte donc. L’application a tout remis comme avant. Demandez à l’administrateur de votre serveur.',
    proven: 'Une nouvelle connexion s’est connectée avec votre clé, et le serveur ne propose plus la connexion par mot de passe.',
    cancelledUndone: 'Annulé. Les réglages sont revenus comme avant : la connexion par mot de passe est activée.',
    notKeptLog: 'Impossible de conserver la modification : {{reason}}',
    notKept:
      'L’application a perdu le contact avec le serveur avant de pouvoir conserver la modification ; le serveur réactivera donc de lui-même la connexion par mot de passe dans les {{seconds}} secondes. Vérifiez à nouveau ensuite.',
    done: 'Terminé : seules les clés permettent maintenant de se connecter.',
    undone: 'Les anciens réglages sont revenus.',
    undoLater: 'Impossible d’annuler tout de suite ({{reason}}) ; le minuteur du serveur s’en chargera.',
    undoWithin: 'Le serveur remettra de lui-même les anciens réglages dans les {{seconds}} secondes.',
    steps: {
      keySignIn: 'Vérification que votre clé permet de se connecter',
      look: 'Examen des réglages de connexion du serveur',
      turnOff: 'Désactivation de la connexion par mot de passe',
      prove: 'Preuve que vous pouvez encore vous connecter, avec une nouvelle connexion',
      keep: 'Conservation de la modification'
    },
    agentKey: 'une clé de votre agent SSH',
    unknownPort: 'inconnu'
  },
  prepare: {
    cancelled: 'Annulé. Les étapes déjà terminées restent faites ; relancer l’opération reprend sans risque.',
    system: 'Système : {{os}}, utilisateur {{user}}',
    needsAdmin:
      'L’utilisateur {{user}} ne peut pas installer de logiciel sur ce serveur : il n’est pas root et n’a pas sudo sans mot de passe. Connectez-vous en root (ou avec un utilisateur qui a sudo), ou demandez à votre administrateur d’installer Docker Engine.',
    notDebian: 'L’application ne sait préparer que des serveurs Debian et Ubuntu ; celui-ci utilise {{os}}. Installez Docker Engine en suivant docs.docker.com/engine/install, puis vérifiez à nouveau.',
    alreadyInstalled: 'Docker Engine est déjà installé ; rien à faire.',
    installFailed:
      'L’installation de Docker Engine a échoué. Le serveur n’a peut-être pas d’accès à internet, ou sa liste de paquets est cassée. Consultez les détails, corrigez la cause et relancez l’opération.',
    alreadyRunning: 'Docker tourne déjà.',
    startFailed: 'Docker est installé mais n’a pas voulu démarrer. Consultez les détails pour en connaître la raison.',
    root: 'Connecté en root, qui peut déjà utiliser Docker.',
    inGroup: '{{user}} fait déjà partie du groupe « docker ».',
    groupFailed: 'L’ajout de {{user}} au groupe « docker » a échoué.',
    signInAgain: 'Nouvelle connexion pour que le nouvel accès prenne effet.',
    unreachable: 'Docker Engine est installé, mais l’application ne parvient toujours pas à le joindre. Redémarrez le serveur et relancez les vérifications.',
    ready: 'Docker Engine est prêt.',
    steps: {
      look: 'Examen du serveur',
      install: 'Installation de Docker Engine',
      start: 'Démarrage de Docker',
      access: 'Accès à Docker pour votre utilisateur',
      check: 'Vérification du résultat'
    },
    osLike: '{{os}} (proche de {{like}})',
    unknown: 'inconnu',
    unknownSystem: 'un système inconnu'
  },
  keys: {
    keychainRefused:
      'Le trousseau de cet ordinateur n’a pas voulu garder la phrase de passe de la nouvelle clé : la clé n’a donc pas été conservée. Déverrouillez votre trousseau (ou reconnectez-vous à votre session), puis réessayez.',
    unusable: '{{file}} n’est pas une clé SSH privée utilisable par l’application. Choisissez le fichier sans « .pub » à la fin, ou laissez l’application créer une nouvelle clé.',
    installFailed:
      'L’application s’est connectée mais n’a pas pu ajouter votre clé à la liste des clés autorisées du serveur. Copiez votre clé publique et ajoutez-la sur la page « Clés SSH » de votre hébergeur, ou demandez à l’administrateur de votre serveur.',
    notPublicKey: 'Ce n’est pas une clé SSH publique.',
    noPasswords:
      '{{host}} ne permet à personne de se connecter avec un mot de passe : l’application ne peut donc pas y mettre votre clé elle-même. Copiez votre clé publique et ajoutez-la sur la page « Clés SSH » de votre hébergeur (ou demandez à l’administrateur de votre serveur), puis connectez-vous avec la clé.'
  },
  facts: {
    dockerTimeout: 'Docker n’a pas répondu en 15 secondes.'
  },
  service: {
    noSuchServer: 'Il n’y a pas de serveur nommé « {{name}} » dans votre liste. Il a peut-être été retiré.',
    removed: 'Le serveur « {{name}} » a été retiré.',
    probeExpired: 'Cette vérification de l’identité du serveur a expiré. Revenez en arrière et vérifiez-la à nouveau.',
    hostKeyChanged: 'L’identité du serveur a changé : l’application ne lui fera donc pas confiance. Demandez à l’administrateur de votre serveur avant toute autre chose.',
    installNeeds: 'Pour mettre votre clé sur le serveur, l’application a besoin du fichier de la clé et du mot de passe du serveur.',
    swarmInitFailed: 'Swarm n’a pas pu être activé : {{reason}}. Vérifiez que l’adresse {{address}} appartient bien à ce serveur, puis réessayez.',
    networkFailed: 'Le réseau « proxy » n’a pas pu être créé : {{reason}}. Vérifiez que Swarm est activé, puis réessayez.',
    prepareLocal: 'La préparation fonctionne sur les serveurs joints par SSH. Sur cet ordinateur, installez Docker Engine vous-même.',
    prepareTitle: 'Préparation de {{name}}',
    keyLocal: 'Cet ordinateur n’est pas joint par SSH : il n’a pas besoin de clé.',
    passwordOffLocal: 'Cet ordinateur n’est pas joint par SSH : il n’y a pas de connexion par mot de passe à désactiver.',
    passwordOffTitle: 'Désactivation de la connexion par mot de passe sur {{name}}',
    keyNotAccepted:
      'Votre clé a été ajoutée sur {{host}}, mais le serveur ne la laisse toujours pas se connecter. Le serveur garde peut-être ses clés autorisées ailleurs : demandez à l’administrateur de votre serveur, ou ajoutez la clé sur la page « Clés SSH » de votre hébergeur.'
  }
}
