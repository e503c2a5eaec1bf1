// The machines of a server's swarm (src-main/nodes/) and `server node …` (src-main/cli/server-node.ts).
export const nodes = {
  timeout: 'The server did not answer within {{seconds}} seconds. Check that it is on and connected, then try again.',
  notManager: '{{server}} is not managing a group of machines (a swarm): only a swarm’s manager can list and change its machines. Open the server’s checks to set one up.',
  notFound: 'That machine is no longer part of {{server}}’s swarm. Refresh the list of machines.',
  changed: 'Someone changed {{machine}} while this was being saved. Refresh the list and try again.',
  drainSlow: 'After {{minutes}} minutes these apps still did not run on another machine: {{services}}. The machine was set back to take work again. Check the apps’ pages for why they could not start elsewhere.',
  cancelled: 'Cancelled.',
  already: '{{machine}} is already {{availability}}.',
  set: '{{machine}} is now {{availability}}.',
  setBack: '{{machine}} was set back to {{availability}}: nothing changed.',
  restoreFailed: '{{machine}} could not be set back to {{availability}} ({{message}}): it may still be set to take no new work. Open the Machines page when the server answers, and choose “Activate” if it should take work.',
  drained_one: '{{machine}} runs nothing now: its {{count}} app service runs on other machines.',
  drained_other: '{{machine}} runs nothing now: its {{count}} app services run on other machines.',
  removeManager: '{{machine}} manages the swarm, so it can’t be removed from here. Make another machine a manager first, or remove it with Docker on the server.',
  removeUp: '{{machine}} is still running. Only a machine that is down can be removed from the list: turn it off, or make it leave the swarm, first.',
  cli: {
    usage: '  coopcloud-desktop server node ls <server> [--json]   (the machines in its swarm)\n  coopcloud-desktop server node drain <server> <machine> [--yes]   (moves its apps to other machines)\n  coopcloud-desktop server node activate|pause <server> <machine>\n  coopcloud-desktop server node label <server> <machine> [key=value…] [--rm key]\n  coopcloud-desktop server node rm <server> <machine> [--yes]   (only a machine that is down)',
    sayWhat: 'Say what to do with the machines: server node ls, drain, activate, pause, label or rm.',
    notCommand: '“{{sub}}” is not a server node command. Use ls, drain, activate, pause, label or rm.',
    giveServer: 'Give the server’s name: server node ls <server>.',
    giveMachine: 'Give the server’s name and the machine’s (its hostname or ID): server node drain <server> <machine>.',
    tooMany: 'Too many arguments: {{got}}.',
    noSuchMachine: '{{server}}’s swarm has no machine called “{{name}}”. Its machines: {{names}}.',
    ambiguous: 'More than one of {{server}}’s machines starts with “{{name}}”: give its whole hostname or ID. Its machines: {{names}}.',
    heading_one: '{{server}}’s swarm has {{count}} machine (* is the one the server’s connection lands on):',
    heading_other: '{{server}}’s swarm has {{count}} machines (* is the one the server’s connection lands on):',
    leader: 'manager (leader)',
    role: { manager: 'manager', worker: 'worker' },
    state: { ready: 'ready', down: 'down', unknown: 'state unknown', disconnected: 'disconnected' },
    resources: '{{cpus}} CPU, {{memory}}',
    runsNothing: 'runs nothing',
    drainHeading: 'Draining {{machine}} moves what runs there to other machines:',
    moves: '- {{service}} will start on {{to}}',
    leavesData: '    its data in {{volumes}} stays on {{machine}}: it will start there without it',
    stuck: '- {{service}} can only run on this machine: it stops until the machine takes work again',
    everywhere: '- {{service}} runs on every machine: its copy here stops',
    nothingRuns: 'Nothing runs there now.',
    askFirst: 'Add --yes to change {{machine}} without being asked.',
    confirmDrain: 'Move everything off {{machine}}?',
    confirmRemove: 'Remove {{machine}} from {{server}}’s swarm?',
    nothingChanged: 'Nothing was changed.',
    failed: '{{machine}} could not be changed.',
    badLabel: '“{{pair}}” is not a label: write key=value.',
    labels: '{{machine}}’s labels: {{labels}}',
    removed: '{{machine}} was removed from {{server}}’s swarm.'
  },
  availability: {
    active: 'taking work',
    pause: 'paused (keeps what it runs, takes nothing new)',
    drain: 'drained (runs nothing)'
  },
  title: {
    active: 'Letting {{machine}} take work again',
    pause: 'Pausing {{machine}}',
    drain: 'Moving apps off {{machine}}'
  },
  step: {
    set: 'Telling the swarm about {{machine}}',
    move: 'Waiting for the apps to run on other machines'
  }
}
