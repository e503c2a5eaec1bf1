// A recipe's checks (abra's recipe lint) on its page and in the new-app form.
export const lint = {
  title: 'Recipe checks',
  intro: 'The rules Co-op Cloud asks of every recipe (abra recipe lint), checked on version {{version}}.',
  introNoVersion: 'The rules Co-op Cloud asks of every recipe (abra recipe lint), checked on the recipe as it is.',
  checking: 'Checking the recipe…',
  checkingHint: 'Reading its files and asking the image registries whether its software can be downloaded.',
  error: 'The recipe could not be checked',
  allGood: 'This recipe passes every check.',
  problems: 'Its maintainers can fix these. You can still create an app: problems marked "Problem" may stop it from deploying or working well.',
  problem: 'Problem',
  warning: 'Warning',
  passed: 'Passes',
  skipped: 'Not checked',
  rule: 'rule {{id}}',
  howToFix: 'How to fix it:',
  showOthers_one: 'Show the {{count}} other check (passed or not checked)',
  showOthers_other: 'Show the {{count}} other checks (passed or not checked)',
  listLabel: 'Checks that fail',
  othersLabel: 'Checks that pass or were not checked',
  newAppProblems: 'This recipe has problems its maintainers can fix. See them on the recipe\'s page.',
  seeChecks: 'See the recipe\'s checks'
}
