// The Machines section of a server's page (screens/machines/): the machines
// of its swarm, and draining, pausing, activating, labelling and removing them.
export const machines = {
  title: 'Machines',
  intro: 'The machines this server shares its apps with (Docker calls this group a swarm). The apps run on any of them unless told where.',
  loading: 'Asking {{server}} about its machines…',
  refresh: 'Refresh',
  notManager: 'This server does not manage a group of machines, so there is nothing to show here.',
  notManagerNext: 'If it should share its apps with other machines, turn on Swarm in the server’s checks above; if another server manages it, open that server’s page instead.',
  count_one: '{{count}} machine',
  count_other: '{{count}} machines',
  self: 'This server',
  selfHint: 'The app’s connection to the server lands on this machine.',
  role: { leader: 'manager (leader)', manager: 'manager', worker: 'worker' },
  state: { ready: 'ready', down: 'not answering', unknown: 'state unknown', disconnected: 'disconnected' },
  dockerSays: 'Docker says: {{message}}',
  availability: { active: 'taking work', pause: 'paused', drain: 'drained' },
  availabilityHint: {
    active: 'New apps can start here.',
    pause: 'Keeps what it runs, takes nothing new.',
    drain: 'Runs nothing: its apps run on other machines.'
  },
  facts: {
    role: 'Role',
    state: 'State',
    availability: 'Availability',
    address: 'Address',
    docker: 'Docker',
    resources: 'Size',
    labels: 'Labels',
    runs: 'Runs'
  },
  resources: '{{cpus}} CPU, {{memory}} memory',
  noLabels: 'none',
  runsNothing: 'nothing',
  appServices: '{{app}}: {{services}}',
  actions: {
    drain: 'Move apps off (drain)',
    pause: 'Pause',
    activate: 'Activate',
    labels: 'Labels…',
    remove: 'Remove…',
    add: 'Add a machine…'
  },
  actionsFor: 'What to do with {{machine}}',
  jobDone: '{{machine}} is now {{availability}}.',
  drain: {
    title: 'Move the apps off {{machine}}?',
    reading: 'Reading what runs on {{machine}}…',
    lead: 'The swarm will stop what runs on {{machine}} and start it on other machines. While it moves, each app is briefly unavailable.',
    moving: 'These will move:',
    movesTo: '{{service}} will start on {{to}}',
    anyOther: 'another machine',
    dataStays: 'Its data ({{volumes}}) stays on {{machine}}: it will start without its data on {{to}}.',
    stuck: 'These can only run on {{machine}}: they stop until the machine takes work again.',
    everywhere: 'These run on every machine: their copy on {{machine}} stops, the others keep running.',
    nothing: 'Nothing runs on {{machine}} now: it will simply take no new work.',
    cancelNote: 'You can cancel while it runs: {{machine}} is then set back to take work.',
    confirm: 'Move apps off',
    busy: 'Starting…'
  },
  labels: {
    title: 'Labels of {{machine}}',
    intro: 'Labels are tags used to choose where apps run, for example storage=ssd.',
    field: 'One label per line, written key=value',
    placeholder: 'storage=ssd',
    save: 'Save labels',
    saving: 'Saving…',
    badLine: 'Line {{line}}, “{{text}}”: write it as key=value.',
    twice: 'Line {{line}}: “{{key}}” is already set on an earlier line.',
    badKey: '“{{key}}” is not a label Docker accepts ({{message}}).',
    reserved: '“{{key}}” starts with com.docker., io.docker. or org.dockerproject.: Docker keeps those names for itself. Choose another name.',
    badName: '“{{key}}” can’t be a label name: use letters, digits, dots, dashes, underscores and slashes, starting with a letter or a digit (at most 128).',
    tooLong: 'The value of “{{key}}” is too long: at most 1024 characters.',
    tooMany: 'A machine can have at most 100 labels.',
    problem: 'Nothing was saved. Fix these lines, then save again:',
    saved: 'Labels saved.'
  },
  remove: {
    title: 'Remove {{machine}} from the list?',
    lead: '{{machine}} is not answering. Removing it takes it out of this server’s swarm for good; its apps already run elsewhere, or wait for a machine they can run on.',
    back: 'If the machine comes back later, it has to be added again.',
    typeName: 'Type <mono>{{domain}}</mono> to confirm',
    confirm: 'Remove machine',
    busy: 'Removing…',
    done: '{{machine}} was removed.'
  }
}
