// Words used all over the page: the shell, the sidebar, shared buttons, and
// how times, sizes and counts are written (lib/format.ts).
export const common = {
  skipToContent: 'Skip to content',
  starting: 'Starting…',
  opening: 'Opening…',
  brand: 'Co-op Cloud',
  // components/TypeToConfirm.tsx: the field of a dialog that deletes data for good.
  typeToConfirm: 'Type <mono>{{domain}}</mono> to confirm',
  actions: {
    cancel: 'Cancel',
    close: 'Close',
    tryAgain: 'Try again',
    showDetails: 'Show details',
    copy: 'Copy',
    copied: 'Copied',
    save: 'Save',
    back: 'Back',
    next: 'Next',
    done: 'Done',
    goBack: 'Go back',
    dismiss: 'Dismiss'
  },
  nav: {
    label: 'Main',
    apps: 'Apps',
    catalogue: 'Catalogue',
    servers: 'Servers',
    backups: 'Backups',
    settings: 'Settings'
  },
  time: {
    today: 'today {{clock}}',
    yesterday: 'yesterday {{clock}}',
    daysAgo_one: '{{count}} day ago',
    daysAgo_other: '{{count}} days ago',
    // How often something is done: "The app looks at your app every 5 minutes".
    everySeconds_one: 'every second',
    everySeconds_other: 'every {{count}} seconds',
    everyMinutes_one: 'every minute',
    everyMinutes_other: 'every {{count}} minutes',
    everyHours_one: 'every hour',
    everyHours_other: 'every {{count}} hours'
  },
  step: 'Step {{step}} of {{count}}',
  thisComputer: 'This computer',
  unknownSize: 'unknown size',
  // Shared by the components every screen uses (ErrorPanel, TextField, ConfirmDialog…).
  working: 'Working…',
  optional: '(optional)',
  didNotWork: 'That did not work',
  internalError: 'Something went wrong inside the app. Try again; if it keeps happening, report it with the details below.',
  copyFailed: 'Could not copy. Select the text and copy it by hand.',
  progressPercent: '{{value}} percent',
  progressWorking: 'Working',
  quoted: '“{{text}}”',
  connection: {
    lost: 'Lost the connection to Co-op Cloud Desktop. Is it still running?',
    noToken: 'This page needs the address printed when Co-op Cloud Desktop started (the one with #token=…). Open that address again.',
    unreachable: 'Could not reach Co-op Cloud Desktop. It may have stopped, or this page is from an earlier run: open the address it printed.'
  }
}
