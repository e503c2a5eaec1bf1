// The Servers screen, a server's checks and the dialogs their fixes open
// (Servers.tsx, ServerChecks.tsx, ChecksView.tsx, SwarmDialog, ProxyDialog,
// PasswordOffDialog, SetUpKeyDialog), and how a server is described
// (lib/format.ts, lib/status.ts).
export const servers = {
  title: 'Servers',
  add: 'Add server',
  addFirst: 'Add your first server',
  intro: 'The machines your apps run on. The app keeps a connection to each of them.',
  loading: 'Loading your servers…',
  loadError: 'The list of servers could not be loaded',
  emptyTitle: 'No servers yet',
  emptyText: 'Add a server you reach over SSH, or this computer, to start running apps.',
  listLabel: 'Your servers',
  about: 'About {{name}}',
  docker: 'Docker {{version}}',
  dockerUnknown: 'Docker: not known yet',
  check: 'Check',
  swarm: {
    alone: 'Runs apps on its own (Swarm manager, 1 node)',
    manager: 'In charge of {{nodes}} servers (Swarm manager, {{nodes}} nodes)',
    worker: 'Swarm worker',
    off: 'Swarm is off',
    unknown: 'Swarm: not known yet'
  },
  noApps: 'No apps',
  apps_one: '{{count}} app',
  apps_other: '{{count}} apps',
  connection: {
    connected: 'Connected',
    connecting: 'Connecting',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
    unknown: 'Not connected yet'
  },
  remove: {
    button: 'Remove from list',
    title: 'Remove {{name}} from the list?',
    text: 'This only removes the server from this app (and from abra on this computer). Nothing on the server is changed.',
    keepRunning: 'Its apps keep running. You can add the server again later.',
    appsKept_one: 'The settings of its app are not deleted: they are moved to the “removed-servers” folder inside abra’s folder, where you can restore them.',
    appsKept_other: 'The settings of its {{count}} apps are not deleted: they are moved to the “removed-servers” folder inside abra’s folder, where you can restore them.',
    error: 'The server could not be removed from the list',
    busy: 'Removing…'
  },
  checks: {
    title: 'Is {{name}} ready?',
    intro: 'The app checks what a server needs to run Co-op Cloud apps, and offers to fix what is missing.',
    readyLabel: 'Done — back to my servers',
    laterLabel: 'Back to my servers',
    status: {
      passed: 'Passed',
      notChecked: 'Not checked yet',
      recommended: 'Recommended',
      later: 'Comes later',
      failed: 'Failed'
    },
    connectError: 'The app could not connect to the server',
    addressesError: 'The app could not list the server’s addresses',
    networkError: 'The "proxy" network could not be created',
    prepareError: 'Preparing the server could not start',
    backToChecks: 'Back to the checks',
    checking: 'Checking the server…',
    checkingHint: 'This takes a few seconds.',
    runError: 'The checks could not run',
    checkingAgain: 'Checking again…',
    ready: 'Your server is ready for apps.',
    notReady: 'Some things need attention before apps can run on this server.',
    later_one: 'Recommended: see {{checks}} below. You can carry on and do it later.',
    later_other: 'Recommended: see {{checks}} below. You can carry on and do them later.',
    fixHint: 'Use the buttons below to fix them, one at a time.',
    signIn: 'Sign in to {{name}}',
    checkAgain: 'Check again'
  },
  swarmDialog: {
    title: 'Turn on Swarm',
    text: 'Swarm mode lets this server run Co-op Cloud apps. Choose the address other servers would use to reach this one. If you are not sure, keep the first one.',
    address: 'Address',
    another: 'Another address',
    other: 'Other address',
    otherHintNone: 'The app could not list the server’s addresses. Type the IP address other servers use to reach it.',
    otherHint: 'An IP address of this server, optionally with a port (203.0.113.7:2377).',
    advanced: 'Advanced',
    listen: 'Listen address',
    listenHint: 'Where Swarm listens for other servers. Leave empty for the usual 0.0.0.0:2377.',
    dataPort: 'Data path port',
    dataPortHint: 'The port for traffic between apps. Leave empty for the usual 4789.',
    error: 'Swarm could not be turned on',
    busy: 'Turning on Swarm…',
    confirm: 'Turn on Swarm'
  },
  proxyDialog: {
    title: 'Deploy the reverse proxy',
    text: 'The reverse proxy (Traefik) sends each visitor to the right app and gets HTTPS certificates for them. It is installed from Co-op Cloud’s “traefik” recipe, like any other app.',
    domain: 'Address of the proxy’s dashboard',
    domainHint: 'A name that points at this server, like traefik.example.org.',
    email: 'Email for HTTPS certificates',
    emailHint: 'Let’s Encrypt writes here when a certificate is about to expire.',
    error: 'The proxy could not be deployed',
    confirm: 'Deploy the proxy',
    previewNext: 'Next you see what the deploy will create on the server, and confirm it.',
    preparing: 'Getting the proxy app ready…'
  },
  passwordOff: {
    title: 'Turn off password sign-in on {{name}}?',
    confirm: 'Turn off password sign-in',
    error: 'This could not start',
    text: 'After this, only someone with a key can sign in to {{name}} over SSH: passwords, yours included, stop working.',
    keepKey: 'Keep your key safe: it is in the <mono>.ssh</mono> folder of your home folder. If you also sign in from another computer, set up a key there first.',
    safe: 'The app proves that your key still signs in before it keeps the change. If that proof fails or the connection drops, the server turns password sign-in back on by itself within a minute.'
  },
  setUpKey: {
    title: 'Set up a key for {{name}}?',
    confirm: 'Set up a key',
    busy: 'Putting your key on the server…',
    error: 'The key could not be set up',
    text: 'The app makes a key on this computer (or uses the one it made before), keeps its passphrase in this computer’s keychain, and adds it to {{name}}’s list of allowed keys. Then it checks that the key signs in, and uses it from now on.',
    passwordStays: 'Your password keeps working until you choose to turn password sign-in off.',
    publicKey: 'Your public key, to add on your hosting provider’s “SSH keys” page (or to give your server’s administrator):',
    copyWhat: 'your public key'
  }
}
