// The app's Commands tab (screens/apps/AppCommands.tsx): the recipe's abra.sh functions (abra app cmd).
export const commands = {
  loading: 'Reading the commands this app type offers…',
  loadFailed: "The app's commands could not be read",
  none: "This app type (recipe) offers no commands at version {{version}}: its abra.sh defines none.",
  intro: 'Jobs the app type (recipe) offers for after a deploy, such as creating the first admin or running a migration. They come from its abra.sh at version {{version}} and run inside one of the app’s containers, with the app’s settings.',
  notDeployed: 'The app is not deployed, so there is nowhere to run a command. Deploy it first.',
  command: 'Command',
  noDescription: 'The recipe says nothing about this command.',
  service: 'Run it in the service',
  serviceHint: 'The recipe’s README usually says which one; most commands run in “app”.',
  arguments: 'Arguments (optional)',
  argumentsHint: 'One per line. Each line is given to the command exactly as typed.',
  run: 'Run the command',
  running: 'Running {{command}}…',
  outputTitle: 'What {{command}} printed in {{service}}',
  starting: 'Starting {{command}} in {{service}}…',
  runningIn: '{{command}} is running in {{service}}.',
  noOutput: 'The command printed nothing.',
  notStarted: 'The command did not start.',
  startFailed: '{{command}} could not be started',
  exitOk: 'The command finished without errors (exit code 0).',
  exitFailed: 'The command ended with an error (exit code {{code}}). Its output above says what went wrong; fix that, then run it again.',
  exitUnknown: 'The command has ended, but the server did not say how. Check its output above.',
  status: {
    running: 'Running',
    done: 'Done',
    failed: 'Failed'
  }
}
