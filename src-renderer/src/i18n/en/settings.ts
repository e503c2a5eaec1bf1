export const settings = {
  title: 'Settings',
  about: 'About this app',
  aboutError: 'The app could not read its own details',
  version: 'Version',
  abraDir: 'Where abra’s files are kept',
  appearance: 'Appearance',
  appearanceText: 'The app follows your computer’s light or dark setting.',
  language: 'Language',
  languageLabel: 'The app’s language',
  languageSystem: 'Same as this computer ({{language}})',
  languageHelp: 'Words, dates, sizes and numbers follow this choice. Messages from your servers’ own software stay as those programs write them.',
  languageSaved: 'Saved. The app now speaks {{language}}.',
  languageError: 'The language could not be saved',
  alerts: {
    title: 'Alerts',
    intro: 'While the app runs, Health checks your servers and apps in the background. It tells you when something goes wrong, and again when it is fixed: once each time, not over and over.',
    permission: {
      default: 'To be told at once, even while this tab is in the background, let this browser show the app’s notifications. Your browser will ask you to confirm.',
      allow: 'Allow notifications',
      granted: 'This browser shows the app’s notifications while the app is open in a tab.',
      denied: 'This browser blocks the app’s notifications. To allow them, click the icon just left of the address, set Notifications to Allow, then reload this page.',
      unsupported: 'This browser can’t show notifications. Health still lists everything that needs attention.',
      desktop: 'Notifications appear on your desktop while the app runs, even when its window is closed.'
    },
    groupsLegend: 'Tell me when',
    group: {
      apps: { label: 'An app is down or keeps crashing', hint: 'Down, started again and again, or failing its health check.' },
      servers: { label: 'A server can’t be reached, or its disk or memory is full', hint: 'Also when a machine of its swarm is down.' },
      certificates: { label: 'A certificate or domain has a problem', hint: 'A certificate running out or not valid, a site that can’t be reached, a domain that points elsewhere (checked from this computer).' },
      backups: { label: 'A backup is too old, or was never made', hint: 'Older than the limit below.' },
      upgrades: { label: 'An upgrade is available', hint: 'A newer version of an app’s type (recipe); marked when its notes mention security.' }
    },
    groupsHint: 'Health lists everything either way: this only chooses what raises a notification.',
    groupOn: 'Saved. Notifications are on for: {{group}}.',
    groupOff: 'Saved. Notifications are off for: {{group}}.',
    interval: 'Time between checks (seconds)',
    intervalHint: 'From {{min}} to {{max}} seconds (1 hour); {{default}} unless you change it. Each check asks every server a few questions over SSH.',
    backupAge: 'Oldest backup that is still fine (days)',
    backupAgeHint: 'An app whose newest good backup is older than this needs attention; {{default}} days unless you change it.',
    save: 'Save',
    timesSaved: 'Saved. Health follows the new times from its next check.',
    saveError: 'The alert settings could not be saved'
  }
}
