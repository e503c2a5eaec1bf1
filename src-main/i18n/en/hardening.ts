// The firewall and automatic security updates (src-main/servers/hardening.ts).
export const hardening = {
  unknown: 'The app could not look at this on the server. Check again later.',
  cannotNotDebian: 'The app can set this up on Debian and Ubuntu servers only; ask your server’s administrator.',
  cannotNoAdmin: 'Setting it up needs the root user or passwordless sudo; sign in as root, or ask your server’s administrator.',
  needsAdmin: 'The user {{user}} can’t change the server’s settings: it is not root and has no passwordless sudo. Sign in as root, or ask your server’s administrator.',
  notDebian: 'The app can set this up on Debian and Ubuntu servers only. Ask your server’s administrator.',
  installFailed: 'Installing {{what}} failed. The server may have no internet access or a broken package list. See the details, fix the cause, and run this again.',
  notSsh: 'The app sets this up on servers reached over SSH, not on this computer.',
  firewall: {
    title: 'Firewall',
    noSetsid: 'The server lacks the “setsid” tool the app uses to undo the change by itself if the connection drops, so the app changed nothing. Install the util-linux package on the server (or ask its administrator), then try again.',
    jobTitle: 'Turning on the firewall on {{name}}',
    on: 'A firewall (ufw) is on: it turns away connections to anything its rules don’t allow. Ports that apps publish through Docker (such as 80 and 443 for the reverse proxy) are opened by Docker itself, which goes around this firewall: whatever an app publishes stays reachable from the internet.',
    lenient: 'A firewall (ufw) is on, but it lets in every connection its rules don’t mention. Turned on by the app, it turns those away.',
    off: 'No firewall is on. Anything listening on this server can be reached from the internet, even what was meant for the server alone, such as a database left open by mistake.',
    noAdmin: 'The app can’t look at the firewall: that needs the root user or passwordless sudo. A firewall keeps out connections to what was never meant to be reachable; ask your server’s administrator whether one is on.',
    fixLabel: 'Turn on the firewall',
    fixText: 'It lets in only SSH (on the port you use now), the web (80 and 443), and the swarm’s own machines. Rules already there are kept. If anything goes wrong, the server turns it back off by itself within a minute, so you can’t be locked out.',
    steps: {
      look: 'Looking at the server',
      install: 'Installing the firewall (ufw)',
      peers: 'Finding the swarm’s machines',
      apply: 'Turning on the firewall',
      prove: 'Proving you can still sign in, with a new connection',
      keep: 'Keeping the change'
    },
    cancelled: 'Cancelled. Nothing was changed on the server.',
    cancelledInstalled: 'Cancelled. The firewall program is installed but not turned on; nothing else changed.',
    cancelledUndone: 'Cancelled. Everything is back as it was before.',
    portUnknown: 'The app could not tell which port this SSH connection uses, so it changed nothing: it would not risk closing it. Ask your server’s administrator.',
    failed: 'Turning on the firewall failed, so the app put everything back as it was. See the details for the reason.',
    touchedDocker: 'Turning on the firewall changed Docker’s own network rules, which could cut apps off, so the app put everything back as it was. Try again in a minute; if it happens again, ask your server’s administrator.',
    notProven: 'After the firewall went on, a new connection could not reach the server, so the app put everything back as it was. Nothing was kept. Ask your server’s administrator whether something else filters connections.',
    notKept: 'The app lost touch with the server before it could keep the change, so the server turns the firewall back to how it was by itself within {{seconds}} seconds. Check again after that.',
    log: {
      port: 'This connection reaches SSH on port {{port}}; that port stays open.',
      installed: 'ufw is already installed.',
      noPeers: 'No swarm machines found: no swarm ports are opened.',
      peers: 'Swarm ports (2377, 7946, 4789) open to: {{peers}}.',
      peersFailed: 'Docker could not list the swarm’s machines ({{reason}}); no swarm ports are opened.',
      applied: 'The firewall is on. The server turns it back off by itself in {{seconds}} seconds unless the app proves it can still sign in.',
      signedIn: 'A new connection signed in.',
      signedInWith: 'A new connection signed in with {{keyFile}}.',
      answered: 'A new connection reached the server’s SSH service (it asked for a way to sign in the app doesn’t keep: {{reason}}).',
      notKept: 'Could not keep the change: {{reason}}',
      undone: 'Everything is back as it was.',
      undoLater: 'Could not undo at once ({{reason}}); the server’s timer will.',
      undoWithin: 'The server puts everything back by itself within {{seconds}} seconds.',
      done: 'Done: the firewall is on.'
    }
  },
  autoUpdates: {
    title: 'Automatic security updates',
    jobTitle: 'Turning on automatic updates on {{name}}',
    on: 'The server installs security fixes by itself every day (unattended-upgrades).',
    off: 'The server does not install security fixes by itself. Fixes for security holes come out every week; without them the server stays open to attacks that are already known.',
    fixLabel: 'Turn on automatic updates',
    fixTextInstall: 'The app installs and turns on “unattended-upgrades”, the system’s own tool. It installs security fixes only, once a day; now and then an update restarts a program on the server for a moment.',
    fixTextTurnOn: 'The app turns on “unattended-upgrades”, the system’s own tool. It installs security fixes only, once a day; now and then an update restarts a program on the server for a moment.',
    steps: {
      look: 'Looking at the server',
      install: 'Installing unattended-upgrades',
      turnOn: 'Turning on automatic security updates',
      check: 'Checking the result'
    },
    cancelled: 'Cancelled. Nothing was changed on the server.',
    cancelledInstalled: 'Cancelled. unattended-upgrades is installed but not turned on.',
    failed: 'Turning on automatic updates failed. See the details for the reason.',
    elsewhere: 'The app turned automatic updates on, but another of the server’s apt settings turns them off again. Ask your server’s administrator to look in /etc/apt/apt.conf.d.',
    log: {
      already: 'Automatic security updates are already on; nothing to do.',
      installed: 'unattended-upgrades is already installed.',
      done: 'Done: the server installs security fixes by itself every day.'
    }
  }
}
