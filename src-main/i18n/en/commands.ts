// Recipe commands (abra app cmd): src-main/apps/recipe-commands.ts and the CLI's `app cmd`.
export const commands = {
  noRecipe: "{{domain}}'s settings don't say which app type (recipe) it is, so its commands can't be found. Add a RECIPE= line to its settings.",
  unreadable: "The recipe {{recipe}} could not be read at version {{version}}. Check that the version exists (\"Check for new apps\" downloads the recipe again), then try again.",
  noneAtAll: 'The recipe {{recipe}} (version {{version}}) has no commands: its abra.sh defines no functions, so "{{name}}" can\'t be run.',
  unknown: 'The recipe {{recipe}} (version {{version}}) has no command called "{{name}}". Its commands are: {{names}}.',
  notRunning: "\"{{name}}\" has no running copy right now, so there is nowhere to run the command. Deploy the app, or check its status, then try again.",
  elsewhere: '"{{name}}" runs on another machine of the swarm ({{nodes}}), and commands can only run on the server the app connects to. Add that machine as a server to run commands there.',
  copyFailed: "The recipe's abra.sh could not be copied into {{service}}'s container (its /tmp may be missing or read-only). Try another service.",
  execFailed: 'The command "{{name}}" could not be started in {{service}}: the container may have no shell (sh). Try another service.',
  exitOk: 'The command finished without errors (exit code 0).',
  exitFailed: 'The command ended with an error (exit code {{code}}). The lines above say what went wrong.',
  exitUnknown: 'The command has ended, but the server did not say how.',
  cli: {
    usage: 'run a function of the recipe\'s abra.sh; --list shows them, --local runs it on this computer',
    giveCommand: 'Give the app\'s domain, then the command to run (see them with: app cmd <domain> --list).',
    tooMany: '"app cmd" takes the domain, an optional service and the command; put the command\'s arguments after "--". Got: {{got}}',
    none: 'The recipe {{recipe}} (version {{version}}) has no commands.',
    noService: 'Say which service to run "{{name}}" in: {{services}}.',
    noServices: '{{domain}} has no running services to run a command in. Deploy it first, or use --local.',
    noAbraSh: 'The recipe {{recipe}} (version {{version}}) has no abra.sh.',
    localFailed: 'The command could not be started on this computer: {{message}}. --local needs bash or sh.',
    stopped: 'Stopped following. The command goes on in the container until it ends.'
  }
}
