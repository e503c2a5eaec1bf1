// The apps: the list, an app's page and its tabs, deploys, and the dialogs
// and parts they use (lib/appStatus.ts words included).
export const apps = {
  // lib/appStatus.ts
  health: {
    running: 'Running',
    updating: 'Updating',
    attention: 'Needs attention',
    failed: 'Failed',
    stopped: 'Stopped',
    unknown: 'Unknown',
    notDeployed: 'Not deployed'
  },
  versionUnknown: 'Version not known',
  replicas: {
    none: 'Not running (0 wanted)',
    stopping: '{{count}} still stopping',
    running: '{{running}} of {{desired}} running'
  },
  serviceHealth: {
    healthy: 'Health check passes',
    unhealthy: 'Health check fails',
    starting: 'Health check starting',
    none: 'No health check'
  },
  restarts: {
    none: 'No restarts',
    some_one: 'Restarted {{count}} time',
    some_other: 'Restarted {{count}} times',
    neverStarted_one: 'Did not start ({{count}} try)',
    neverStarted_other: 'Did not start ({{count}} tries)'
  },
  phase: {
    preparing: 'Getting ready',
    deploying: 'Sending to the server',
    converging: 'Starting',
    rollingBack: 'Going back',
    done: 'Deployed',
    rolledBack: 'Rolled back',
    timedOut: 'Took too long',
    cancelled: 'Cancelled',
    failed: 'Failed'
  },
  phaseSentence: {
    preparing: 'Getting the app type (recipe) and its settings ready…',
    deploying: 'Sending the app (stack) to the server…',
    converging: 'Waiting for the app’s services to start and pass their health checks…',
    rollingBack: 'The new version did not start properly, so the server is going back to the previous one…',
    done: 'Your app is deployed and running.',
    rolledBack: 'The new version did not start properly. The server went back to the previous version.',
    timedOut: 'The app did not become ready in the time allowed.',
    cancelled: 'The deploy was cancelled.',
    failed: 'The deploy failed.'
  },
  converged_one: '{{ready}} of {{count}} service ready',
  converged_other: '{{ready}} of {{count}} services ready',
  seconds_one: '{{count}} second',
  seconds_other: '{{count}} seconds',
  minutes_one: '{{count}} minute',
  minutes_other: '{{count}} minutes',
  minutesSeconds: '{{minutes}} {{seconds}}',
  elapsed: '{{elapsed}} so far; this can take up to {{timeout}}',
  deployTitle: {
    upgrade: 'Upgrading {{domain}}',
    upgradeTo: 'Upgrading {{domain}} to {{version}}',
    rollback: 'Rolling back {{domain}}',
    rollbackTo: 'Rolling back {{domain}} to {{version}}',
    redeploy: 'Deploying {{domain}} again',
    deploy: 'Deploying {{domain}}'
  },

  // screens/apps/Apps.tsx
  list: {
    title: 'Apps',
    newApp: 'New app',
    intro: 'All the apps on your servers (each one a Docker stack), and whether each is OK. The list updates by itself.',
    loading: 'Asking your servers about their apps…',
    loadFailed: 'The list of apps could not be loaded',
    unreachableTitle: 'Could not reach {{server}}',
    unreachableText: 'Its apps are listed from the settings on this computer, but their state is unknown until the server answers.',
    serverSaid: ' The server said: {{error}}',
    checkServer: 'Check {{server}}',
    emptyTitle: 'No apps yet',
    emptyText: 'Pick an app from the catalogue, like a wiki or a file cloud, and run it on one of your servers.',
    createFirst: 'Create your first app',
    listLabel: 'Your apps',
    aboutApp: 'About {{domain}}'
  },

  // screens/apps/AppFacts.tsx
  facts: {
    server: 'Server: ',
    appType: 'App type',
    notKnown: 'not known',
    version: 'Version',
    upgradeAvailable: 'Upgrade available: {{version}}',
    // A chaos deploy (abra's --chaos): {{words}} is the commit, maybe with "with changes not saved in git".
    chaos: 'Deployed from your local copy of the recipe ({{words}})',
    chaosNoCommit: 'Deployed from a local copy of the recipe',
    chaosUnsaved: '{{commit}}, with changes not saved in git',
    chaosTitle: 'Not a published version: abra calls this a chaos deploy. Deploy a published version to go back to normal.'
  },

  // screens/apps/LocalCopyDeploy.tsx: deploying the recipe's local copy as it is (abra's --chaos).
  localCopy: {
    title: 'Advanced',
    switch: 'Show advanced actions',
    switchHint: 'For people who maintain the recipe this app runs.',
    explain:
      'If you maintain the {{recipe}} recipe, you can try your changes on this app before you publish them. This sends the recipe’s files as they are now on this computer, in ~/.abra/recipes/{{recipe}}, including changes not saved in git, instead of a published version.',
    deploy: 'Deploy my local copy of the recipe',
    confirmTitle: 'Deploy your local copy of {{recipe}} to {{domain}}?',
    confirmText:
      '{{domain}} will run the files in ~/.abra/recipes/{{recipe}} exactly as they are now, changes not saved in git included. No one else can get this exact version, so use it for trying things out. The app’s settings keep the version they name; deploy a published version later to go back to normal.',
    confirm: 'Deploy my local copy',
    starting: 'Starting…',
    failed: 'The deploy of your local copy could not start'
  },

  // screens/apps/AppDetail.tsx
  detail: {
    allApps: 'All apps',
    aboutThisApp: 'About this app',
    loading: 'Loading the app…',
    refreshFailed: 'The app’s state could not be refreshed',
    loadFailed: 'The app could not be loaded',
    backToAll: 'Back to all apps',
    tabs: {
      overview: 'Overview',
      config: 'Config',
      secrets: 'Secrets',
      logs: 'Logs',
      terminal: 'Terminal',
      commands: 'Commands',
      health: 'Health',
      volumes: 'Volumes',
      files: 'Files'
    }
  },

  // screens/apps/AppJob.tsx
  job: {
    removed: '{{domain}} was removed, with its data, secrets and settings.',
    backToAll: 'Back to all apps'
  },

  // screens/apps/AppLogs.tsx and AppTerminal.tsx
  logsTab: {
    notDeployed: 'The app is not deployed, so it has no logs to show. Deploy it first.'
  },
  terminalTab: {
    notDeployed: 'The app is not deployed, so there is nothing to open a terminal in. Deploy it first.',
    noService: 'The app has no running service to open a terminal in.',
    intro:
      'A command line inside one of the app’s containers, for when you know what you are doing. Changes you make there are lost when the container restarts.',
    service: 'Service'
  },

  // screens/apps/AppOverview.tsx
  overview: {
    deployFailed: 'The deploy could not start',
    restartFailed: 'The service {{service}} could not be restarted',
    goBackTo: 'Go back to {{version}}',
    statusWord: '{{word}}: ',
    starting: 'Starting…',
    redeploy: 'Redeploy',
    deploy: 'Deploy',
    upgrade: 'Upgrade',
    upgradeTo: 'Upgrade to {{version}}',
    undeploy: 'Undeploy',
    remove: 'Remove…',
    hintDeployed: 'Redeploy applies changed settings. Undeploy stops the app and keeps its data; Remove deletes it.',
    hintNotDeployed: 'The app’s settings are saved on this computer. Deploy starts it on the server.',
    backupsTitle: 'Backups (copies of the app’s data)',
    seeBackups: 'See its backups',
    move: 'Move to another server…',
    servicesTitle: 'Services',
    nothingRunning: 'The app is not deployed, so nothing is running yet.',
    servicesFailed: 'The services’ state could not be loaded'
  },

  // screens/apps/AppConfig.tsx
  config: {
    intro: 'The app’s settings are kept on this computer, in the same file abra reads. Changes apply when the app is deployed again.',
    formFailed: 'The form could not follow that change',
    saveFailed: 'The settings could not be saved',
    savedDeployed: 'Saved. The running app still uses the old settings until you deploy it again.',
    savedNotDeployed: 'Saved. They apply when you deploy the app.',
    redeployNow: 'Redeploy now',
    deployNow: 'Deploy now',
    deployFailed: 'The deploy could not start',
    saving: 'Saving…',
    undo: 'Undo changes'
  },

  // screens/apps/AppSecrets.tsx
  secrets: {
    onServer: 'On the server',
    missing: 'Missing',
    notKnown: 'Not known',
    createFailed: 'The secrets could not be created',
    changeFailed: 'The secret {{name}} could not be changed',
    removeFailed: 'The secret {{name}} could not be removed',
    intro:
      'Secrets are passwords and keys the app uses. They are kept on the server (as Docker secrets), never on this computer, so the app can’t show them again after they are made.',
    loading: 'Asking the server which secrets exist…',
    listFailed: 'The secrets could not be listed',
    followRedeploy: 'Follow the redeploy',
    oldValueStill: 'The new value of {{name}} is stored on the server, but the app is not redeployed yet: it keeps working with the old value until it is deployed again.',
    deployAgain: 'Deploy again…',
    none: 'This app type uses no secrets.',
    listLabel: 'Secrets',
    version: 'Version {{version}}',
    madeByApp: ', made by the app',
    typedByYou: ', typed by you',
    length_one: ', {{count}} character',
    length_other: ', {{count}} characters',
    created: ', created {{time}}',
    tooLong: 'Its Docker name ({{swarmName}}) is longer than Docker allows. Use a shorter domain or secret name.',
    valueFor: 'Value for {{name}}',
    rotate: 'Change (rotate)',
    remove: 'Remove',
    detailsOf: ' of {{name}}',
    details: 'Docker secret <mono>{{swarmName}}</mono>, set by <mono>{{envKey}}</mono> in the settings.',
    creating: 'Creating…',
    createMissing: 'Create missing secrets ({{count}})',
    confirmChange: 'Change {{name}}?',
    confirmRemove: 'Remove {{name}}?',
    changeIt: 'Change it',
    removeIt: 'Remove it',
    changing: 'Changing…',
    removing: 'Removing…',
    rotateText: 'The app gets a new value for this secret, made now. Once the app is redeployed with it, the old value stops working.',
    rotateRedeploy: '<strong>The app is redeployed</strong> to use it, so it restarts for a moment. First you see what the redeploy changes, and confirm it.',
    rotateOwnCopy: 'Some apps keep their own copy (a database password, for example); changing the secret here does not change it there.',
    removeText: 'The secret is deleted from the server. Its value can’t be brought back.',
    removeCantStart: 'The app can’t start without it: create it again (with a new value) before the next deploy.',
    removeDeployed:
      'While the app is deployed it uses this secret, and Docker won’t remove it. Undeploy the app first, or change (rotate) the secret instead.'
  },

  // screens/apps/SecretValues.tsx
  secretValues: {
    copyNow: 'Copy these now: they are shown only once',
    created: 'The secrets were created',
    keepThem: 'Keep them in your password manager if you need them (for example to sign in as the app’s admin).',
    typedValue: 'Created with the value you typed.',
    haveCopied: 'I have copied them'
  },

  // screens/apps/DeployScreen.tsx
  deploy: {
    intro: 'On {{server}}. You can leave this screen: the deploy goes on, and the Jobs list in the sidebar brings you back.',
    progressFailed: 'The deploy’s progress could not be loaded',
    openApp: 'Open the app',
    retryFailed: 'The deploy could not start again'
  },

  // components/DeployView.tsx
  deployView: {
    progressLabel: 'Deploy progress',
    goingBackTitle: 'Going back to the previous version',
    goingBackText: 'The new version did not become healthy. The server is putting the previous one back so the app keeps working.',
    whatNext: 'What next: ',
    took: 'It took {{time}}.',
    servicesTitle: 'Services',
    cancelling: 'Cancelling…',
    cancelFailed: 'The deploy could not be cancelled',
    causes: {
      download: 'The app’s software could not be downloaded',
      'disk-full': 'The server’s disk is full',
      placement: 'No server can run the app',
      exits: 'The app starts, then stops',
      health: 'The app’s health check keeps failing',
      timeout: 'The app did not start in time',
      unknown: 'The deploy failed'
    },
    openSite: 'Open {{domain}}',
    manage: 'Manage the app',
    openLogs: 'Open the logs',
    starting: 'Starting…',
    logSummary: 'Show details (the deploy’s log)',
    logLabel: 'Deploy log',
    nothingLogged: 'Nothing logged yet.'
  },

  // components/EnvForm.tsx
  envForm: {
    title: 'Settings',
    backToForm: 'Back to the form',
    editFile: 'Edit the file directly (advanced)',
    fileLabel: 'The app’s settings file (.env)',
    fileHint: 'The same file abra uses. Lines starting with # are comments or switched off. Secrets are not kept here, only their versions.',
    updating: 'Updating the file…',
    missingTitle: 'Some settings the app uses are not set',
    missingText:
      'The app type uses these, but the file does not set them. The app may not start without them: add them with “Edit the file directly”.',
    problemsTitle: 'Problems in the file',
    error: 'Error: ',
    warning: 'Warning: ',
    noSettings: 'This app type needs no settings besides its domain.',
    essentials: 'These have no value yet, and the app needs them.',
    noEssentials:
      'Nothing else needs deciding now: every other setting already has a value or a default, which you can change under “More settings”.',
    more: 'More settings',
    settingCount_one: '{{count}} setting',
    settingCount_other: '{{count}} settings',
    partCount_one: '{{count}} optional part',
    partCount_other: '{{count}} optional parts',
    countsJoin: '{{first}}, {{second}}',
    on: 'On',
    off: 'Off',
    needed: ' (needed)',
    optional: ' (optional)',
    defaultValue: 'Leave empty to use the recipe’s default ({{value}}).',
    leaveUnset: 'Leave empty to leave it unset.',
    yesNoUnset: 'Not set: the app decides by itself until you turn it on or off.',
    yesNoDefaultOn: 'On unless you turn it off (the recipe’s default).',
    yesNoDefaultOff: 'Off unless you turn it on (the recipe’s default).',
    suggestion: '{{value}} ({{note}})',
    suggests: 'The recipe suggests: {{list}}.'
  },

  // components/LogView.tsx
  logView: {
    service: 'Service',
    allServices: 'All services',
    search: 'Search',
    searchPlaceholder: 'Show only lines with…',
    connecting: 'Connecting to the logs…',
    following: 'Showing new lines as they come.',
    paused_one: 'Paused. {{count}} new line waits.',
    paused_other: 'Paused. {{count}} new lines wait.',
    ended: 'The log stream ended.',
    matches: ' {{shown}} of {{total}} lines match.',
    pause: 'Pause',
    followAgain: 'Follow again',
    startAgain: 'Start again',
    readFailed: 'The logs could not be read',
    linesLabel: 'Log lines',
    noLines: 'No log lines.',
    noLinesYet: 'No log lines yet.',
    noMatch: 'No line matches your search.'
  },

  // components/MoveAppDialog.tsx
  move: {
    sameDomain: 'The copy needs an address other than the original’s.',
    title: 'Move {{domain}} to another server',
    description: 'Runs the same app, with the same data, on another of your servers. It now runs on {{server}}.',
    loadingServers: 'Looking up your servers…',
    serversFailed: 'Your servers could not be listed',
    noOtherServer: 'You have no other server yet. Add one first, then come back here.',
    addServer: 'Add a server',
    moveTo: 'Move it to',
    andTheApp: 'And the app on {{server}}',
    modeClone: 'Keep it running, and make a copy at another address',
    modeMove: 'Stop it once the new one works (a move, same address)',
    domainLabel: 'Address (domain) of the copy',
    domainPlaceholder: 'copy.{{domain}}',
    domainHint: 'The copy answers on its own address, so both can run at once. Point this domain at the new server in its DNS settings.',
    whatHappens: 'What happens',
    keepsAddress: 'The app keeps its address ({{domain}}): point it at {{target}} in your domain’s settings (DNS) when you are ready.',
    moveFailedStart: 'The move could not start',
    copyFailedStart: 'The copy could not start',
    starting: 'Starting…',
    confirmMove: 'Move to {{target}}',
    confirmCopy: 'Copy to {{target}}',
    movedTitle: '{{domain}} now runs on {{target}}',
    copiedTitle: 'The copy {{domain}} runs on {{target}}',
    moveFailed: 'The move failed',
    copyFailed: 'The copy failed',
    oldStopped: 'The app on {{server}} is stopped; its data is still there.',
    oldRuns: 'The app on {{server}} runs as before.',
    failedText:
      'The app on {{server}} is only stopped as the very last step, so it still runs unless the log says otherwise. Read the details, fix what they say, and try again.',
    openOn: 'Open {{domain}} on {{target}}',
    hide: 'Hide (it keeps going)'
  },

  // components/RecipeIncomplete.tsx
  recipeIncomplete: {
    title: 'This version of the recipe can’t be used: files are missing',
    nothingCreated: '{{message}} Nothing will be created on your server.',
    whatNext: 'What next: '
  },

  // components/RemoveAppDialog.tsx
  remove: {
    title: 'Remove {{domain}} and delete its data?',
    confirm: 'Delete everything',
    busy: 'Removing…',
    failed: 'The app could not be removed',
    warning: 'This will DELETE the app’s data. It cannot be undone.',
    stopped: 'The app is stopped and removed from {{server}}.',
    data: 'Its data (volumes) on {{server}} is deleted.',
    secrets: 'Its secrets (passwords the app uses) are deleted.',
    settings: 'Its settings (the .env file on this computer) are deleted.',
    backupFirst: 'If you may need the data later, make a backup first.'
  },

  // components/SecretForm.tsx
  secretForm: {
    missingPassphrase: 'Type the passphrase first, then choose Sign in.',
    missingPassword: 'Type the password first, then choose Sign in.',
    passphraseFor: 'Passphrase for key {{keyFile}}',
    passphrase: 'Passphrase for key',
    passwordFor: 'Password for {{who}}',
    passwordForThisUser: 'Password for this user',
    passphraseHint: 'Your SSH key is locked with a passphrase. The app needs it to sign in to the server.',
    passwordHint: 'The server asks for this user’s password.',
    remember: 'Remember in this computer’s keychain',
    rememberHint: 'Then the app will not ask again on this computer.',
    signingIn: 'Signing in…',
    signIn: 'Sign in'
  },

  // components/SecretsReveal.tsx
  secretsReveal: {
    title_one: 'The password made for your app',
    title_other: 'The passwords made for your app',
    text: '<strong>They will not be shown again.</strong> Copy any you need (for example an admin password) into your password manager now. The app itself already has them.'
  },

  // components/ServiceList.tsx
  serviceList: {
    none: 'No services are running for this app.',
    label: 'Services',
    restarting: 'Restarting…',
    restart: 'Restart',
    about: 'About {{name}}',
    lastError: 'Last error: ',
    detailsOf: ' of {{name}}',
    serviceImage: 'Service <mono>{{service}}</mono>, image <mono>{{image}}</mono>',
    lastUpdate: 'Last update: {{state}}',
    lastUpdateMessage: 'Last update: {{state}} — {{message}}',
    tasksOf: 'Tasks of {{name}}',
    task: 'Task',
    node: 'Node',
    state: 'State',
    since: 'Since',
    message: 'Message',
    wanted: ' (wanted: {{state}})'
  },

  // components/SiteLink.tsx
  siteLink: {
    opensOutside: ' (opens in your browser)'
  },

  // components/Terminal.tsx
  terminal: {
    opening: 'Opening a shell in {{service}}…',
    connected: 'Connected to {{service}}. Type exit to end the session.',
    ended: 'The session ended.',
    endedCode: 'The session ended (exit code {{code}}).',
    startAgain: 'Start again',
    openFailed: 'The terminal could not be opened',
    label: 'Terminal in {{service}}'
  },

  // components/UndeployDialog.tsx
  undeploy: {
    title: 'Stop {{domain}}?',
    confirm: 'Undeploy',
    busy: 'Undeploying…',
    failed: 'The app could not be undeployed',
    text: 'The app stops and its services are removed from {{server}}. People can’t use it until you deploy it again.',
    kept: 'Its data (volumes), its secrets (passwords the app uses) and its settings are kept, so deploying it again picks up where it left off.'
  },

  // components/UpgradeDialog.tsx
  upgrade: {
    titleUpgrade: 'Upgrade {{domain}}',
    titleRollback: 'Go back to an earlier version of {{domain}}',
    textUpgrade:
      'Choose the newer version to move to. The app restarts on it; if it does not start properly, the server goes back to the version it has now.',
    textRollback: 'Choose the earlier version to go back to. Use this when a new version causes trouble.',
    runsNow: 'It runs {{version}} now.',
    loading: 'Looking up the versions…',
    loadFailed: 'The versions could not be looked up',
    noneNewer: 'There is no newer version. The app already runs the newest one this computer knows.',
    noneOlder: 'There is no earlier version to go back to.',
    newVersion: 'New version',
    goBackVersion: 'Go back to version',
    newest: ' (newest)',
    ranBefore: ' (the one it ran before)',
    whatsNew: 'What’s new',
    noNotes: 'The recipe has no release notes for {{version}}.',
    newSettings: 'New settings',
    comparing: 'Comparing the settings…',
    compareFailed: 'The settings could not be compared',
    noNewSettings: '{{version}} needs no settings your app doesn’t already have.',
    addsSettings:
      '{{version}} adds these settings. Your app will get the recipe’s defaults shown here, unless you set them in Config before you continue.',
    notSet: '(not set: the recipe’s default)',
    backupFirst: 'Take a backup first',
    nothingToBackUp: 'There is nothing to back up: {{explanation}}',
    backupUpgrade:
      'A copy of the app’s data is taken and checked before anything changes. If the backup fails, the upgrade does not happen and the app keeps running as it is.',
    backupRollback:
      'A copy of the app’s data is taken and checked before anything changes. If the backup fails, the change of version does not happen and the app keeps running as it is.',
    noBackupUpgrade: 'No backup is taken. If the new version changes the app’s data, there is no copy to go back to.',
    noBackupRollback: 'No backup is taken. If the earlier version changes the app’s data, there is no copy to go back to.',
    upgradeFailed: 'The upgrade could not start',
    rollbackFailed: 'Going back could not start',
    starting: 'Starting…',
    confirmUpgrade: 'Upgrade to {{version}}',
    confirmRollback: 'Go back to {{version}}'
  },
  // Does the app's domain lead to its server? (components/DomainCheckPanel.tsx; the sentence itself comes from the core)
  domainCheck: {
    checking: 'Checking where {{domain}} points…',
    okTitle: '{{domain}} points to this server',
    missingTitle: "{{domain}} isn't set up yet",
    elsewhereTitle: '{{domain}} points to another machine',
    cantCheckTitle: "Couldn't check the domain just now",
    goOn: 'You can deploy anyway: the app starts, and visitors reach it once the domain points to this server.',
    checkAgain: 'Check again',
    checkingShort: 'Checking…'
  },
  activity: {
    title: 'Activity',
    loading: 'Reading who changed this app…',
    loadFailed: 'The activity could not be read',
    byWho: '{{who}}: {{what}}',
    running: 'What runs now',
    unshared: 'Not shared with the team yet',
    none: 'Nothing recorded for this app yet.',
    noHistory: 'Who changed the settings shows here once they are shared with your team (Settings → Share app settings with your team).',
    serverProblem: 'The deploy recorded on the server could not be read: {{problem}}'
  }
}
