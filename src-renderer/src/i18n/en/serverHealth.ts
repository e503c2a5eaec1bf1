// A server's health on its page (screens/server-health/ServerHealth.tsx):
// disk, memory and load over the last day, and its Docker and swarm.
export const serverHealth = {
  title: 'How {{name}} is doing',
  intro: 'The app measures this {{every}} while it is open. Last 24 hours.',
  loading: 'Reading what the app measured…',
  checked: 'Last checked {{when}}.',
  notChecked: 'Not checked yet: the first check is under way.',
  noHistory: 'The app could not open its history file, so there is nothing to draw. What it sees now is below.',
  unreachable: 'The latest check could not reach the server: {{error}}',
  diskTitle: 'Disk space used ({{mount}})',
  diskFree: '{{free}} free of {{total}}.',
  diskHolds: 'This disk holds {{paths}}.',
  pathSystem: 'the system (/)',
  pathDocker: 'Docker’s data ({{path}})',
  diskThreshold: 'Needs attention above {{pct}}',
  memoryTitle: 'Memory used',
  memoryTotal: '{{total}} of memory in all.',
  memoryThreshold: 'Nearly full above {{pct}}',
  loadTitle: 'How busy (load per processor)',
  loadHelp_one: '1 means its processor is busy all the time; above 1, work waits its turn.',
  loadHelp_other: '1 means all {{count}} processors are busy all the time; above 1, work waits its turn.',
  loadThreshold: 'Fully busy',
  dockerTitle: 'Docker and swarm',
  dockerIntro: 'Docker runs the apps; a swarm is the group of machines (nodes) Docker runs them on.',
  dockerVersion: 'Docker version',
  unknownVersion: 'Not known',
  swarmLabel: 'Swarm',
  swarm: {
    manager: 'On: this server runs the swarm (manager)',
    worker: 'On, run from another server (this one is a worker)',
    off: 'Off: apps can’t be deployed here until it is turned on'
  },
  dockerUnknown: 'Not read yet: the app reads it at its next check.',
  nodesTitle: 'Machines in the swarm (nodes)',
  nodesNone: 'This server can’t list the swarm’s machines: only a manager can.',
  col: { name: 'Machine', role: 'Role', state: 'State', availability: 'Takes apps' },
  role: {
    manager: 'Manager: runs the swarm, and apps',
    leader: 'Manager, leading: runs the swarm, and apps',
    worker: 'Worker: only runs apps'
  },
  state: {
    ready: 'Ready',
    down: 'Down',
    unknown: 'Not answering',
    disconnected: 'Disconnected',
    unreachable: 'Unreachable'
  },
  availability: {
    active: 'Yes (active)',
    pause: 'Keeps its apps, takes no new ones (paused)',
    drain: 'No: its apps were moved away (drained)'
  },
  thisDocker: 'Docker {{version}}'
}
