// The catalogue: the list of app types (recipes), a recipe's page, and the
// form that creates an app from one. Recipe names, descriptions and READMEs
// are the community's own text and stay as published.
export const catalogue = {
  // Co-op Cloud's own names for the features (its README metadata says
  // "Healthcheck"), so the catalogue reads the same here as on its website.
  features: {
    backups: 'Backups',
    email: 'Email',
    healthcheck: 'Healthcheck',
    sso: 'Single sign-on',
    tests: 'Tests'
  },
  badge: '{{feature}}: {{answer}}',
  count: {
    all_one: '{{count}} app type in the catalogue',
    all_other: '{{count}} app types in the catalogue',
    none_one: 'None of {{count}} app type match',
    none_other: 'None of {{count}} app types match',
    some_one: '{{shown}} of {{count}} app type match',
    some_other: '{{shown}} of {{count}} app types match'
  },
  source: {
    cacheTitle: 'Showing a saved copy of the catalogue',
    bundledTitle: 'Showing the catalogue that came with the app',
    otherTitle: 'About this catalogue',
    cacheText: 'The catalogue could not be downloaded just now, so this is the copy saved on this computer. It may be out of date.',
    bundledText: 'The catalogue could not be downloaded, so this is the list that came with the app. It may be out of date.',
    downloadAgain: 'Try downloading it again'
  },
  list: {
    title: 'Catalogue',
    check: 'Check for new apps',
    checking: 'Checking…',
    intro:
      'The kinds of apps you can run (app types, or “recipes”), maintained by the Co-op Cloud community. Choose one to read about it and create an app from it.',
    findLabel: 'Find an app type',
    search: 'Search',
    searchPlaceholder: 'Name or what it does, like “wiki” or “chat”',
    category: 'Category',
    allCategories: 'All categories',
    onlyWith: 'Only app types with',
    loading: 'Loading the catalogue…',
    loadError: 'The catalogue could not be loaded',
    downloaded: 'Downloaded <time>{{when}}</time>',
    bundled: 'The list that came with the app',
    clear: 'Clear the search and filters',
    noMatchTitle: 'No app types match',
    noMatchText: 'Try other words, or fewer filters.',
    appTypes: 'App types',
    noCategory: 'No category',
    noDescription: 'No description yet.'
  },
  recipe: {
    back: 'Catalogue',
    kind: 'App type (recipe)',
    kindWithCategory: 'App type (recipe) · {{category}}',
    create: 'Create an app from this recipe',
    offers: 'What {{name}} offers',
    downloadingHint: 'The first time, the app downloads the recipe’s files from its git repository. This can take a minute.',
    downloading: 'Downloading the recipe…',
    downloadError: 'The recipe could not be downloaded',
    changedTitle: 'The recipe on this computer has changes',
    changedText: 'The app never overwrites your changes.',
    readmeLabel: 'About {{name}} (its README)',
    noReadme: 'This recipe has no README.'
  },
  versions: {
    title: 'Versions',
    none: 'This recipe has no released versions yet. An app made from it uses the newest files in its repository, which may change at any time.',
    intro_one: 'One version, newest first. A new app uses the newest unless you choose another.',
    intro_other: '{{count}} versions, newest first. A new app uses the newest unless you choose another.',
    newest: 'Newest',
    use: 'Use this version<hidden> ({{version}})</hidden>',
    notes: 'Release notes',
    noNotes: 'No release notes.',
    showFewer: 'Show fewer versions',
    showAll: 'Show all {{count}} versions'
  },
  newApp: {
    title: 'New {{recipe}} app',
    intro: 'Choose where the app runs and its address, look over its settings, and create it. Nothing is deployed until you say so.',
    noServerTitle: 'Add a server first',
    noServerText: 'An app runs on one of your servers, and you have none yet.',
    goToServers: 'Go to Servers',
    createdTitle: 'Your app {{domain}} is ready to deploy',
    created: 'Its settings are saved on this computer (<file>{{file}}</file>). Nothing runs on {{server}} until you deploy it.',
    createdWithSecrets:
      'Its settings are saved on this computer (<file>{{file}}</file>) and its secrets are on the server. Nothing runs on {{server}} until you deploy it.',
    deployError: 'The deploy could not start',
    deployStarting: 'Starting the deploy…',
    deployNow: 'Deploy now',
    openApp: 'Open the app’s page',
    notNow: 'Not now',
    secretsTypeOrGenerate_one: 'Type a value for {{names}}, or let the app generate it.',
    secretsTypeOrGenerate_other: 'Type a value for {{names}}, or let the app generate them.',
    secretsMustType_one: 'Type a value for {{names}}: the app type asks you to choose it.',
    secretsMustType_other: 'Type a value for {{names}}: the app type asks you to choose them.',
    downloadingHint: 'The app needs the recipe’s files to know its versions and settings.',
    serversError: 'Your servers could not be listed',
    formLabel: 'New {{recipe}} app',
    where: 'Where and which version',
    server: 'Server',
    serverHint: 'The server the app will run on.',
    version: 'Version',
    versionUnknown: 'Not known',
    versionLoading: 'Loading…',
    versionNoReleases: 'Newest files (no released versions)',
    versionNewest: '{{version}} (newest)',
    versionHint: 'The newest is usually right. You can upgrade later.',
    domain: 'Domain',
    domainPlaceholder: '{{recipe}}.example.org',
    domainHint:
      'The web address the app will answer on, like {{recipe}}.example.org. It is also the app’s name. Point its DNS at the server before you deploy.',
    domainRecipeSays: 'The recipe says: {{help}}',
    formError: 'The settings could not be prepared',
    readingSettings: 'Reading the recipe’s settings…',
    createError: 'The app could not be created',
    creatingHint: 'Nothing is left half-made: if a step fails, the app undoes the others.',
    creating: 'Creating the app…',
    create: 'Create the app'
  },
  secrets: {
    title: 'Secrets (passwords the app uses)',
    needs_one: 'This app type needs one secret: <names></names>. They are kept on the server as Docker secrets, never in the settings file.',
    needs_other:
      'This app type needs {{count}} secrets: <names></names>. They are kept on the server as Docker secrets, never in the settings file.',
    how: 'How to make them',
    generate: 'Generate passwords for me <muted>(recommended)</muted>',
    generateHint: 'Long random passwords. You see them once, right after the app is created.',
    typeThem: 'I’ll type them myself',
    mustType: 'The recipe asks you to type this one.',
    suggestedLength: 'The recipe suggests {{length}} characters.',
    keptAs: 'Kept on the server as {{name}}.',
    tooLong:
      'With this domain, a secret’s name on the server ({{names}}) is longer than the 64 characters Docker allows. Choose a shorter domain.'
  },
  // A README's picture that is not shown (lib/markdown.ts): its description instead.
  markdown: {
    picture: '[Picture]',
    pictureOf: '[Picture: {{alt}}]'
  }
}
