// The recipe catalogue's messages (src-main/catalogue): badges, and why the
// list shown is a saved copy.
export const catalogue = {
  features: {
    backups: 'Backups',
    email: 'Email',
    healthcheck: 'Health check',
    tests: 'Tests',
    sso: 'Single sign-on'
  },
  answers: {
    yes: 'yes',
    no: 'no',
    notApplicable: 'not needed',
    unknown: 'not known'
  },
  featureBadge: '{{feature}}: {{answer}}',
  readmeSays: 'README says "{{raw}}"',
  status: {
    badge: 'Status: {{status}}',
    unrated: 'Not rated',
    unratedDetail: 'The maintainers have not rated this recipe yet.',
    alpha: 'Alpha',
    alphaDetail: 'Early work: expect things to break.',
    beta: 'Beta',
    betaDetail: 'Works for some, with rough edges.',
    usable: 'Usable',
    usableDetail: 'In use, but not yet considered stable.',
    mostlyStable: 'Mostly stable',
    mostlyStableDetail: 'Stable for most uses.',
    stable: 'Stable',
    stableDetail: 'Stable and well maintained.'
  },
  notJson: 'The recipe catalogue is not valid JSON ({{message}}).',
  notObject: 'The recipe catalogue should be a JSON object of recipes by name, and this one is not.',
  skipped: 'Recipe "{{key}}" was skipped: {{message}}.',
  skippedAt: 'Recipe "{{key}}" was skipped: {{message}} at {{path}}.',
  noAnswerInTime: 'it did not answer in time',
  serverAnswered: 'the server answered {{status}}',
  tooBig: 'it is larger than {{size}}, far more than a recipe list should be',
  downloadFailed: 'The recipe list could not be downloaded from {{url}} ({{reason}}).',
  showingSaved: 'Showing the copy saved on this computer.',
  downloadedOn: 'It was downloaded on {{date}}.',
  downloadedOnStale: 'It was downloaded on {{date}} and may be out of date.',
  noCopy: 'No saved copy of the recipe list was found, and none came with the app.',
  notDownloaded: 'The recipe list was not downloaded.',
  showingBundled: 'Showing the list that came with the app, which may be out of date.'
}
