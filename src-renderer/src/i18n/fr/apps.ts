import type { apps as en } from '../en/apps'
import type { Translation } from '../keys'

export const apps: Translation<typeof en> = {
  health: {
    running: 'En marche',
    updating: 'Mise à jour',
    attention: 'À vérifier',
    failed: 'En échec',
    stopped: 'Arrêtée',
    unknown: 'Inconnu',
    notDeployed: 'Non déployée'
  },
  versionUnknown: 'Version inconnue',
  replicas: {
    none: 'Arrêté (0 voulu)',
    stopping: '{{count}} encore en cours d’arrêt',
    running: '{{running}} sur {{desired}} en marche'
  },
  serviceHealth: {
    healthy: 'Le contrôle de santé réussit',
    unhealthy: 'Le contrôle de santé échoue',
    starting: 'Le contrôle de santé démarre',
    none: 'Pas de contrôle de santé'
  },
  restarts: {
    none: 'Aucun redémarrage',
    some_one: 'Redémarré {{count}} fois',
    some_other: 'Redémarré {{count}} fois',
    neverStarted_one: 'N’a pas démarré ({{count}} essai)',
    neverStarted_other: 'N’a pas démarré ({{count}} essais)'
  },
  phase: {
    preparing: 'Préparation',
    deploying: 'Envoi au serveur',
    converging: 'Démarrage',
    rollingBack: 'Retour en arrière',
    done: 'Déployée',
    rolledBack: 'Revenue en arrière',
    timedOut: 'Trop long',
    cancelled: 'Annulé',
    failed: 'En échec'
  },
  phaseSentence: {
    preparing: 'Préparation du type d’application (recette) et de ses réglages…',
    deploying: 'Envoi de l’application (stack) au serveur…',
    converging: 'En attente du démarrage des services de l’application et de leurs contrôles de santé…',
    rollingBack: 'La nouvelle version n’a pas démarré correctement : le serveur revient à la précédente…',
    done: 'Votre application est déployée et en marche.',
    rolledBack: 'La nouvelle version n’a pas démarré correctement. Le serveur est revenu à la version précédente.',
    timedOut: 'L’application n’a pas été prête dans le temps imparti.',
    cancelled: 'Le déploiement a été annulé.',
    failed: 'Le déploiement a échoué.'
  },
  converged_one: '{{ready}} service prêt sur {{count}}',
  converged_other: '{{ready}} services prêts sur {{count}}',
  seconds_one: '{{count}} seconde',
  seconds_other: '{{count}} secondes',
  minutes_one: '{{count}} minute',
  minutes_other: '{{count}} minutes',
  minutesSeconds: '{{minutes}} {{seconds}}',
  elapsed: 'Déjà {{elapsed}} ; cela peut prendre jusqu’à {{timeout}}',
  deployTitle: {
    upgrade: 'Mise à jour de {{domain}}',
    upgradeTo: 'Mise à jour de {{domain}} vers {{version}}',
    rollback: 'Retour en arrière de {{domain}}',
    rollbackTo: 'Retour de {{domain}} à {{version}}',
    redeploy: 'Nouveau déploiement de {{domain}}',
    deploy: 'Déploiement de {{domain}}'
  },

  list: {
    title: 'Applications',
    newApp: 'Nouvelle application',
    intro: 'Toutes les applications de vos serveurs (chacune une stack Docker), et si chacune va bien. La liste se met à jour toute seule.',
    loading: 'Vos serveurs sont interrogés sur leurs applications…',
    loadFailed: 'La liste des applications n’a pas pu être chargée',
    unreachableTitle: 'Impossible de joindre {{server}}',
    unreachableText:
      'Ses applications sont listées d’après les réglages de cet ordinateur, mais leur état reste inconnu tant que le serveur ne répond pas.',
    serverSaid: ' Le serveur a répondu : {{error}}',
    checkServer: 'Vérifier {{server}}',
    emptyTitle: 'Aucune application pour l’instant',
    emptyText: 'Choisissez une application dans le catalogue, comme un wiki ou un espace de fichiers, et faites-la tourner sur un de vos serveurs.',
    createFirst: 'Créer votre première application',
    listLabel: 'Vos applications',
    aboutApp: 'À propos de {{domain}}'
  },

  facts: {
    server: 'Serveur : ',
    appType: 'Type d’application',
    notKnown: 'inconnu',
    version: 'Version',
    upgradeAvailable: 'Mise à jour disponible : {{version}}',
    chaos: 'Déployée depuis votre copie locale de la recette ({{words}})',
    chaosNoCommit: 'Déployée depuis une copie locale de la recette',
    chaosUnsaved: '{{commit}}, avec des modifications non enregistrées dans git',
    chaosTitle: 'Pas une version publiée : abra appelle cela un déploiement « chaos ». Déployez une version publiée pour revenir à la normale.'
  },

  localCopy: {
    title: 'Avancé',
    switch: 'Afficher les actions avancées',
    switchHint: 'Pour les personnes qui maintiennent la recette de cette application.',
    explain:
      'Si vous maintenez la recette {{recipe}}, vous pouvez essayer vos modifications sur cette application avant de les publier. Cela envoie les fichiers de la recette tels qu’ils sont maintenant sur cet ordinateur, dans ~/.abra/recipes/{{recipe}}, modifications non enregistrées dans git comprises, au lieu d’une version publiée.',
    deploy: 'Déployer ma copie locale de la recette',
    confirmTitle: 'Déployer votre copie locale de {{recipe}} sur {{domain}} ?',
    confirmText:
      '{{domain}} fera tourner les fichiers de ~/.abra/recipes/{{recipe}} exactement tels qu’ils sont maintenant, modifications non enregistrées dans git comprises. Personne d’autre ne peut obtenir cette version exacte : servez-vous-en pour faire des essais. Les réglages de l’application gardent la version qu’ils indiquent ; déployez plus tard une version publiée pour revenir à la normale.',
    confirm: 'Déployer ma copie locale',
    starting: 'Démarrage…',
    failed: 'Le déploiement de votre copie locale n’a pas pu démarrer'
  },

  detail: {
    allApps: 'Toutes les applications',
    aboutThisApp: 'À propos de cette application',
    loading: 'Chargement de l’application…',
    refreshFailed: 'L’état de l’application n’a pas pu être actualisé',
    loadFailed: 'L’application n’a pas pu être chargée',
    backToAll: 'Retour à toutes les applications',
    tabs: {
      overview: 'Vue d’ensemble',
      config: 'Configuration',
      secrets: 'Secrets',
      logs: 'Journaux',
      terminal: 'Terminal',
      commands: 'Commandes',
      health: 'Santé',
      volumes: 'Volumes',
      files: 'Fichiers'
    }
  },

  job: {
    removed: '{{domain}} a été supprimée, avec ses données, ses secrets et ses réglages.',
    backToAll: 'Retour à toutes les applications'
  },

  logsTab: {
    notDeployed: 'L’application n’est pas déployée : elle n’a donc aucun journal à montrer. Déployez-la d’abord.'
  },
  terminalTab: {
    notDeployed: 'L’application n’est pas déployée : il n’y a rien où ouvrir un terminal. Déployez-la d’abord.',
    noService: 'L’application n’a aucun service en marche où ouvrir un terminal.',
    intro:
      'Une ligne de commande dans un des conteneurs de l’application, si vous savez ce que vous faites. Les changements que vous y faites sont perdus quand le conteneur redémarre.',
    service: 'Service'
  },

  overview: {
    deployFailed: 'Le déploiement n’a pas pu démarrer',
    restartFailed: 'Le service {{service}} n’a pas pu être redémarré',
    goBackTo: 'Revenir à {{version}}',
    statusWord: '{{word}} : ',
    starting: 'Démarrage…',
    redeploy: 'Redéployer',
    deploy: 'Déployer',
    upgrade: 'Mettre à jour',
    upgradeTo: 'Mettre à jour vers {{version}}',
    undeploy: 'Arrêter',
    remove: 'Supprimer…',
    hintDeployed:
      'Redéployer applique les réglages modifiés. Arrêter retire l’application du serveur et garde ses données ; Supprimer les efface.',
    hintNotDeployed: 'Les réglages de l’application sont enregistrés sur cet ordinateur. Déployer la démarre sur le serveur.',
    backupsTitle: 'Sauvegardes (copies des données de l’application)',
    seeBackups: 'Voir ses sauvegardes',
    move: 'Déplacer vers un autre serveur…',
    servicesTitle: 'Services',
    nothingRunning: 'L’application n’est pas déployée : rien ne tourne encore.',
    servicesFailed: 'L’état des services n’a pas pu être chargé'
  },

  config: {
    intro:
      'Les réglages de l’application sont gardés sur cet ordinateur, dans le fichier que lit abra. Les changements s’appliquent au prochain déploiement.',
    formFailed: 'Le formulaire n’a pas pu suivre ce changement',
    saveFailed: 'Les réglages n’ont pas pu être enregistrés',
    savedDeployed: 'Enregistré. L’application en marche garde les anciens réglages jusqu’à son prochain déploiement.',
    savedNotDeployed: 'Enregistré. Ils s’appliquent quand vous déployez l’application.',
    redeployNow: 'Redéployer maintenant',
    deployNow: 'Déployer maintenant',
    deployFailed: 'Le déploiement n’a pas pu démarrer',
    saving: 'Enregistrement…',
    undo: 'Annuler les changements'
  },

  secrets: {
    onServer: 'Sur le serveur',
    missing: 'Manquant',
    notKnown: 'Inconnu',
    createFailed: 'Les secrets n’ont pas pu être créés',
    changeFailed: 'Le secret {{name}} n’a pas pu être changé',
    removeFailed: 'Le secret {{name}} n’a pas pu être supprimé',
    intro:
      'Les secrets sont les mots de passe et les clés qu’utilise l’application. Ils sont gardés sur le serveur (en secrets Docker), jamais sur cet ordinateur : l’application ne peut donc plus les montrer une fois créés.',
    loading: 'Le serveur est interrogé sur les secrets existants…',
    listFailed: 'Les secrets n’ont pas pu être listés',
    followRedeploy: 'Suivre le redéploiement',
    oldValueStill: 'La nouvelle valeur de {{name}} est enregistrée sur le serveur, mais l’application n’est pas encore redéployée : elle continue de fonctionner avec l’ancienne valeur jusqu’au prochain déploiement.',
    deployAgain: 'Déployer à nouveau…',
    none: 'Ce type d’application n’utilise aucun secret.',
    listLabel: 'Secrets',
    version: 'Version {{version}}',
    madeByApp: ', créé par l’application',
    typedByYou: ', saisi par vous',
    length_one: ', {{count}} caractère',
    length_other: ', {{count}} caractères',
    created: ', créé {{time}}',
    tooLong: 'Son nom Docker ({{swarmName}}) est plus long que ce que Docker accepte. Utilisez un domaine ou un nom de secret plus court.',
    valueFor: 'Valeur de {{name}}',
    rotate: 'Changer (renouveler)',
    remove: 'Supprimer',
    detailsOf: ' de {{name}}',
    details: 'Secret Docker <mono>{{swarmName}}</mono>, défini par <mono>{{envKey}}</mono> dans les réglages.',
    creating: 'Création…',
    createMissing: 'Créer les secrets manquants ({{count}})',
    confirmChange: 'Changer {{name}} ?',
    confirmRemove: 'Supprimer {{name}} ?',
    changeIt: 'Le changer',
    removeIt: 'Le supprimer',
    changing: 'Changement…',
    removing: 'Suppression…',
    rotateText: 'L’application reçoit une nouvelle valeur pour ce secret, créée maintenant. Une fois l’application redéployée avec elle, l’ancienne valeur ne fonctionne plus.',
    rotateRedeploy: '<strong>L’application est redéployée</strong> pour l’utiliser : elle redémarre donc un instant. Vous voyez d’abord ce que le redéploiement change, et vous le confirmez.',
    rotateOwnCopy:
      'Certaines applications gardent leur propre copie (un mot de passe de base de données, par exemple) ; changer le secret ici ne la change pas là-bas.',
    removeText: 'Le secret est effacé du serveur. Sa valeur ne pourra pas être retrouvée.',
    removeCantStart: 'L’application ne peut pas démarrer sans lui : recréez-le (avec une nouvelle valeur) avant le prochain déploiement.',
    removeDeployed:
      'Tant que l’application est déployée, elle utilise ce secret et Docker refuse de le supprimer. Arrêtez d’abord l’application, ou changez (renouvelez) plutôt le secret.'
  },

  secretValues: {
    copyNow: 'Copiez-les maintenant : ils ne sont montrés qu’une fois',
    created: 'Les secrets ont été créés',
    keepThem:
      'Gardez-les dans votre gestionnaire de mots de passe si vous en avez besoin (par exemple pour vous connecter en administrateur de l’application).',
    typedValue: 'Créé avec la valeur que vous avez saisie.',
    haveCopied: 'Je les ai copiés'
  },

  deploy: {
    intro: 'Sur {{server}}. Vous pouvez quitter cet écran : le déploiement continue, et la liste des tâches dans la barre latérale vous y ramène.',
    progressFailed: 'L’avancement du déploiement n’a pas pu être chargé',
    openApp: 'Ouvrir l’application',
    retryFailed: 'Le déploiement n’a pas pu redémarrer'
  },

  deployView: {
    progressLabel: 'Avancement du déploiement',
    goingBackTitle: 'Retour à la version précédente',
    goingBackText:
      'La nouvelle version n’est pas devenue saine. Le serveur remet la précédente en place pour que l’application continue de fonctionner.',
    whatNext: 'Et maintenant : ',
    took: 'Cela a pris {{time}}.',
    servicesTitle: 'Services',
    cancelling: 'Annulation…',
    cancelFailed: 'Le déploiement n’a pas pu être annulé',
    causes: {
      download: 'Le logiciel de l’application n’a pas pu être téléchargé',
      'disk-full': 'Le disque du serveur est plein',
      placement: 'Aucun serveur ne peut faire tourner l’application',
      exits: 'L’application démarre, puis s’arrête',
      health: 'Le contrôle de santé de l’application échoue sans cesse',
      timeout: 'L’application n’a pas démarré à temps',
      unknown: 'Le déploiement a échoué'
    },
    openSite: 'Ouvrir {{domain}}',
    manage: 'Gérer l’application',
    openLogs: 'Ouvrir les journaux',
    starting: 'Démarrage…',
    logSummary: 'Afficher les détails (le journal du déploiement)',
    logLabel: 'Journal du déploiement',
    nothingLogged: 'Rien dans le journal pour l’instant.'
  },

  envForm: {
    title: 'Réglages',
    backToForm: 'Revenir au formulaire',
    editFile: 'Modifier le fichier directement (avancé)',
    fileLabel: 'Le fichier de réglages de l’application (.env)',
    fileHint:
      'Le même fichier qu’utilise abra. Les lignes qui commencent par # sont des commentaires ou des réglages désactivés. Les secrets n’y sont pas gardés, seulement leurs versions.',
    updating: 'Mise à jour du fichier…',
    missingTitle: 'Certains réglages utilisés par l’application ne sont pas définis',
    missingText:
      'Le type d’application les utilise, mais le fichier ne les définit pas. L’application risque de ne pas démarrer sans eux : ajoutez-les avec « Modifier le fichier directement ».',
    problemsTitle: 'Problèmes dans le fichier',
    error: 'Erreur : ',
    warning: 'Attention : ',
    noSettings: 'Ce type d’application n’a besoin d’aucun réglage en dehors de son domaine.',
    essentials: 'Ces réglages n’ont pas encore de valeur, et l’application en a besoin.',
    noEssentials:
      'Rien d’autre à décider pour l’instant : tous les autres réglages ont déjà une valeur ou une valeur par défaut, que vous pouvez changer dans « Plus de réglages ».',
    more: 'Plus de réglages',
    settingCount_one: '{{count}} réglage',
    settingCount_other: '{{count}} réglages',
    partCount_one: '{{count}} partie facultative',
    partCount_other: '{{count}} parties facultatives',
    countsJoin: '{{first}}, {{second}}',
    on: 'Activé',
    off: 'Désactivé',
    needed: ' (nécessaire)',
    optional: ' (facultatif)',
    defaultValue: 'Laissez vide pour garder la valeur par défaut de la recette ({{value}}).',
    leaveUnset: 'Laissez vide pour ne pas le définir.',
    yesNoUnset: 'Non réglé : l’application décide elle-même tant que vous ne l’activez ou ne le désactivez pas.',
    yesNoDefaultOn: 'Activé sauf si vous le désactivez (valeur par défaut de la recette).',
    yesNoDefaultOff: 'Désactivé sauf si vous l’activez (valeur par défaut de la recette).',
    suggestion: '{{value}} ({{note}})',
    suggests: 'La recette propose : {{list}}.'
  },

  logView: {
    service: 'Service',
    allServices: 'Tous les services',
    search: 'Rechercher',
    searchPlaceholder: 'Ne montrer que les lignes contenant…',
    connecting: 'Connexion aux journaux…',
    following: 'Les nouvelles lignes s’affichent à mesure qu’elles arrivent.',
    paused_one: 'En pause. {{count}} nouvelle ligne attend.',
    paused_other: 'En pause. {{count}} nouvelles lignes attendent.',
    ended: 'Le flux des journaux s’est terminé.',
    matches: ' {{shown}} lignes sur {{total}} correspondent.',
    pause: 'Pause',
    followAgain: 'Reprendre le suivi',
    startAgain: 'Recommencer',
    readFailed: 'Les journaux n’ont pas pu être lus',
    linesLabel: 'Lignes du journal',
    noLines: 'Aucune ligne de journal.',
    noLinesYet: 'Aucune ligne de journal pour l’instant.',
    noMatch: 'Aucune ligne ne correspond à votre recherche.'
  },

  move: {
    sameDomain: 'La copie a besoin d’une adresse différente de celle de l’original.',
    title: 'Déplacer {{domain}} vers un autre serveur',
    description: 'Fait tourner la même application, avec les mêmes données, sur un autre de vos serveurs. Elle tourne maintenant sur {{server}}.',
    loadingServers: 'Recherche de vos serveurs…',
    serversFailed: 'Vos serveurs n’ont pas pu être listés',
    noOtherServer: 'Vous n’avez pas encore d’autre serveur. Ajoutez-en un d’abord, puis revenez ici.',
    addServer: 'Ajouter un serveur',
    moveTo: 'La déplacer vers',
    andTheApp: 'Et l’application sur {{server}}',
    modeClone: 'La laisser tourner, et faire une copie à une autre adresse',
    modeMove: 'L’arrêter une fois la nouvelle en marche (un déplacement, même adresse)',
    domainLabel: 'Adresse (domaine) de la copie',
    domainPlaceholder: 'copie.{{domain}}',
    domainHint:
      'La copie répond à sa propre adresse : les deux peuvent donc tourner en même temps. Faites pointer ce domaine vers le nouveau serveur dans ses réglages DNS.',
    whatHappens: 'Ce qui va se passer',
    keepsAddress:
      'L’application garde son adresse ({{domain}}) : faites-la pointer vers {{target}} dans les réglages de votre domaine (DNS) quand vous serez prêt.',
    moveFailedStart: 'Le déplacement n’a pas pu démarrer',
    copyFailedStart: 'La copie n’a pas pu démarrer',
    starting: 'Démarrage…',
    confirmMove: 'Déplacer vers {{target}}',
    confirmCopy: 'Copier vers {{target}}',
    movedTitle: '{{domain}} tourne maintenant sur {{target}}',
    copiedTitle: 'La copie {{domain}} tourne sur {{target}}',
    moveFailed: 'Le déplacement a échoué',
    copyFailed: 'La copie a échoué',
    oldStopped: 'L’application sur {{server}} est arrêtée ; ses données y sont toujours.',
    oldRuns: 'L’application sur {{server}} tourne comme avant.',
    failedText:
      'L’application sur {{server}} n’est arrêtée qu’à la toute dernière étape : elle tourne donc toujours, sauf si le journal dit le contraire. Lisez les détails, corrigez ce qu’ils indiquent, puis réessayez.',
    openOn: 'Ouvrir {{domain}} sur {{target}}',
    hide: 'Masquer (cela continue)'
  },

  recipeIncomplete: {
    title: 'Cette version de la recette est inutilisable : des fichiers manquent',
    nothingCreated: '{{message}} Rien ne sera créé sur votre serveur.',
    whatNext: 'Et maintenant : '
  },

  remove: {
    title: 'Supprimer {{domain}} et effacer ses données ?',
    confirm: 'Tout effacer',
    busy: 'Suppression…',
    failed: 'L’application n’a pas pu être supprimée',
    warning: 'Cela va EFFACER les données de l’application. C’est irréversible.',
    stopped: 'L’application est arrêtée et retirée de {{server}}.',
    data: 'Ses données (volumes) sur {{server}} sont effacées.',
    secrets: 'Ses secrets (les mots de passe qu’utilise l’application) sont effacés.',
    settings: 'Ses réglages (le fichier .env sur cet ordinateur) sont effacés.',
    backupFirst: 'Si vous risquez d’avoir besoin des données plus tard, faites d’abord une sauvegarde.'
  },

  secretForm: {
    missingPassphrase: 'Tapez d’abord la phrase de passe, puis choisissez Se connecter.',
    missingPassword: 'Tapez d’abord le mot de passe, puis choisissez Se connecter.',
    passphraseFor: 'Phrase de passe de la clé {{keyFile}}',
    passphrase: 'Phrase de passe de la clé',
    passwordFor: 'Mot de passe de {{who}}',
    passwordForThisUser: 'Mot de passe de cet utilisateur',
    passphraseHint: 'Votre clé SSH est verrouillée par une phrase de passe. L’application en a besoin pour se connecter au serveur.',
    passwordHint: 'Le serveur demande le mot de passe de cet utilisateur.',
    remember: 'Retenir dans le trousseau de cet ordinateur',
    rememberHint: 'L’application ne le demandera plus sur cet ordinateur.',
    signingIn: 'Connexion…',
    signIn: 'Se connecter'
  },

  secretsReveal: {
    title_one: 'Le mot de passe créé pour votre application',
    title_other: 'Les mots de passe créés pour votre application',
    text: '<strong>Ils ne seront plus affichés.</strong> Copiez maintenant ceux dont vous avez besoin (par exemple un mot de passe administrateur) dans votre gestionnaire de mots de passe. L’application elle-même les a déjà.'
  },

  serviceList: {
    none: 'Aucun service ne tourne pour cette application.',
    label: 'Services',
    restarting: 'Redémarrage…',
    restart: 'Redémarrer',
    about: 'À propos de {{name}}',
    lastError: 'Dernière erreur : ',
    detailsOf: ' de {{name}}',
    serviceImage: 'Service <mono>{{service}}</mono>, image <mono>{{image}}</mono>',
    lastUpdate: 'Dernière mise à jour : {{state}}',
    lastUpdateMessage: 'Dernière mise à jour : {{state}} — {{message}}',
    tasksOf: 'Tâches de {{name}}',
    task: 'Tâche',
    node: 'Nœud',
    state: 'État',
    since: 'Depuis',
    message: 'Message',
    wanted: ' (voulu : {{state}})'
  },

  siteLink: {
    opensOutside: ' (s’ouvre dans votre navigateur)'
  },

  terminal: {
    opening: 'Ouverture d’un shell dans {{service}}…',
    connected: 'Connecté à {{service}}. Tapez exit pour terminer la session.',
    ended: 'La session est terminée.',
    endedCode: 'La session est terminée (code de sortie {{code}}).',
    startAgain: 'Recommencer',
    openFailed: 'Le terminal n’a pas pu être ouvert',
    label: 'Terminal dans {{service}}'
  },

  undeploy: {
    title: 'Arrêter {{domain}} ?',
    confirm: 'Arrêter',
    busy: 'Arrêt…',
    failed: 'L’application n’a pas pu être arrêtée',
    text: 'L’application s’arrête et ses services sont retirés de {{server}}. Personne ne peut l’utiliser tant que vous ne la redéployez pas.',
    kept: 'Ses données (volumes), ses secrets (les mots de passe qu’utilise l’application) et ses réglages sont gardés : la redéployer reprend là où elle s’était arrêtée.'
  },

  upgrade: {
    titleUpgrade: 'Mettre à jour {{domain}}',
    titleRollback: 'Revenir à une version précédente de {{domain}}',
    textUpgrade:
      'Choisissez la nouvelle version à installer. L’application redémarre avec elle ; si elle ne démarre pas correctement, le serveur revient à la version actuelle.',
    textRollback: 'Choisissez la version précédente à remettre. Utile quand une nouvelle version pose problème.',
    runsNow: 'Elle tourne actuellement en {{version}}.',
    loading: 'Recherche des versions…',
    loadFailed: 'Les versions n’ont pas pu être trouvées',
    noneNewer: 'Il n’y a pas de version plus récente. L’application tourne déjà avec la plus récente que connaît cet ordinateur.',
    noneOlder: 'Il n’y a pas de version précédente où revenir.',
    newVersion: 'Nouvelle version',
    goBackVersion: 'Revenir à la version',
    newest: ' (la plus récente)',
    ranBefore: ' (celle d’avant)',
    whatsNew: 'Nouveautés',
    noNotes: 'La recette n’a pas de notes de version pour {{version}}.',
    newSettings: 'Nouveaux réglages',
    comparing: 'Comparaison des réglages…',
    compareFailed: 'Les réglages n’ont pas pu être comparés',
    noNewSettings: '{{version}} n’a besoin d’aucun réglage que votre application n’a pas déjà.',
    addsSettings:
      '{{version}} ajoute ces réglages. Votre application recevra les valeurs par défaut de la recette montrées ici, sauf si vous les définissez dans l’onglet Configuration avant de continuer.',
    notSet: '(non défini : valeur par défaut de la recette)',
    backupFirst: 'Faire d’abord une sauvegarde',
    nothingToBackUp: 'Il n’y a rien à sauvegarder : {{explanation}}',
    backupUpgrade:
      'Une copie des données de l’application est faite et vérifiée avant tout changement. Si la sauvegarde échoue, la mise à jour n’a pas lieu et l’application continue de tourner telle quelle.',
    backupRollback:
      'Une copie des données de l’application est faite et vérifiée avant tout changement. Si la sauvegarde échoue, le changement de version n’a pas lieu et l’application continue de tourner telle quelle.',
    noBackupUpgrade: 'Aucune sauvegarde n’est faite. Si la nouvelle version modifie les données de l’application, il n’y aura pas de copie où revenir.',
    noBackupRollback:
      'Aucune sauvegarde n’est faite. Si la version précédente modifie les données de l’application, il n’y aura pas de copie où revenir.',
    upgradeFailed: 'La mise à jour n’a pas pu démarrer',
    rollbackFailed: 'Le retour en arrière n’a pas pu démarrer',
    starting: 'Démarrage…',
    confirmUpgrade: 'Mettre à jour vers {{version}}',
    confirmRollback: 'Revenir à {{version}}'
  },
  domainCheck: {
    checking: 'Vérification de la destination de {{domain}}…',
    okTitle: '{{domain}} mène à ce serveur',
    missingTitle: '{{domain}} n’est pas encore configuré',
    elsewhereTitle: '{{domain}} mène à une autre machine',
    cantCheckTitle: 'Impossible de vérifier le domaine pour l’instant',
    goOn: 'Vous pouvez déployer quand même : l’application démarre, et les visiteurs la joignent dès que le domaine mène à ce serveur.',
    checkAgain: 'Vérifier à nouveau',
    checkingShort: 'Vérification…'
  },
  activity: {
    title: 'Activité',
    loading: 'Lecture de qui a modifié cette app…',
    loadFailed: 'L’activité n’a pas pu être lue',
    byWho: '{{who}} : {{what}}',
    running: 'Ce qui tourne maintenant',
    unshared: 'Pas encore partagé avec l’équipe',
    none: 'Rien n’est encore noté pour cette app.',
    noHistory: 'Qui a modifié les réglages s’affiche ici une fois qu’ils sont partagés avec votre équipe (Réglages → Partager les réglages des apps avec votre équipe).',
    serverProblem: 'Le déploiement noté sur le serveur n’a pas pu être lu : {{problem}}'
  }
}
