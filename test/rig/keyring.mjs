// Proves the OS keychain works before tests rely on it: a set/get/delete
// round trip through @napi-rs/keyring, pinned to the Secret Service (the
// gnome-keyring that scripts/test.mjs starts), so a silent fallback to the
// kernel keyring cannot hide a broken setup.
import keyring from '@napi-rs/keyring'

try {
  const entry = new keyring.Entry('ccd-rig-check', 'probe', { linux: { store: 'secret-service' } })
  entry.setPassword('round-trip')
  if (entry.getPassword() !== 'round-trip') throw new Error('read back a different secret')
  entry.deletePassword()
} catch (e) {
  console.error(`keyring check failed: ${e.message}\n` +
    'Tests must run inside dbus-run-session with gnome-keyring-daemon unlocked (npm test does this).')
  process.exit(1)
}
