// Connecting over SSH (src-main/ssh): why a connection failed, in plain words.
export const ssh = {
  theServer: 'the server',
  hostPort: '{{host}} (port {{port}})',
  machineAt: '{{machine}} (at {{address}})',
  hostKeyUnknown:
    "This is the first time you connect to {{server}}, so its identity can't be confirmed yet. Check that the fingerprint matches the one your server's administrator or hosting provider gave you, then choose to trust it.",
  hostKeyUnknownFingerprint:
    "This is the first time you connect to {{server}}, so its identity can't be confirmed yet. Check that the fingerprint {{fingerprint}} matches the one your server's administrator or hosting provider gave you, then choose to trust it.",
  hostKeyRevoked: "{{server}} presented an identity that has been marked as revoked. Don't continue; contact your server's administrator.",
  hostKeyChanged:
    "The server's identity has changed since you last connected. This can mean someone is intercepting the connection, or the server was reinstalled. Don't continue unless your server's administrator confirms the new fingerprint.",
  hostKeyChangedFingerprint:
    "The server's identity has changed since you last connected. This can mean someone is intercepting the connection, or the server was reinstalled. Don't continue unless your server's administrator confirms the new fingerprint ({{fingerprint}}).",
  authFailed:
    '{{server}} did not accept any of your keys. Check the user name. If the server doesn\'t have your key yet, add your public key on your hosting provider\'s "SSH keys" page, or ask your server\'s administrator to add it.',
  authFailedUser:
    '{{server}} did not accept any of your keys for the user "{{user}}". Check the user name. If the server doesn\'t have your key yet, add your public key on your hosting provider\'s "SSH keys" page, or ask your server\'s administrator to add it.',
  passphraseNeeded: 'Your key is protected by a passphrase. Enter the passphrase to unlock it.',
  passphraseNeededFile: 'Your key {{keyFile}} is protected by a passphrase. Enter the passphrase to unlock it.',
  passphraseWrong: "That passphrase didn't unlock your key. Check it and try again.",
  passphraseWrongFile: "That passphrase didn't unlock your key {{keyFile}}. Check it and try again.",
  passwordNeeded: '{{server}} asks for a password. Enter it to continue.',
  passwordNeededUser: '{{server}} asks for a password for the user "{{user}}". Enter it to continue.',
  passwordWrong: '{{server}} did not accept that password. Check it and try again.',
  passwordWrongUser: '{{server}} did not accept that password for the user "{{user}}". Check it and try again.',
  timeout: "{{server}} didn't answer in time. Check that the address is right, that you're online, and that the server is running; then try again.",
  refused: '{{server}} refused the connection. The server may be down, or SSH may be listening on a different port.',
  unknownHost: "The address could not be found. Check it for typos, and check that you're online.",
  unknownHostNamed: "The address {{host}} could not be found. Check it for typos, and check that you're online.",
  network: "The connection to {{server}} failed because of a network problem. Check that you're online and try again.",
  closed: 'The connection to {{server}} was closed. It will be opened again when needed; if this keeps happening, check your network.',
  machineKeyChanged:
    "The identity of the machine {{server}} has changed since the app last reached it. This can mean someone is intercepting the connection, or the machine was reinstalled. Nothing was sent to it. Don't continue unless the machine's administrator confirms the new fingerprint.",
  machineKeyChangedFingerprint:
    "The identity of the machine {{server}} has changed since the app last reached it (it now shows {{fingerprint}}). This can mean someone is intercepting the connection, or the machine was reinstalled. Nothing was sent to it. Don't continue unless the machine's administrator confirms the new fingerprint.",
  machineLocal:
    "{{machine}} can't be reached from this computer's own Docker: the app reaches the other machines of a swarm through a server's SSH connection. Add the swarm's manager as a server over SSH to work on its machines.",
  forwardProhibited:
    "{{via}} does not let connections go through it to other machines, so the app can't reach the machine {{server}}. Ask its administrator to allow it (AllowTcpForwarding in the server's SSH settings).",
  forwardFailed: '{{via}} could not reach the machine {{server}}. Check that the machine is on and that SSH runs on it.',
  forwardFailedReason: '{{via}} could not reach the machine {{server}}: {{reason}}. Check that the machine is on and that SSH runs on it.',
  tooManyKeys: 'There are too many keys in {{dir}} already.',
  sessionsBusy:
    'All {{max}} SSH sessions the app may open to {{server}} are in use (by logs, terminals or long commands), and none came free in time. Close a log or terminal of this server, or wait for a job to finish, then try again.'
}
