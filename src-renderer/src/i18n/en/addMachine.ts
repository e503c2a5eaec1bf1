// The "Add a machine" wizard (screens/machines/AddMachine.tsx).
export const addMachine = {
  title: 'Add a machine to {{server}}',
  intro: 'A new machine joins {{server}}’s group of machines (its swarm), so apps can run on it too. You need its address and a way to sign in to it, as for a server.',
  steps: { where: 'Where', identity: 'Identity', signIn: 'Sign in and checks', role: 'Role', join: 'Joining' },
  where: {
    host: 'Address of the new machine',
    hostHint: 'Its IP address or name, or a Host from your ~/.ssh/config.',
    user: 'User name',
    userHint: 'Leave empty to use your usual one (or the one ~/.ssh/config gives).',
    port: 'SSH port',
    hostMissing: 'Give the machine’s address.',
    portBad: 'A port is a number from 1 to 65535.'
  },
  identity: {
    title: 'Is this the right machine?',
    firstTime: 'This is the first time the app connects to this machine. Check that this fingerprint matches the one its administrator or hosting provider gave you.',
    whyText: 'The fingerprint proves you are talking to your own machine and not to someone in between. If you set up the machine yourself, this command on it shows it:',
    differ: 'If the fingerprints differ, do not continue: press Cancel and ask whoever runs the machine.',
    trustError: 'The app could not remember this machine',
    trust: 'Yes, it matches — trust this machine',
    changedTitle: 'Stop: this machine’s identity has CHANGED',
    changedLead: '{{where}} answered with a different identity than the one this computer remembers. This happens when a machine is reinstalled — but it can also mean someone is pretending to be your machine to read your passwords and data.',
    sentNow: 'Identity the machine sent now ({{type}})',
    askAdmin: 'Ask whoever runs the machine whether it was reinstalled or its keys were changed, and what its new fingerprint is.',
    nobody: 'If nobody changed the machine, do not connect: tell whoever runs it, someone may be interfering.'
  },
  signIn: {
    lead: 'The app signs in to {{who}} with your SSH keys and agent. If the machine asks for a password, or your key has a passphrase, type it here: it is used for this only and not kept.',
    password: 'Password',
    passphrase: 'Key passphrase',
    check: 'Sign in and check',
    checking: 'Signing in and checking the machine…',
    failed: 'The app could not check the machine',
    ready: 'The machine is ready to join.',
    notReady: 'The machine can’t join yet. Fix what is marked, then check again.',
    again: 'Check again',
    prepare: 'Prepare this machine',
    prepareText: 'Installs Docker on it from its system’s own packages (Debian or Ubuntu). It takes a few minutes.',
    prepareAccessText: 'Starts Docker on it if it isn’t running, and lets your user use it. It takes a moment.',
    next: 'Next'
  },
  role: {
    lead: 'How should {{machine}} take part?',
    worker: 'As a worker',
    workerText: 'It runs apps. This is the usual choice.',
    manager: 'As a manager',
    managerText: 'It runs apps and also keeps the swarm’s records, so the swarm keeps going if another manager stops.',
    managers_one: '{{server}} has {{count}} manager now.',
    managers_other: '{{server}} has {{count}} managers now.',
    even: 'With this machine {{server}} would have {{count}} managers. An odd number of managers keeps working when one of them fails; an even number adds risk without adding safety.',
    confirmEven: 'I understand: add it as a manager anyway',
    add: 'Add the machine'
  },
  join: {
    done: '{{machine}} is now one of {{server}}’s machines.',
    failed: 'The machine was not added',
    close: 'Close',
    back: 'Back'
  }
}
