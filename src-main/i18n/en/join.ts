// Adding a machine to a server's swarm (src-main/servers/join.ts) and `server node add`.
export const join = {
  // The servers' check sentences that name "this server", said of the machine (servers/join.ts).
  checks: {
    dockerMissing: 'Docker Engine is not installed on this machine. Apps run on Docker, so it is needed.',
    installNeedsRoot: 'Installing needs the root user or sudo on a Debian or Ubuntu machine. Sign in as root, or ask whoever runs the machine to install Docker Engine.',
    userNoDocker: 'The user {{user}} is not allowed to use Docker on this machine.',
    noDocker: 'The user is not allowed to use Docker on this machine.'
  },
  title: {
    swarmFree: 'Not in another group of machines',
    managerReachable: 'Can reach the manager'
  },
  swarmFree: 'It is not part of any swarm yet: it can join.',
  inThisSwarm: '{{machine}} is already one of {{server}}’s machines: there is nothing to add. You find it on the Machines page.',
  inOtherSwarm: '{{machine}} already belongs to another swarm. A machine can be in only one: make it leave that swarm first (docker swarm leave on it), then check again.',
  pending: '{{machine}} is in the middle of joining a swarm. Wait a minute and check again, or make it leave (docker swarm leave --force on it).',
  reachable: 'It reaches the manager at {{address}}.',
  unreachable: 'It can’t reach the manager at {{address}} (port {{port}}). Machines of a swarm talk to each other on ports 2377, 7946 and 4789: open them in the firewall between the two, or put them on the same network, then check again.',
  reachUnknown: 'Whether it reaches the manager could not be tested (neither bash nor nc is installed on it). The join will tell.',
  notManager: '{{server}} is not managing a swarm, so no machine can join it. Open the server’s checks to set one up.',
  evenManagers: 'With this machine {{server}} would have {{count}} managers. An odd number of managers keeps working when one of them fails (3 survive the loss of 1, and 4 also survive only 1), so an even number adds risk without adding safety. Add it as a worker, or confirm that you want an even number of managers.',
  jobTitle: 'Adding {{machine}} to {{server}}',
  prepareTitle: 'Preparing {{machine}}',
  step: {
    look: 'Checking the machine and the manager…',
    join: 'Joining the swarm…',
    ready: 'Waiting for the manager to list it as ready…'
  },
  joining: '{{machine}} is joining {{server}}’s swarm as a {{role}}…',
  role: { worker: 'worker', manager: 'manager' },
  joined: '{{machine}} joined {{server}}’s swarm as a {{role}} and is ready.',
  notReady: '{{machine}} joined but the manager did not list it as ready within {{seconds}} seconds.',
  joinFailed: '{{machine}} could not join {{server}}’s swarm: {{reason}}',
  cancelled: 'Cancelled.',
  undone: 'Undone: {{machine}} left the swarm again and the manager no longer lists it. Nothing changed.',
  undoLeft: 'Could not make {{machine}} leave the swarm ({{reason}}).',
  undoEntry: 'Could not take {{machine}} off the manager’s list ({{reason}}).',
  undoFailed: 'The join was not fully undone: {{what}} Open the Machines page to see where things stand.',
  stillListed: 'still listed',
  noAnswer: 'no answer',
  alreadyIn: '{{machine}} is already part of a swarm, so it can’t join this one. Check it again in the wizard to see which.',
  cli: {
    usage: '  coopcloud-desktop server node add <server> <host> [--user U] [--port N] [--manager] [--yes]   (adds a machine to its swarm)',
    giveHost: 'Give the server’s name and the new machine’s address: server node add <server> <host>.',
    badPort: '--port takes a port number, 1 to 65535.',
    hostKeyNew: 'The machine {{host}} (port {{port}}) is not known yet. Its {{type}} key fingerprint is {{fingerprint}}. Compare it with the one your hosting provider shows.',
    hostKeyChanged: 'The machine’s key changed since it was last seen (was {{known}}, now {{fingerprint}}). Nothing was done: ask the machine’s administrator why.',
    trustAsk: 'Trust this machine and go on?',
    trustNeedsYes: 'Run again with --yes to trust this key, or add the machine from the window.',
    checksFailed: 'The machine is not ready to join:',
    prepareHint: 'Docker can be installed on it from the window’s “Prepare this machine”.',
    evenAsk: 'Go on with an even number of managers?',
    evenNeedsYes: 'Run again with --yes to go on with an even number of managers, or add it as a worker.',
    declined: 'Nothing was done.'
  }
}
