// The Health screen (screens/health/Health.tsx) and the sidebar's count of
// what needs attention. The items' own words (title, what was seen, what to
// do) come from the core, in the same language.
export const health = {
  nav: 'Health',
  navCountWords_one: 'thing needs attention',
  navCountWords_other: 'things need attention',
  title: 'Health',
  intro: 'Everything on your servers and apps that needs attention, most serious first. The app keeps checking while it is open.',
  loading: 'Looking at your servers…',
  loadError: 'The app could not say how your servers are',
  checkedNow: 'Checked just now',
  checkedAgo: {
    minutes_one: 'Checked {{count}} minute ago',
    minutes_other: 'Checked {{count}} minutes ago',
    hours_one: 'Checked {{count}} hour ago',
    hours_other: 'Checked {{count}} hours ago',
    days_one: 'Checked {{count}} day ago',
    days_other: 'Checked {{count}} days ago'
  },
  checking: 'The first check is under way; what it finds shows here.',
  since: {
    now: 'for less than a minute',
    minutes_one: 'for {{count}} minute',
    minutes_other: 'for {{count}} minutes',
    hours_one: 'for {{count}} hour',
    hours_other: 'for {{count}} hours',
    days_one: 'for {{count}} day',
    days_other: 'for {{count}} days'
  },
  sinceExact: 'First seen {{when}}',
  listLabel: 'Things that need attention',
  severity: {
    critical: 'Urgent',
    warning: 'Needs attention',
    notice: 'Good to know'
  },
  seen: 'What the app saw',
  next: 'What to do',
  actions: {
    openApp: 'Open the app',
    openServer: 'Open the server',
    backUpNow: 'Back up now',
    startingBackup: 'Starting the backup…',
    backupError: 'The backup could not start',
    openBackups: 'Open backups',
    seeUpgrade: 'See the upgrade'
  },
  noServersTitle: 'No servers yet',
  noServersText: 'Add a server, and the app will watch over it and its apps here.',
  addServer: 'Add a server'
}
