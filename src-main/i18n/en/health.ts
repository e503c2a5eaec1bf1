// The Health overview's words (src-main/monitoring/health-words.ts): what
// needs attention, what was seen, and what to do next.
export const health = {
  allFine_one: 'The app on {{servers}} is fine.',
  allFine_other: 'All {{count}} apps on {{servers}} are fine.',
  noApps: 'No apps yet; {{servers}} answered.',
  servers_one: '{{count}} server',
  servers_other: '{{count}} servers',
  noServers: 'No servers yet: add one to watch over it here.',
  needAttention_one: '{{count}} thing needs attention.',
  needAttention_other: '{{count}} things need attention.',
  goodToKnow_one: '{{count}} thing is good to know.',
  goodToKnow_other: '{{count}} things are good to know.',
  notChecked: 'Not checked yet.',
  serverUnreachable: {
    title: 'The server {{server}} can’t be reached',
    detail: 'The app could not reach its Docker over SSH.',
    detailError: 'The app could not reach its Docker over SSH: {{error}}',
    next: 'Check that the server is on and online (your hosting provider’s page shows it). Then open it on the Servers screen to see which step fails.'
  },
  diskFull: {
    title: '{{server}}’s disk is {{pct}}% full',
    detail: '{{free}} free of {{total}} on the disk that holds {{paths}}.',
    next: 'Free some space: remove apps or old backups you no longer need, or ask your hosting provider for a bigger disk. When the disk is full, apps can no longer save anything.'
  },
  memoryFull: {
    title: '{{server}} is nearly out of memory ({{pct}}% used)',
    detail: '{{free}} free of {{total}}.',
    next: 'Apps may slow down or be stopped by the server. Remove apps you don’t need, move some to another server, or ask your hosting provider for more memory.'
  },
  server: {
    unknown: 'This computer doesn’t know a server called {{server}}.'
  },
  nodeDown: {
    title: '{{node}}, a machine of {{server}}’s swarm, is {{state}}',
    detail: 'Docker on {{server}} says this machine is {{state}}. It is a {{role}}.',
    said: 'Docker says: {{message}}',
    roleManager: 'manager (it helps run the swarm, and runs apps)',
    roleWorker: 'worker (it only runs apps)',
    state: { down: 'down', unknown: 'not answering', disconnected: 'disconnected', unreachable: 'unreachable' },
    next: 'Check that the machine is switched on and online, and that Docker runs on it. Apps that ran on it are started on the other machines where they can be. This clears by itself once it is back.',
    nextManager: 'Check that the machine is switched on and online, and that Docker runs on it. While managers are missing, the swarm may refuse changes such as deploys. This clears by itself once it is back.'
  },
  appDown: {
    title: '{{domain}} is down',
    detail: 'Its part “{{service}}” is not running.',
    next: 'Open the app: its logs usually say why. Restarting it may help; if it stopped after a change, go back to the earlier version.'
  },
  appRestarting: {
    title: '{{domain}} keeps restarting',
    detail_one: 'Its part “{{service}}” stopped and was started again {{count}} time.',
    detail_other: 'Its part “{{service}}” stopped and was started again {{count}} times.',
    detailHealth_one: 'Its part “{{service}}” kept failing its health check and was started again {{count}} time.',
    detailHealth_other: 'Its part “{{service}}” kept failing its health check and was started again {{count}} times.',
    next: 'Open the app and look at its logs: they usually say why it stops. If this began after a change, go back to the earlier version.'
  },
  appUnhealthy: {
    title: '{{domain}} is failing its health check',
    detail: 'Its part “{{service}}” runs, but says it isn’t working properly.',
    next: 'Open the app and look at its logs. It may recover by itself; if not, restart it.'
  },
  dockerSays: 'Docker says: {{error}}',
  backupNever: {
    title: '{{domain}} has never been backed up',
    detail: 'There is no backup of its data on this computer.',
    detailNightly: 'There is no backup of its data on this computer, and none among its server’s nightly backups.',
    next: 'Take a backup now. It takes a few minutes and keeps the app running.'
  },
  backupStale: {
    title_one: '{{domain}}’s last backup is {{count}} day old',
    title_other: '{{domain}}’s last backup is {{count}} days old',
    detail_one: 'Backups should be at most {{count}} day old.',
    detail_other: 'Backups should be at most {{count}} days old.',
    next: 'Take a backup from the Backups screen.'
  },
  nightlyMissed: {
    titleFailed: 'Last night’s backup on {{server}} failed',
    titleMissed: 'Last night’s backup on {{server}} didn’t happen',
    titleNotRunning: 'Nightly backups on {{server}} are not running',
    detailFailed: 'The backup app ({{bot}}) ran at its time, but some of the apps were not backed up.',
    detailMissed: 'The backup app ({{bot}}) made no backup at the time it was due.',
    detailNotRunning: 'Nightly backups are set up, but the backup app ({{bot}}) is not running on the server, so no backup is made.',
    said: 'It said: {{said}}',
    nextFailed: 'Read what the backup app said. If an app’s own backup step failed, open that app and look at its logs; if the backup storage can’t be reached, check its address and credentials. Until a nightly run works again, take a backup of the apps that matter from the Backups screen.',
    nextMissed: 'Open the backup app {{bot}} and check that it is running, and that the server’s disk is not full. Until a nightly run works again, take a backup of the apps that matter from the Backups screen.',
    nextNotRunning: 'Open the backup app {{bot}} and deploy it again. Until then, take a backup of the apps that matter from the Backups screen.'
  },
  upgrade: {
    title: 'A new version of {{domain}} is available: {{to}}',
    titleSecurity: 'A security upgrade for {{domain}} is available: {{to}}',
    detail: 'It runs {{from}}.',
    detailUnknown: 'The version it runs is not known.',
    next: 'Read what’s new on the app’s page, then upgrade there. The app backs up its data first.',
    nextSecurity: 'Its release notes mention security: upgrade soon. Read what’s new on the app’s page, then upgrade there; the app backs up its data first.'
  },
  app: {
    nothingRunning: 'Nothing of {{domain}} is running on the server right now, so there is nothing to measure.',
    cantMeasure: 'The app’s use of the processor and memory could not be measured on {{server}}: {{message}}',
    volumesSlow: '{{server}} took more than {{seconds}} seconds to measure its volumes. A server with a lot of data can be slow to add it up; try again later.'
  },
  fromHere: {
    certExpiring_one: '{{domain}}’s certificate runs out in {{count}} day',
    certExpiring_other: '{{domain}}’s certificate runs out in {{count}} days',
    certInvalid: 'Visitors to {{domain}} get a security warning',
    siteUnreachable: '{{domain}} can’t be reached from here',
    domainElsewhere: '{{domain}} points at another machine',
    domainMissing: '{{domain}} doesn’t lead anywhere',
    next: 'Checked from this computer, as a visitor’s browser would. The app looks again {{every}}, and this clears by itself once it is fixed.',
    cantCheck: 'Certificates and domains can’t be checked from this computer right now: it seems to be offline. This says nothing about the apps; they are checked again {{every}}.'
  },
  // How often the app looks ({{every}} above), from Settings → Alerts: 30 seconds to an hour.
  every: {
    seconds_one: 'every second',
    seconds_other: 'every {{count}} seconds',
    minutes_one: 'every minute',
    minutes_other: 'every {{count}} minutes',
    hours_one: 'every hour',
    hours_other: 'every {{count}} hours'
  },
  // A desktop notification when a problem is fixed (the one when it appears uses the item's own title and what was seen).
  alert: {
    fixed: 'Fixed: {{title}}',
    fixedBody: 'Health no longer sees this problem.'
  }
}
