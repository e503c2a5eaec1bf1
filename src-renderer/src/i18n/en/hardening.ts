// The dialogs that turn on the firewall and automatic updates (HardeningDialog.tsx).
export const hardening = {
  whatItDoes: 'What it does:',
  why: 'Why:',
  whatCouldGoWrong: 'What could go wrong:',
  starting: 'Starting…',
  couldNotStart: 'This could not start',
  firewall: {
    title: 'Turn on the firewall on {{name}}?',
    confirm: 'Turn on the firewall',
    what: 'the server then lets in only SSH (on the port the app uses now), web visitors (ports 80 and 443), and the other machines of its swarm. Everything else from the internet is turned away. Rules already there are kept.',
    why: 'programs sometimes listen on the network by mistake, such as a database meant for the server alone. A firewall keeps them out of reach.',
    risk: 'something else you run on this server on another port stops being reachable from outside; you can open it again later. Ports that apps publish through Docker are not limited by this firewall.',
    safe: 'You can’t be locked out: the app proves that a new connection still gets in before it keeps the change. If that proof fails or the connection drops, the server turns the firewall back to how it was by itself within a minute.'
  },
  autoUpdates: {
    title: 'Turn on automatic security updates on {{name}}?',
    confirm: 'Turn on automatic updates',
    what: 'the server installs fixes for security holes by itself, once a day, with its system’s own tool (unattended-upgrades). Other updates are left for you.',
    why: 'security holes are found every week, and robots try the known ones on every server they find.',
    risk: 'now and then an update restarts a program on the server for a moment. Your apps run in Docker and keep their own versions.',
    safe: 'It is safe to run again: if updates are already on, nothing changes.'
  }
}
