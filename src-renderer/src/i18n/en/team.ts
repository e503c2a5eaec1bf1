// Settings' "Share app settings with your team" (screens/team/), and the
// app page's note when an app's settings wait for a choice.
export const team = {
  title: 'Share app settings with your team',
  intro:
    'When several of you look after the same servers, each computer keeps its own copy of every app’s settings. Sharing keeps them in one shared place, a repository on your co-op’s Gitea or GitLab, so everyone starts from the latest settings and nobody deploys old ones over a teammate’s change. Each change is shared with your name and a sentence saying what changed.',
  secretsNote: 'Passwords (secrets) never go there: they stay on your servers. Only the apps’ settings files go (the .env files in your servers folder, as abra keeps them), so teammates using abra can use the same repository with plain git.',
  loading: 'Reading whether app settings are shared…',
  loadError: 'The app could not read whether settings are shared',
  choose: 'How do you want to start?',
  share: {
    title: 'Share',
    text: 'Your team has no shared settings yet: put this computer’s app settings in an empty repository.',
    submit: 'Share my app settings',
    busy: 'Sending your app settings to {{remote}}…',
    busyHint: 'This takes a few seconds. Your files stay on this computer whatever happens.',
    done: 'Your app settings are now shared with {{remote}}.',
    error: 'Your app settings could not be shared'
  },
  join: {
    title: 'Join',
    text: 'A teammate already shares your co-op’s app settings: take them onto this computer.',
    submit: 'Join my team',
    busy: 'Downloading your team’s app settings from {{remote}}…',
    busyHint: 'This takes a few seconds. Nothing on this computer is overwritten.',
    done: 'You have joined. This computer now has your team’s app settings.',
    error: 'Joining your team did not work'
  },
  remote: 'Address of the repository',
  remoteHint: {
    share: 'An empty repository made for this on your forge, with the HTTPS address your forge shows under “Clone”, for example https://git.example.org/coop/abra-settings.git.',
    join: 'The HTTPS address of your team’s repository, as your forge shows it under “Clone”, for example https://git.example.org/coop/abra-settings.git.'
  },
  token: 'Access token',
  tokenHint: 'Create one in your forge (in Gitea: Settings → Applications; in GitLab: Preferences → Access tokens) with read and write access to repositories. It is kept in your computer’s keychain and never shown again. Leave it empty only if the repository needs none.',
  name: 'Your name',
  nameHint: 'How teammates see your changes, e.g. “Alice (Tuesday rota)”.',
  servers: 'Which servers',
  serversAll: 'All my servers',
  serversAllText: 'Every server’s app settings, and those of servers you add later.',
  serversSome: 'Only the servers I choose',
  serversSomeText: 'The others stay on this computer only.',
  serversNone: 'There are no servers on this computer yet: add a server first, then share.',
  invalid: {
    remoteEmpty: 'Type the repository’s address.',
    remoteScheme: 'The address must start with https:// (http:// only for a forge on your own network).',
    remoteCredentials: 'Take the name and password out of the address: the token goes in its own field.',
    remoteSpaces: 'The address can’t contain spaces.',
    remoteShort: 'This address is too short to be a repository’s.',
    nameEmpty: 'Type your name: teammates see it next to your changes.',
    nameLong: 'Your name is too long (200 characters at most).',
    serversNone: 'Choose at least one server, or share all of them.'
  },
  connected: {
    with: 'Shared with',
    as: 'Your name',
    servers: 'Servers shared',
    all: 'All of them',
    state: 'State',
    allShared: 'Everything is shared',
    lastSync: 'Last answer from the shared copy',
    never: 'Not yet',
    shareNow: 'Share now',
    sharing: 'Sharing…',
    shared: 'Shared. You have your team’s latest settings.',
    shareError: 'Sharing did not work this time',
    stop: 'Stop sharing…',
    warning: 'Check before your next change',
    problem: 'The shared copy could not be reached last time',
    problemNext: 'Your changes are kept here and counted. Press “Share now” when the connection is back.'
  },
  stop: {
    title: 'Stop sharing app settings?',
    text: 'This computer stops sending and receiving changes to {{remote}}. Your app settings files and their history stay where they are, and the repository keeps what was shared. The access token is removed from your keychain.',
    again: 'You can join again later with the same address and a token.',
    confirm: 'Stop sharing',
    busy: 'Stopping…',
    error: 'Sharing could not be stopped',
    done: 'Sharing stopped. Your files are still here.'
  },
  conflicts: {
    title_one: 'Choose which settings to keep: 1 app differs from your team’s copy',
    title_other: 'Choose which settings to keep: {{count}} apps differ from your team’s copy',
    text: 'You and a teammate both changed the same lines. Your version stays in place for now; nothing is deployed from it until you choose.',
    item: '{{domain}} on {{server}}',
    places_one: '1 place differs. Its deploys and changes are paused until you choose.',
    places_other: '{{count}} places differ. Its deploys and changes are paused until you choose.',
    choose: 'Choose…',
    chooseFor: 'Choose for {{domain}}'
  },
  dialog: {
    title: 'Choose the settings of {{domain}}',
    intro: 'For each place where you and your team changed the same lines, choose the version to keep. Lines that only one of you changed are already taken in. These are settings only: no password is in them.',
    place: 'Place {{n}} of {{count}}, at line {{line}}',
    mine: 'Your version',
    theirs: 'The team’s version',
    theirsBy: 'The team’s version (by {{name}})',
    keepMine: 'Keep yours',
    keepTheirs: 'Take the team’s',
    noLines: 'No lines here: these lines are taken out.',
    set: '{{key}} is set to {{value}}',
    setEmpty: '{{key}} is set to nothing (empty)',
    comment: 'A note: {{text}}',
    blank: 'An empty line',
    other: 'A line: {{text}}',
    missing: 'Choose a version for place {{n}}.',
    submit: 'Keep these choices',
    busy: 'Saving and sharing…',
    error: 'Your choices could not be saved',
    done: 'Saved: {{domain}} now has the settings you chose, and your team has them too.'
  },
  appNote: {
    title: 'Deploys of this app are paused',
    text: 'Its settings differ between you and your team, on the same lines. Nothing is deployed or changed from them until you choose which version to keep.',
    go: 'Choose in Settings'
  }
}
