// The apps' messages (src-main/apps): deploy causes and outcomes, service
// status words, jobs (undeploy, remove), secrets, settings, logs, terminals.
export const apps = {
  causes: {
    theApp: 'the app',
    orBack: 'Your app can go back to version {{previous}} meanwhile (Roll back).',
    download: {
      why: 'the server could not download the software {{name}} needs. Either that name or version does not exist, or the server could not reach the place it is downloaded from.',
      whyImage: 'the server could not download the software {{name}} needs ({{image}}, from {{registry}}). Either that name or version does not exist, or the server could not reach the place it is downloaded from.',
      next: "Nothing started, so there are no logs, and the app's settings can't change this. If the server's internet connection works, this version of the recipe names software that can't be found: choose another version, and tell the recipe's maintainers. If the server was offline, try again once it is back.",
      // When the registry, asked why (apps/pull-check.ts), says the image isn't there.
      missing: {
        why: "this version's image could not be downloaded: the registry says it doesn't exist ({{image}}, on {{registry}}). The registry answered, so the server's internet connection works.",
        next: "Nothing started, so there are no logs, and the app's settings can't change this. Check that this version of the recipe names an image that was published (the name and the tag after the colon): choose another version, and tell the recipe's maintainers."
      },
      // When the registry could not be reached at all.
      unreachable: {
        why: "the server could not download the software {{name}} needs ({{image}}, from {{registry}}): the server couldn't reach the image registry ({{detail}}).",
        next: "Nothing started, so there are no logs, and the app's settings can't change this. Check the server's internet connection and the registry's address ({{registry}}), then try again."
      }
    },
    diskFull: {
      why: "the server's disk is full, so it could not download or start {{name}}.",
      next: 'Free some space on the server (remove apps you no longer use, or ask your hosting provider for a bigger disk), then try again.'
    },
    resources: {
      why: 'no server has enough free memory or processor for {{name}} (the recipe reserves more than is free).',
      next: 'Stop or remove another app on this server to free memory and processor, or move the app to a bigger server; then try again.'
    },
    placement: {
      why: 'no server is allowed to run {{name}}: the recipe says it may only run on a server marked in a certain way (a placement constraint), and none is.',
      next: "Whoever runs the server can add that mark (a node label, with docker node update --label-add), or the recipe's maintainers can change where it may run. Then try again."
    },
    exits: {
      why: '{{name}} starts and then stops, again and again.',
      whyCode: '{{name}} starts and then stops (exit code {{code}}), again and again.',
      next: "Its logs usually say why: open them on the app's page. Often a setting is missing or wrong; fix it in the app's settings and deploy again."
    },
    health: {
      why: '{{name}} starts, but its health check keeps failing, so the server stops it and tries again.',
      next: "Its logs usually say what is wrong: open them on the app's page. If it only needs longer to start, try again; otherwise fix what the logs point at in the app's settings."
    },
    timeout: {
      why: 'it did not finish starting within {{seconds}} seconds.',
      next: "It may still be starting: the first start of a big app takes longer while the server downloads its software. Check the app's page in a minute; if it still does not run, its logs say why."
    },
    unknown: {
      why: '{{name}} did not start, and the server did not say why.',
      next: "Look at the app's logs to see why, then fix its settings and deploy again."
    }
  },
  outcome: {
    version: 'version {{version}}',
    newVersion: 'the new version',
    versionBefore: 'the version it had before',
    dockerSaid: 'Docker said: "{{raw}}".',
    done: '{{domain}} is running {{version}}.',
    doneHealthy: '{{domain}} is running {{version}}, and it is healthy.',
    doneNext: 'Open {{domain}} to check it works as you expect.',
    rolledBack: '{{Version}} of {{domain}} did not start, so the server went back to {{back}}, which is running.',
    rolledBackNotRunning: '{{Version}} of {{domain}} did not start, so the server went back to {{back}}, but it is not fully running yet.',
    why: 'Why: {{why}}',
    rolledBackNext: 'Your app is still on {{back}}.',
    failed: '{{Version}} of {{domain}} did not start: {{why}}',
    timedOutWhy: '{{Version}} of {{domain}} did not start within {{seconds}} seconds: {{why}}',
    timedOut: '{{Version}} of {{domain}} did not finish starting within {{seconds}} seconds.',
    timedOutWhich: '{{Version}} of {{domain}} did not finish starting within {{seconds}} seconds: {{which}}.',
    unreachable: '{{Version}} of {{domain}} was sent to the server, but the connection to the server was lost while the app was starting and did not come back within {{seconds}} seconds. The server carries on with what it was sent, so it may have finished: {{domain}} may now run {{version}}.',
    unreachableNext: "Check the app's page when the server can be reached again: it shows which version runs. Deploy again only if it is not running.",
    cancelled: 'Stopped watching {{domain}}. The server keeps going with what it was sent.',
    cancelledNext: "Check the app's status to see whether it started.",
    notRecorded: "{{domain}} is running version {{version}} on the server, but your computer's disk is full, so version {{version}} could not be recorded in the app's settings (they still name the version it ran before).",
    notRecordedNext: {
      deploy: 'Free some space on your computer, then deploy {{domain}} to version {{version}} again: the server already runs it, so nothing changes there and the version is recorded.',
      upgrade: 'Free some space on your computer, then upgrade {{domain}} to version {{version}} again: the server already runs it, so nothing changes there and the version is recorded.',
      rollback: 'Free some space on your computer, then roll back {{domain}} to version {{version}} again: the server already runs it, so nothing changes there and the version is recorded.',
      redeploy: 'Free some space on your computer, then redeploy {{domain}} to version {{version}} again: the server already runs it, so nothing changes there and the version is recorded.'
    }
  },
  deploy: {
    steps: {
      recipe: 'Getting the recipe',
      connect: 'Connecting to the server',
      send: 'Sending the app to the server',
      wait: 'Waiting for the app to start',
      record: 'Recording the version',
      backupFirst: 'Backing up the app first',
      backupFirstWords: 'Backing up the app first: {{words}}'
    },
    title: {
      deploy: 'Deploying {{domain}}',
      upgrade: 'Upgrading {{domain}} to {{version}}',
      rollback: 'Rolling back {{domain}} to {{version}}',
      redeploy: 'Redeploying {{domain}}',
      chaos: 'Deploying {{domain}} from your local copy of the recipe'
    },
    chooseUpgrade: 'Choose the version to upgrade {{domain}} to.',
    chooseRollback: 'Choose the version to roll back {{domain}} to.',
    nothingToRedeploy: '{{domain}} has no version recorded in its settings, so there is nothing to redeploy. Deploy it first.',
    envInvalid: "The settings of {{domain}} have a problem, so nothing was deployed: {{problems}} Fix it in the app's settings and try again.",
    noRecipe: 'The settings of {{domain}} do not say which recipe it runs (RECIPE=…).',
    nothingSent: 'Nothing was sent to the server; {{domain}} was left as it was.',
    created: 'Created {{kind}} {{name}}',
    updated: 'Updated {{kind}} {{name}}',
    removed: 'Removed {{kind}} {{name}}',
    dockerWarns: 'Docker warns: {{message}}',
    noBackupNotDeployed: 'No backup was taken first: {{domain}} is not deployed, so there is no data on the server yet.',
    noBackupNoLabel: 'No backup was taken first: the recipe marks nothing of {{domain}} to back up (no service has the label backupbot.backup=true).',
    backedUpFirst: 'Backed up {{domain}} first: {{file}}',
    backupFirstFailed: {
      deploy: 'The deploy was not started because the backup before it failed: {{why}} {{domain}} was left as it was.',
      upgrade: 'The upgrade was not started because the backup before it failed: {{why}} {{domain}} was left as it was.',
      rollback: 'The rollback was not started because the backup before it failed: {{why}} {{domain}} was left as it was.',
      redeploy: 'The redeploy was not started because the backup before it failed: {{why}} {{domain}} was left as it was.'
    },
    warning: 'Warning: {{message}}',
    recipeVersion: 'Recipe {{recipe}}, version {{version}}.',
    // A deploy of the recipe's local copy as it is (abra's --chaos).
    chaosRecipe: 'Recipe {{recipe}}: your local copy in {{dir}} as it is now ({{words}}), not a published version.',
    chaosUnsaved: '{{commit}}, with changes not saved in git',
    chaosNoVersion: 'A deploy of your local copy of the recipe sends the files as they are: it takes no version, and is a deploy or a redeploy, not an upgrade or a rollback.',
    chaosDone: '{{domain}} is running your local copy of the recipe ({{words}}).',
    chaosDoneHealthy: '{{domain}} is running your local copy of the recipe ({{words}}), and it is healthy.',
    waiting: 'Waiting up to {{seconds}} seconds for the app to start.',
    lost: {
      deploy: 'The connection to the server was lost while the app was starting. The server carries on with the deploy; waiting for the server to answer again.',
      upgrade: 'The connection to the server was lost while the app was starting. The server carries on with the upgrade; waiting for the server to answer again.',
      rollback: 'The connection to the server was lost while the app was starting. The server carries on with the rollback; waiting for the server to answer again.',
      redeploy: 'The connection to the server was lost while the app was starting. The server carries on with the redeploy; waiting for the server to answer again.'
    },
    back: 'The server answers again; watching the app start.',
    rollingBack: 'The new version did not start; the server is going back to the previous one.',
    recorded: 'Recorded version {{version}} in {{file}}.',
    stopped: 'Stopped deploying {{domain}}.',
    stoppedNext: "Check the app's status to see what the server is running.",
    fixNext: 'Fix what the message says, then deploy again.',
    unknownJob: 'That deploy is not known. It may have finished before the app restarted; check the app’s status instead.'
  },
  status: {
    goingBack: 'Going back to the previous version',
    updatePaused: 'The update stopped: the new version did not start',
    rollbackPaused: 'Going back to the previous version stopped halfway',
    stopped: 'Stopped',
    cannotDownload: "Its software can't be downloaded",
    diskFull: "The server's disk is full",
    failingHealth: 'Keeps failing its health check',
    crashing: 'Keeps crashing',
    waitingPlace: 'Waiting for a place to run ({{running}} of {{desired}})',
    updating: 'Updating ({{running}} of {{desired}})',
    starting: 'Starting ({{running}} of {{desired}})',
    healthFailedRecently: 'Running, but its health check failed recently',
    restarted: 'Running, but it restarted {{restarts}} times',
    runningHealthy: 'Running and healthy',
    runningHealthyRolledBack: 'Running and healthy (the last update was undone)',
    startingHealth: 'Starting (checking its health)',
    running: 'Running',
    runningRolledBack: 'Running (the last update was undone)',
    app: {
      notDeployed: 'Your app is not deployed',
      unreadable: "Your app's state could not be read",
      notWorking: 'Your app is not working ({{detail}})',
      attention: 'Your app needs attention ({{detail}})',
      updating: 'Your app is updating',
      starting: 'Your app is starting',
      stopped: 'Your app is stopped',
      runningHealthy: 'Your app is running and healthy',
      running: 'Your app is running'
    }
  },
  undeploy: {
    steps: {
      stop: "Stopping the app's services",
      wait: 'Waiting for its containers to stop',
      networks: 'Removing its networks and configs'
    },
    title: 'Undeploying {{domain}}',
    removedService: 'Removed the service {{name}}',
    serviceFailed: 'The service {{name}} could not be removed: {{message}}',
    allStopped: 'All its containers have stopped.',
    stillStopping_one: '{{count}} containers were still stopping after {{seconds}} seconds; carrying on.',
    stillStopping_other: '{{count}} containers were still stopping after {{seconds}} seconds; carrying on.',
    removedNetwork: 'Removed the network {{name}}',
    networkFailed: 'The network {{name}} could not be removed: {{message}}',
    removedConfig: 'Removed the config {{name}}',
    configFailed: 'The config {{name}} could not be removed: {{message}}',
    notDeployed: '{{domain}} is not deployed on {{server}}, so there is nothing to undeploy.',
    done: '{{domain}} is undeployed. Its data (volumes) and secrets are kept, so deploying it again brings it back as it was.'
  },
  remove: {
    steps: {
      secrets: 'Removing its secrets',
      volumes: 'Removing its volumes (its data)',
      settings: 'Removing its settings (env file)'
    },
    title: 'Removing {{domain}}',
    removedVolume: 'Removed the volume {{name}}',
    volumeFailed: 'The volume {{name}} could not be removed: {{message}}. Try removing the app again in a minute.',
    confirmMismatch: 'To remove the app, type its domain exactly: {{domain}}. Nothing was removed.',
    notDeployed: '{{domain}} is not deployed; nothing to stop.',
    removedSecrets_one: 'Removed {{count}} secrets: {{names}}',
    removedSecrets_other: 'Removed {{count}} secrets: {{names}}',
    noSecrets: 'It had no secrets.',
    removedVolumes_one: 'Removed {{count}} volumes and the data in them.',
    removedVolumes_other: 'Removed {{count}} volumes and the data in them.',
    noVolumes: 'It had no volumes on this server.',
    deletedSettings: 'Deleted its settings file {{file}}.',
    done: '{{domain}} is removed from {{server}}.'
  },
  secrets: {
    exists: 'The secret "{{name}}" ({{swarmName}}) already exists on the server, so it was not changed. To give it a new value, rotate it; or remove it first, then create it again.',
    notManager: 'The server is not a Swarm manager, and secrets live in the Swarm. Turn on Swarm on the server (Servers → Checks), then try again.',
    createFailed: 'Docker could not create the secret "{{name}}" ({{swarmName}}). Nothing was left half-created; check the server, then try again.',
    inUse: 'The secret "{{name}}" ({{swarmName}}) is still used, so Docker won\'t remove it. Undeploy the app first, or rotate the secret instead of removing it.',
    inUseBy: 'The secret "{{name}}" ({{swarmName}}) is still used by {{users}}, so Docker won\'t remove it. Undeploy the app first, or rotate the secret instead of removing it.',
    tooLong: 'The secret "{{name}}" would be called {{swarmName}}, which is {{length}} characters; Docker allows at most {{max}}. Use a shorter domain for the app, or set a shorter STACK_NAME in its settings.',
    unknown: 'The app {{domain}} has no secret called "{{name}}".',
    valueNeeded: 'Type a value for the secret "{{name}}": this app type (recipe) asks you to choose it rather than have it generated.',
    newValueNeeded: 'Type the new value for "{{name}}": this app type (recipe) asks you to choose it rather than have it generated.',
    removeFailedSome: 'Some secrets could not be removed from {{server}}; remove them by hand or try again.',
    redeployFailed: 'The secret "{{name}}" now has version {{version}} ({{swarmName}}), and the running app still uses the old one, which was kept. The redeploy that switches the app over could not start, so deploy the app again to use the new value.',
    removeFailed: 'Docker could not remove {{name}}. Check the server, then try again.',
    removeFailedAfter: 'Docker could not remove {{name}} (already removed: {{removed}}). Check the server, then try again.'
  },
  env: {
    badKey: '"{{key}}" can\'t be a variable name: use letters, digits and _.',
    badValue: "The value for {{key}} can't be written to an env file as typed; remove the quotes or backslashes at its end.",
    line: 'Line {{line}}: {{message}}',
    noRecipe: 'RECIPE is missing: abra needs RECIPE=<recipe name> to know which recipe this app runs.',
    noDomain: "DOMAIN is missing: set DOMAIN=<the app's domain>.",
    setAgain: 'Line {{line}}: {{key}} is set again (first on line {{first}}); only this later value counts.',
    notVersion: 'Line {{line}}: {{key}} should be a version like v1.',
    noServer: 'There is no server called {{server}}; add it first.',
    appExists: 'An app called {{domain}} already exists on {{server}}.',
    fileGone: 'The settings file {{file}} is gone: the app was removed meanwhile. Nothing was changed.',
    changed: 'The settings changed while you were editing them ({{keys}} changed elsewhere too), so nothing was saved. Open the settings again, redo your change and save.',
    tooBig: 'The settings file of {{domain}} is {{size}}, more than the {{limit}} the app reads, so it was not opened. Check {{file}} with a text editor.',
    noApp: 'There is no app called {{domain}} on {{server}}.'
  },
  create: {
    noSample: 'The recipe {{recipe}} has no .env.sample, so there are no settings to start from.',
    noSampleVersion: 'The recipe {{recipe}} (version {{version}}) has no .env.sample, so there are no settings to start from.',
    unreadable: "The settings for {{domain}} can't be read: {{problems}} Nothing was saved.",
    nothingCreated: 'Nothing was created for {{domain}}.',
    secretsFailed: 'Nothing was created: the secrets for {{domain}} could not be made, so its settings were removed again. {{why}}',
    noRecipe: 'RECIPE is missing: abra needs RECIPE=<recipe name> to know which recipe this app runs. Nothing was saved.',
    noRecipeYet: "The settings for {{domain}} don't say which recipe it runs; add RECIPE=<recipe name> to them first."
  },
  recipe: {
    versionsAre: 'Its versions are {{versions}}.',
    noVersionsYet: 'It has no versions yet.',
    noSuchVersion: 'The recipe {{recipe}} has no version {{version}}. {{known}}',
    nothingToDeploy: 'The recipe {{recipe}} has no versions yet, so there is nothing to deploy.',
    notesCut: "… (these notes are longer than {{size}}; the rest is not shown here. Read them in the recipe's repository.)",
    andMore: '{{files}} and {{more}} more',
    localChanges: "The recipe {{recipe}} has local changes ({{files}}); they are kept, and other versions can't be used until they are saved elsewhere or undone.",
    localCommits: "The recipe {{recipe}} has local commits that are not in its repository ({{refs}}); they are kept, and other versions can't be used until they are pushed or saved elsewhere.",
    and: '{{list}} and {{last}}',
    incomplete_one: 'The recipe {{recipe}} is incomplete: it needs a file it does not include ({{files}}), so an app made from it could not start.',
    incomplete_other: 'The recipe {{recipe}} is incomplete: it needs {{count}} files it does not include ({{files}}), so an app made from it could not start.',
    incompleteVersion_one: 'The recipe {{recipe}} (version {{version}}) is incomplete: it needs a file it does not include ({{files}}), so an app made from it could not start.',
    incompleteVersion_other: 'The recipe {{recipe}} (version {{version}}) is incomplete: it needs {{count}} files it does not include ({{files}}), so an app made from it could not start.',
    incompleteNext_one: "This is a fault in the recipe, not in your settings, so nothing you change here can fix it. The recipe's maintainers can add the missing file (their address is on the recipe's page in the Catalogue). Meanwhile, choose another version if one is complete.",
    incompleteNext_other: "This is a fault in the recipe, not in your settings, so nothing you change here can fix it. The recipe's maintainers can add the missing files (their address is on the recipe's page in the Catalogue). Meanwhile, choose another version if one is complete.",
    unreadable: 'The recipe {{recipe}} could not be read, so only the file itself is shown: {{message}}',
    unreadableVersion: 'The recipe {{recipe}} {{version}} could not be read, so only the file itself is shown: {{message}}',
    noRecipeNamed: 'The file names no recipe (RECIPE=…), so only the file itself is shown.'
  },
  form: {
    readme: 'The recipe’s README: “{{readme}}”',
    runsMore_one: 'Runs one more service beside the app: {{names}}.',
    runsMore_other: 'Runs {{count}} more services beside the app: {{names}}.',
    secrets_one: '{{count}} secret',
    secrets_other: '{{count}} secrets',
    settings_one: '{{count}} setting',
    settings_other: '{{count}} settings',
    both: '{{a}} and {{b}}',
    gives: 'Gives the {{name}} service {{gives}}.',
    changes: 'Changes how the {{name}} service is set up.',
    changesApp: 'Changes how the app is set up ({{file}}).'
  },
  list: {
    noDocker: 'Docker on {{server}} did not answer ({{raw}}). Check the server on the Servers screen.',
    noServer: 'There is no server called {{server}}; add it on the Servers screen first.',
    unreachable: "Can't tell how this app is doing: its server could not be reached."
  },
  logs: {
    noService: 'The app {{domain}} has no running service called "{{service}}". Is it deployed?',
    lost: 'The connection to the server was lost, so this stopped. Open it again to continue. ({{message}})',
    notDeployed: "{{domain}} isn't deployed, so it has no logs to show. Deploy it first.",
    serverBusy: "{{server}} lets the app keep only {{budget}} logs or terminals open at once, because its SSH server doesn't allow forwarding. Close another log or terminal of this server, then try again.",
    closing: 'The app is closing, so nothing new was opened.',
    pageClosed: 'The page that asked for this has closed, so nothing was opened.',
    readOnly: 'Logs only show what the app prints; typing goes to a terminal.',
    tooMany: '{{max}} logs and terminals are already open. Close one of them, then try again.',
    closed: 'That log or terminal has already closed. Open it again to continue.'
  },
  terminal: {
    notRunning: "\"{{name}}\" has no running copy right now, so there is nothing to open a terminal in. Check the app's status, then try again.",
    elsewhere: '"{{name}}" runs on another machine of the swarm ({{nodes}}), and a terminal can only be opened on the server the app connects to. Add that machine as a server to open a terminal there.',
    execFailed: 'Docker could not start "{{command}}" in the container of {{service}}. If the command exists there, the container may have just stopped: try again.',
    resizeFailed: 'The terminal could not be resized; it may have just closed.'
  },
  misc: {
    noAnswer: 'the server did not answer in time',
    notPlaced: 'not placed yet',
    noSuchService: '{{domain}} has no service called {{service}} running. Deploy the app first, or pick one of its services from the list.',
    restartFailed: '{{service}} could not be restarted: Docker said "{{message}}". Try again in a moment.',
    note: 'Note: {{text}}.',
    useThisTo: 'Use this to {{purpose}}',
    noOverlay: 'This app\'s settings have no optional part "{{id}}".',
    busy: '{{domain}} is busy: "{{title}}" is still running. Wait for it to finish, or cancel it, then try again.',
    secretLength: "A secret's length must be a whole number from 1 to 4096, not {{length}}.",
    secretVersion: '"{{version}}" isn\'t a secret version like v1, so it can\'t be increased.',
    badEmail: '"{{email}}" isn\'t an email address. Let\'s Encrypt writes to it when a certificate is about to expire.'
  },
  // The check before a deploy (apps/domain-check.ts): a warning, never a refusal.
  domainCheck: {
    ok: '{{domain}} points to this server ({{addresses}}).',
    missing:
      "{{domain}} doesn't point anywhere yet. Add an {{type}} record for {{domain}} pointing to {{address}} at your domain provider. Until then, visitors can't reach the app. A new record can take up to an hour to be seen everywhere.",
    elsewhere:
      '{{domain}} points to {{found}}, not to this server ({{expected}}). Change its {{type}} record to {{address}} at your domain provider. If a service such as Cloudflare sits in front of the server on purpose, you can ignore this.',
    cantCheck:
      "Couldn't check the domain just now: this computer got no answer from its DNS server (the internet's address book) about {{domain}}. It may be offline. This doesn't stop you deploying.",
    serverUnknown: "Couldn't check the domain just now: the server's own address couldn't be found from here, so there is nothing to compare {{domain}} with.",
    local: "This app runs on this computer's own Docker, so there is no domain to check."
  }
}
