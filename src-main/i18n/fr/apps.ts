import type { apps as en } from '../en/apps'
import type { Translation } from '../keys'

export const apps: Translation<typeof en> = {
  causes: {
    theApp: 'l’application',
    orBack: 'En attendant, votre application peut revenir à la version {{previous}} (Revenir en arrière).',
    download: {
      why: 'le serveur n’a pas pu télécharger le logiciel dont {{name}} a besoin. Soit ce nom ou cette version n’existe pas, soit le serveur n’a pas pu joindre l’endroit d’où il se télécharge.',
      whyImage: 'le serveur n’a pas pu télécharger le logiciel dont {{name}} a besoin ({{image}}, depuis {{registry}}). Soit ce nom ou cette version n’existe pas, soit le serveur n’a pas pu joindre l’endroit d’où il se télécharge.',
      next: 'Rien n’a démarré : il n’y a donc pas de journaux, et les réglages de l’application n’y peuvent rien. Si la connexion internet du serveur fonctionne, cette version de la recette désigne un logiciel introuvable : choisissez une autre version et prévenez les personnes qui maintiennent la recette. Si le serveur était hors ligne, réessayez quand il sera revenu.',
      missing: {
        why: 'l’image de cette version n’a pas pu être téléchargée : le registre dit qu’elle n’existe pas ({{image}}, sur {{registry}}). Le registre a répondu : la connexion internet du serveur fonctionne donc.',
        next: 'Rien n’a démarré : il n’y a donc pas de journaux, et les réglages de l’application n’y peuvent rien. Vérifiez que cette version de la recette désigne une image publiée (le nom et l’étiquette après les deux-points) : choisissez une autre version et prévenez les personnes qui maintiennent la recette.'
      },
      unreachable: {
        why: 'le serveur n’a pas pu télécharger le logiciel dont {{name}} a besoin ({{image}}, depuis {{registry}}) : le serveur n’a pas pu joindre le registre d’images ({{detail}}).',
        next: 'Rien n’a démarré : il n’y a donc pas de journaux, et les réglages de l’application n’y peuvent rien. Vérifiez la connexion internet du serveur et l’adresse du registre ({{registry}}), puis réessayez.'
      }
    },
    diskFull: {
      why: 'le disque du serveur est plein : il n’a pas pu télécharger ou démarrer {{name}}.',
      next: 'Libérez de la place sur le serveur (supprimez les applications dont vous ne vous servez plus, ou demandez un disque plus grand à votre hébergeur), puis réessayez.'
    },
    resources: {
      why: 'aucun serveur n’a assez de mémoire ou de processeur libre pour {{name}} (la recette réserve plus que ce qui est libre).',
      next: 'Arrêtez ou supprimez une autre application de ce serveur pour libérer de la mémoire et du processeur, ou déplacez l’application sur un serveur plus puissant ; puis réessayez.'
    },
    placement: {
      why: 'aucun serveur n’a le droit de faire tourner {{name}} : la recette dit qu’elle ne peut tourner que sur un serveur marqué d’une certaine façon (une contrainte de placement), et aucun ne l’est.',
      next: 'La personne qui gère le serveur peut ajouter cette marque (un label de nœud, avec docker node update --label-add), ou les personnes qui maintiennent la recette peuvent changer l’endroit où elle peut tourner. Puis réessayez.'
    },
    exits: {
      why: '{{name}} démarre puis s’arrête, encore et encore.',
      whyCode: '{{name}} démarre puis s’arrête (code de sortie {{code}}), encore et encore.',
      next: 'Ses journaux disent en général pourquoi : ouvrez-les sur la page de l’application. Souvent un réglage manque ou est faux ; corrigez-le dans les réglages de l’application et déployez à nouveau.'
    },
    health: {
      why: '{{name}} démarre, mais son contrôle de santé échoue sans cesse : le serveur l’arrête et réessaie.',
      next: 'Ses journaux disent en général ce qui ne va pas : ouvrez-les sur la page de l’application. S’il lui faut seulement plus de temps pour démarrer, réessayez ; sinon corrigez dans les réglages de l’application ce que les journaux désignent.'
    },
    timeout: {
      why: 'elle n’a pas fini de démarrer en {{seconds}} secondes.',
      next: 'Elle est peut-être encore en train de démarrer : le premier démarrage d’une grosse application prend plus de temps, le serveur télécharge ses logiciels. Regardez la page de l’application dans une minute ; si elle ne tourne toujours pas, ses journaux disent pourquoi.'
    },
    unknown: {
      why: '{{name}} n’a pas démarré, et le serveur n’a pas dit pourquoi.',
      next: 'Regardez les journaux de l’application pour savoir pourquoi, puis corrigez ses réglages et déployez à nouveau.'
    }
  },
  outcome: {
    version: 'la version {{version}}',
    newVersion: 'la nouvelle version',
    versionBefore: 'la version d’avant',
    dockerSaid: 'Docker a dit : « {{raw}} ».',
    done: '{{domain}} fait tourner {{version}}.',
    doneHealthy: '{{domain}} fait tourner {{version}}, et elle est en bonne santé.',
    doneNext: 'Ouvrez {{domain}} pour vérifier qu’elle fonctionne comme prévu.',
    rolledBack: '{{Version}} de {{domain}} n’a pas démarré : le serveur est revenu à {{back}}, qui tourne.',
    rolledBackNotRunning: '{{Version}} de {{domain}} n’a pas démarré : le serveur est revenu à {{back}}, mais elle ne tourne pas encore entièrement.',
    why: 'Pourquoi : {{why}}',
    rolledBackNext: 'Votre application est toujours sur {{back}}.',
    failed: '{{Version}} de {{domain}} n’a pas démarré : {{why}}',
    timedOutWhy: '{{Version}} de {{domain}} n’a pas démarré en {{seconds}} secondes : {{why}}',
    timedOut: '{{Version}} de {{domain}} n’a pas fini de démarrer en {{seconds}} secondes.',
    timedOutWhich: '{{Version}} de {{domain}} n’a pas fini de démarrer en {{seconds}} secondes : {{which}}.',
    unreachable: '{{Version}} de {{domain}} a été envoyée au serveur, mais la connexion au serveur a été perdue pendant le démarrage de l’application et n’est pas revenue en {{seconds}} secondes. Le serveur poursuit avec ce qu’il a reçu, il a donc peut-être fini : {{domain}} fait peut-être tourner {{version}}.',
    unreachableNext: 'Regardez la page de l’application quand le serveur sera de nouveau joignable : elle indique quelle version tourne. Ne déployez à nouveau que si elle ne tourne pas.',
    cancelled: 'Vous ne suivez plus {{domain}}. Le serveur poursuit avec ce qu’il a reçu.',
    cancelledNext: 'Regardez l’état de l’application pour savoir si elle a démarré.',
    notRecorded: '{{domain}} fait tourner la version {{version}} sur le serveur, mais le disque de votre ordinateur est plein : la version {{version}} n’a pas pu être notée dans les réglages de l’application (ils indiquent encore la version d’avant).',
    notRecordedNext: {
      deploy: 'Libérez de la place sur votre ordinateur, puis déployez de nouveau {{domain}} en version {{version}} : le serveur la fait déjà tourner, rien n’y change donc et la version est notée.',
      upgrade: 'Libérez de la place sur votre ordinateur, puis mettez de nouveau {{domain}} à jour en version {{version}} : le serveur la fait déjà tourner, rien n’y change donc et la version est notée.',
      rollback: 'Libérez de la place sur votre ordinateur, puis faites de nouveau revenir {{domain}} à la version {{version}} : le serveur la fait déjà tourner, rien n’y change donc et la version est notée.',
      redeploy: 'Libérez de la place sur votre ordinateur, puis redéployez {{domain}} en version {{version}} : le serveur la fait déjà tourner, rien n’y change donc et la version est notée.'
    }
  },
  deploy: {
    steps: {
      recipe: 'Récupération de la recette',
      connect: 'Connexion au serveur',
      send: 'Envoi de l’application au serveur',
      wait: 'Attente du démarrage de l’application',
      record: 'Enregistrement de la version',
      backupFirst: 'Sauvegarde préalable de l’application',
      backupFirstWords: 'Sauvegarde préalable de l’application : {{words}}'
    },
    title: {
      deploy: 'Déploiement de {{domain}}',
      upgrade: 'Mise à jour de {{domain}} vers {{version}}',
      rollback: 'Retour de {{domain}} à {{version}}',
      redeploy: 'Redéploiement de {{domain}}',
      chaos: 'Déploiement de {{domain}} depuis votre copie locale de la recette'
    },
    chooseUpgrade: 'Choisissez la version vers laquelle mettre à jour {{domain}}.',
    chooseRollback: 'Choisissez la version à laquelle faire revenir {{domain}}.',
    nothingToRedeploy: 'Aucune version n’est notée dans les réglages de {{domain}} : il n’y a rien à redéployer. Déployez-la d’abord.',
    envInvalid: 'Les réglages de {{domain}} ont un problème, rien n’a donc été déployé : {{problems}} Corrigez-le dans les réglages de l’application et réessayez.',
    noRecipe: 'Les réglages de {{domain}} ne disent pas quelle recette elle utilise (RECIPE=…).',
    nothingSent: 'Rien n’a été envoyé au serveur ; {{domain}} est restée telle quelle.',
    created: 'Créé : {{kind}} {{name}}',
    updated: 'Mis à jour : {{kind}} {{name}}',
    removed: 'Supprimé : {{kind}} {{name}}',
    dockerWarns: 'Avertissement de Docker : {{message}}',
    noBackupNotDeployed: 'Aucune sauvegarde n’a été faite avant : {{domain}} n’est pas déployée, il n’y a donc pas encore de données sur le serveur.',
    noBackupNoLabel: 'Aucune sauvegarde n’a été faite avant : la recette ne désigne rien de {{domain}} à sauvegarder (aucun service n’a le label backupbot.backup=true).',
    backedUpFirst: '{{domain}} a d’abord été sauvegardée : {{file}}',
    backupFirstFailed: {
      deploy: 'Le déploiement n’a pas commencé car la sauvegarde préalable a échoué : {{why}} {{domain}} est restée telle quelle.',
      upgrade: 'La mise à jour n’a pas commencé car la sauvegarde préalable a échoué : {{why}} {{domain}} est restée telle quelle.',
      rollback: 'Le retour en arrière n’a pas commencé car la sauvegarde préalable a échoué : {{why}} {{domain}} est restée telle quelle.',
      redeploy: 'Le redéploiement n’a pas commencé car la sauvegarde préalable a échoué : {{why}} {{domain}} est restée telle quelle.'
    },
    warning: 'Attention : {{message}}',
    recipeVersion: 'Recette {{recipe}}, version {{version}}.',
    chaosRecipe: 'Recette {{recipe}} : votre copie locale dans {{dir}}, telle quelle ({{words}}), pas une version publiée.',
    chaosUnsaved: '{{commit}}, avec des modifications non enregistrées dans git',
    chaosNoVersion: 'Un déploiement de votre copie locale de la recette envoie les fichiers tels quels : il ne prend pas de version, et c’est un déploiement ou un redéploiement, pas une mise à jour ni un retour en arrière.',
    chaosDone: '{{domain}} fait tourner votre copie locale de la recette ({{words}}).',
    chaosDoneHealthy: '{{domain}} fait tourner votre copie locale de la recette ({{words}}), et elle est en bonne santé.',
    waiting: 'Attente du démarrage de l’application, {{seconds}} secondes au plus.',
    lost: {
      deploy: 'La connexion au serveur a été perdue pendant le démarrage de l’application. Le serveur poursuit le déploiement ; attente de sa réponse.',
      upgrade: 'La connexion au serveur a été perdue pendant le démarrage de l’application. Le serveur poursuit la mise à jour ; attente de sa réponse.',
      rollback: 'La connexion au serveur a été perdue pendant le démarrage de l’application. Le serveur poursuit le retour en arrière ; attente de sa réponse.',
      redeploy: 'La connexion au serveur a été perdue pendant le démarrage de l’application. Le serveur poursuit le redéploiement ; attente de sa réponse.'
    },
    back: 'Le serveur répond de nouveau ; suivi du démarrage de l’application.',
    rollingBack: 'La nouvelle version n’a pas démarré ; le serveur revient à la précédente.',
    recorded: 'Version {{version}} notée dans {{file}}.',
    stopped: 'Déploiement de {{domain}} arrêté.',
    stoppedNext: 'Regardez l’état de l’application pour savoir ce que le serveur fait tourner.',
    fixNext: 'Corrigez ce que dit le message, puis déployez à nouveau.',
    unknownJob: 'Ce déploiement est inconnu. Il s’est peut-être terminé avant le redémarrage de l’application ; regardez plutôt l’état de l’application.'
  },
  status: {
    goingBack: 'Retour à la version précédente',
    updatePaused: 'La mise à jour s’est arrêtée : la nouvelle version n’a pas démarré',
    rollbackPaused: 'Le retour à la version précédente s’est arrêté en chemin',
    stopped: 'Arrêté',
    cannotDownload: 'Son logiciel ne peut pas être téléchargé',
    diskFull: 'Le disque du serveur est plein',
    failingHealth: 'Échoue sans cesse à son contrôle de santé',
    crashing: 'Plante sans cesse',
    waitingPlace: 'En attente d’un endroit où tourner ({{running}} sur {{desired}})',
    updating: 'Mise à jour ({{running}} sur {{desired}})',
    starting: 'Démarrage ({{running}} sur {{desired}})',
    healthFailedRecently: 'Tourne, mais son contrôle de santé a échoué récemment',
    restarted: 'Tourne, mais a redémarré {{restarts}} fois',
    runningHealthy: 'Tourne et en bonne santé',
    runningHealthyRolledBack: 'Tourne et en bonne santé (la dernière mise à jour a été annulée)',
    startingHealth: 'Démarrage (vérification de sa santé)',
    running: 'Tourne',
    runningRolledBack: 'Tourne (la dernière mise à jour a été annulée)',
    app: {
      notDeployed: 'Votre application n’est pas déployée',
      unreadable: 'L’état de votre application n’a pas pu être lu',
      notWorking: 'Votre application ne fonctionne pas ({{detail}})',
      attention: 'Votre application demande votre attention ({{detail}})',
      updating: 'Votre application se met à jour',
      starting: 'Votre application démarre',
      stopped: 'Votre application est arrêtée',
      runningHealthy: 'Votre application tourne et est en bonne santé',
      running: 'Votre application tourne'
    }
  },
  undeploy: {
    steps: {
      stop: 'Arrêt des services de l’application',
      wait: 'Attente de l’arrêt de ses conteneurs',
      networks: 'Suppression de ses réseaux et configs'
    },
    title: 'Retrait de {{domain}}',
    removedService: 'Service {{name}} supprimé',
    serviceFailed: 'Le service {{name}} n’a pas pu être supprimé : {{message}}',
    allStopped: 'Tous ses conteneurs se sont arrêtés.',
    stillStopping_one: '{{count}} conteneur était encore en train de s’arrêter après {{seconds}} secondes ; on continue.',
    stillStopping_other: '{{count}} conteneurs étaient encore en train de s’arrêter après {{seconds}} secondes ; on continue.',
    removedNetwork: 'Réseau {{name}} supprimé',
    networkFailed: 'Le réseau {{name}} n’a pas pu être supprimé : {{message}}',
    removedConfig: 'Config {{name}} supprimée',
    configFailed: 'La config {{name}} n’a pas pu être supprimée : {{message}}',
    notDeployed: '{{domain}} n’est pas déployée sur {{server}} : il n’y a rien à retirer.',
    done: '{{domain}} est retirée. Ses données (volumes) et ses secrets sont gardés : la déployer de nouveau la remet telle qu’elle était.'
  },
  remove: {
    steps: {
      secrets: 'Suppression de ses secrets',
      volumes: 'Suppression de ses volumes (ses données)',
      settings: 'Suppression de ses réglages (fichier env)'
    },
    title: 'Suppression de {{domain}}',
    removedVolume: 'Volume {{name}} supprimé',
    volumeFailed: 'Le volume {{name}} n’a pas pu être supprimé : {{message}}. Réessayez de supprimer l’application dans une minute.',
    confirmMismatch: 'Pour supprimer l’application, tapez exactement son domaine : {{domain}}. Rien n’a été supprimé.',
    notDeployed: '{{domain}} n’est pas déployée ; rien à arrêter.',
    removedSecrets_one: '{{count}} secret supprimé : {{names}}',
    removedSecrets_other: '{{count}} secrets supprimés : {{names}}',
    noSecrets: 'Elle n’avait pas de secrets.',
    removedVolumes_one: '{{count}} volume supprimé, avec ses données.',
    removedVolumes_other: '{{count}} volumes supprimés, avec leurs données.',
    noVolumes: 'Elle n’avait pas de volumes sur ce serveur.',
    deletedSettings: 'Fichier de réglages {{file}} supprimé.',
    done: '{{domain}} est supprimée de {{server}}.'
  },
  secrets: {
    exists: 'Le secret « {{name}} » ({{swarmName}}) existe déjà sur le serveur : il n’a pas été modifié. Pour lui donner une nouvelle valeur, renouvelez-le ; ou supprimez-le d’abord, puis créez-le de nouveau.',
    notManager: 'Le serveur n’est pas un manager Swarm, et les secrets sont gardés dans le Swarm. Activez Swarm sur le serveur (Serveurs → Vérifications), puis réessayez.',
    createFailed: 'Docker n’a pas pu créer le secret « {{name}} » ({{swarmName}}). Rien n’est resté à moitié créé ; vérifiez le serveur, puis réessayez.',
    inUse: 'Le secret « {{name}} » ({{swarmName}}) est encore utilisé : Docker ne le supprimera pas. Retirez d’abord l’application, ou renouvelez le secret au lieu de le supprimer.',
    inUseBy: 'Le secret « {{name}} » ({{swarmName}}) est encore utilisé par {{users}} : Docker ne le supprimera pas. Retirez d’abord l’application, ou renouvelez le secret au lieu de le supprimer.',
    tooLong: 'Le secret « {{name}} » s’appellerait {{swarmName}}, soit {{length}} caractères ; Docker en accepte au plus {{max}}. Utilisez un domaine plus court pour l’application, ou mettez un STACK_NAME plus court dans ses réglages.',
    unknown: 'L’application {{domain}} n’a pas de secret appelé « {{name}} ».',
    valueNeeded: 'Tapez une valeur pour le secret « {{name}} » : ce type d’application (recette) vous demande de la choisir plutôt que de la générer.',
    newValueNeeded: 'Tapez la nouvelle valeur de « {{name}} » : ce type d’application (recette) vous demande de la choisir plutôt que de la générer.',
    removeFailedSome: 'Certains secrets n’ont pas pu être supprimés de {{server}} ; supprimez-les à la main ou réessayez.',
    redeployFailed: 'Le secret « {{name}} » est maintenant en version {{version}} ({{swarmName}}), et l’application en marche utilise encore l’ancienne, qui a été gardée. Le redéploiement qui fait passer l’application à la nouvelle n’a pas pu démarrer : déployez de nouveau l’application pour utiliser la nouvelle valeur.',
    removeFailed: 'Docker n’a pas pu supprimer {{name}}. Vérifiez le serveur, puis réessayez.',
    removeFailedAfter: 'Docker n’a pas pu supprimer {{name}} (déjà supprimés : {{removed}}). Vérifiez le serveur, puis réessayez.'
  },
  env: {
    badKey: '« {{key}} » ne peut pas être un nom de variable : utilisez des lettres, des chiffres et _.',
    badValue: 'La valeur de {{key}} ne peut pas être écrite telle quelle dans un fichier env ; retirez les guillemets ou barres obliques inversées à la fin.',
    line: 'Ligne {{line}} : {{message}}',
    noRecipe: 'RECIPE manque : abra a besoin de RECIPE=<nom de la recette> pour savoir quelle recette utilise cette application.',
    noDomain: 'DOMAIN manque : indiquez DOMAIN=<le domaine de l’application>.',
    setAgain: 'Ligne {{line}} : {{key}} est de nouveau défini (d’abord à la ligne {{first}}) ; seule cette dernière valeur compte.',
    notVersion: 'Ligne {{line}} : {{key}} devrait être une version comme v1.',
    noServer: 'Il n’y a pas de serveur appelé {{server}} ; ajoutez-le d’abord.',
    appExists: 'Une application appelée {{domain}} existe déjà sur {{server}}.',
    fileGone: 'Le fichier de réglages {{file}} a disparu : l’application a été supprimée entre-temps. Rien n’a été modifié.',
    changed: 'Les réglages ont changé pendant que vous les modifiiez ({{keys}} a aussi changé ailleurs) : rien n’a été enregistré. Rouvrez les réglages, refaites votre modification et enregistrez.',
    tooBig: 'Le fichier de réglages de {{domain}} fait {{size}}, plus que les {{limit}} que l’application lit : il n’a pas été ouvert. Vérifiez {{file}} avec un éditeur de texte.',
    noApp: 'Il n’y a pas d’application appelée {{domain}} sur {{server}}.'
  },
  create: {
    noSample: 'La recette {{recipe}} n’a pas de .env.sample : il n’y a pas de réglages de départ.',
    noSampleVersion: 'La recette {{recipe}} (version {{version}}) n’a pas de .env.sample : il n’y a pas de réglages de départ.',
    unreadable: 'Les réglages de {{domain}} ne peuvent pas être lus : {{problems}} Rien n’a été enregistré.',
    nothingCreated: 'Rien n’a été créé pour {{domain}}.',
    secretsFailed: 'Rien n’a été créé : les secrets de {{domain}} n’ont pas pu être faits, ses réglages ont donc été retirés. {{why}}',
    noRecipe: 'RECIPE manque : abra a besoin de RECIPE=<nom de la recette> pour savoir quelle recette utilise cette application. Rien n’a été enregistré.',
    noRecipeYet: 'Les réglages de {{domain}} ne disent pas quelle recette elle utilise ; ajoutez-y d’abord RECIPE=<nom de la recette>.'
  },
  recipe: {
    versionsAre: 'Ses versions sont {{versions}}.',
    noVersionsYet: 'Elle n’a pas encore de version.',
    noSuchVersion: 'La recette {{recipe}} n’a pas de version {{version}}. {{known}}',
    nothingToDeploy: 'La recette {{recipe}} n’a pas encore de version : il n’y a rien à déployer.',
    notesCut: '… (ces notes font plus de {{size}} ; la suite n’est pas montrée ici. Lisez-les dans le dépôt de la recette.)',
    andMore: '{{files}} et {{more}} de plus',
    localChanges: 'La recette {{recipe}} a des modifications locales ({{files}}) ; elles sont gardées, et les autres versions ne peuvent pas être utilisées tant qu’elles ne sont pas mises ailleurs ou annulées.',
    localCommits: 'La recette {{recipe}} a des commits locaux absents de son dépôt ({{refs}}) ; ils sont gardés, et les autres versions ne peuvent pas être utilisées tant qu’ils ne sont pas poussés ou mis ailleurs.',
    and: '{{list}} et {{last}}',
    incomplete_one: 'La recette {{recipe}} est incomplète : elle a besoin d’un fichier qu’elle ne contient pas ({{files}}), une application faite à partir d’elle ne pourrait donc pas démarrer.',
    incomplete_other: 'La recette {{recipe}} est incomplète : elle a besoin de {{count}} fichiers qu’elle ne contient pas ({{files}}), une application faite à partir d’elle ne pourrait donc pas démarrer.',
    incompleteVersion_one: 'La recette {{recipe}} (version {{version}}) est incomplète : elle a besoin d’un fichier qu’elle ne contient pas ({{files}}), une application faite à partir d’elle ne pourrait donc pas démarrer.',
    incompleteVersion_other: 'La recette {{recipe}} (version {{version}}) est incomplète : elle a besoin de {{count}} fichiers qu’elle ne contient pas ({{files}}), une application faite à partir d’elle ne pourrait donc pas démarrer.',
    incompleteNext_one: 'C’est un défaut de la recette, pas de vos réglages : rien de ce que vous changez ici ne peut le réparer. Les personnes qui maintiennent la recette peuvent ajouter le fichier manquant (leur adresse est sur la page de la recette dans le Catalogue). En attendant, choisissez une autre version si l’une est complète.',
    incompleteNext_other: 'C’est un défaut de la recette, pas de vos réglages : rien de ce que vous changez ici ne peut le réparer. Les personnes qui maintiennent la recette peuvent ajouter les fichiers manquants (leur adresse est sur la page de la recette dans le Catalogue). En attendant, choisissez une autre version si l’une est complète.',
    unreadable: 'La recette {{recipe}} n’a pas pu être lue, seul le fichier lui-même est donc montré : {{message}}',
    unreadableVersion: 'La recette {{recipe}} {{version}} n’a pas pu être lue, seul le fichier lui-même est donc montré : {{message}}',
    noRecipeNamed: 'Le fichier ne désigne aucune recette (RECIPE=…), seul le fichier lui-même est donc montré.'
  },
  form: {
    readme: 'Le README de la recette : « {{readme}} »',
    runsMore_one: 'Fait tourner un service de plus à côté de l’application : {{names}}.',
    runsMore_other: 'Fait tourner {{count}} services de plus à côté de l’application : {{names}}.',
    secrets_one: '{{count}} secret',
    secrets_other: '{{count}} secrets',
    settings_one: '{{count}} réglage',
    settings_other: '{{count}} réglages',
    both: '{{a}} et {{b}}',
    gives: 'Donne au service {{name}} {{gives}}.',
    changes: 'Change la façon dont le service {{name}} est configuré.',
    changesApp: 'Change la façon dont l’application est configurée ({{file}}).'
  },
  list: {
    noDocker: 'Docker sur {{server}} n’a pas répondu ({{raw}}). Vérifiez le serveur dans l’écran Serveurs.',
    noServer: 'Il n’y a pas de serveur appelé {{server}} ; ajoutez-le d’abord dans l’écran Serveurs.',
    unreachable: 'Impossible de savoir comment va cette application : son serveur n’a pas pu être joint.'
  },
  logs: {
    noService: 'L’application {{domain}} n’a pas de service en marche appelé « {{service}} ». Est-elle déployée ?',
    lost: 'La connexion au serveur a été perdue, cela s’est donc arrêté. Rouvrez-le pour continuer. ({{message}})',
    notDeployed: '{{domain}} n’est pas déployée : elle n’a pas de journaux à montrer. Déployez-la d’abord.',
    serverBusy: '{{server}} ne laisse l’application garder que {{budget}} journaux ou terminaux ouverts à la fois, car son serveur SSH n’autorise pas le transfert. Fermez un autre journal ou terminal de ce serveur, puis réessayez.',
    closing: 'L’application se ferme : rien de nouveau n’a été ouvert.',
    pageClosed: 'La page qui l’a demandé s’est fermée : rien n’a été ouvert.',
    readOnly: 'Les journaux montrent seulement ce que l’application écrit ; pour taper, ouvrez un terminal.',
    tooMany: '{{max}} journaux et terminaux sont déjà ouverts. Fermez-en un, puis réessayez.',
    closed: 'Ce journal ou ce terminal est déjà fermé. Rouvrez-le pour continuer.'
  },
  terminal: {
    notRunning: '« {{name}} » n’a aucune copie en marche pour l’instant : il n’y a rien où ouvrir un terminal. Regardez l’état de l’application, puis réessayez.',
    elsewhere: '« {{name}} » tourne sur une autre machine du swarm ({{nodes}}), et un terminal ne peut s’ouvrir que sur le serveur auquel l’application se connecte. Ajoutez cette machine comme serveur pour y ouvrir un terminal.',
    execFailed: 'Docker n’a pas pu lancer « {{command}} » dans le conteneur de {{service}}. Si la commande y existe, le conteneur vient peut-être de s’arrêter : réessayez.',
    resizeFailed: 'Le terminal n’a pas pu être redimensionné ; il vient peut-être de se fermer.'
  },
  misc: {
    noAnswer: 'le serveur n’a pas répondu à temps',
    notPlaced: 'pas encore placée',
    noSuchService: '{{domain}} n’a pas de service en marche appelé {{service}}. Déployez d’abord l’application, ou choisissez l’un de ses services dans la liste.',
    restartFailed: '{{service}} n’a pas pu être redémarré : Docker a dit « {{message}} ». Réessayez dans un instant.',
    note: 'Remarque : {{text}}.',
    useThisTo: 'Sert à : {{purpose}}',
    noOverlay: 'Les réglages de cette application n’ont pas de partie facultative « {{id}} ».',
    busy: '{{domain}} est occupée : « {{title}} » est encore en cours. Attendez la fin, ou annulez-le, puis réessayez.',
    secretLength: 'La longueur d’un secret doit être un nombre entier de 1 à 4096, pas {{length}}.',
    secretVersion: '« {{version}} » n’est pas une version de secret comme v1 : elle ne peut pas être augmentée.',
    badEmail: '« {{email}} » n’est pas une adresse e-mail. Let’s Encrypt y écrit quand un certificat est sur le point d’expirer.'
  },
  // La vérification avant un déploiement (apps/domain-check.ts) : un avertissement, jamais un refus.
  domainCheck: {
    ok: '{{domain}} mène à ce serveur ({{addresses}}).',
    missing:
      '{{domain}} ne mène encore nulle part. Chez votre fournisseur de nom de domaine, ajoutez un enregistrement {{type}} pour {{domain}} qui pointe vers {{address}}. D’ici là, les visiteurs ne peuvent pas joindre l’application. Un nouvel enregistrement peut mettre jusqu’à une heure à être vu partout.',
    elsewhere:
      '{{domain}} mène à {{found}}, pas à ce serveur ({{expected}}). Chez votre fournisseur de nom de domaine, changez son enregistrement {{type}} pour {{address}}. Si un service comme Cloudflare est placé devant le serveur exprès, vous pouvez ignorer ceci.',
    cantCheck:
      'Impossible de vérifier le domaine pour l’instant : cet ordinateur n’a pas eu de réponse de son serveur DNS (l’annuaire d’Internet) pour {{domain}}. Il est peut-être hors ligne. Cela ne vous empêche pas de déployer.',
    serverUnknown: 'Impossible de vérifier le domaine pour l’instant : l’adresse du serveur lui-même est introuvable d’ici, donc rien à quoi comparer {{domain}}.',
    local: 'Cette application tourne sur le Docker de cet ordinateur : il n’y a pas de domaine à vérifier.'
  }
}
