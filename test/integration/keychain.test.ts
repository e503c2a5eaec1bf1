import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { osKeychain } from '../../src-main/keychain/keychain'

// Round trip through the real Secret Service (gnome-keyring under the dbus
// session that npm test starts), checked from a second process so the value
// really left ours.
describe('OS keychain', () => {
  it('stores, reads back from another process, and deletes a secret', async () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'npm test runs tests inside dbus-run-session').toBeTruthy()
    const service = `coopcloud-desktop-test-${crypto.randomBytes(4).toString('hex')}`
    const kc = osKeychain(service)
    const secret = `s3cret-${crypto.randomBytes(8).toString('hex')}`
    await kc.set('passphrase:/home/u/.ssh/id_ed25519', secret)
    expect(await kc.get('passphrase:/home/u/.ssh/id_ed25519')).toBe(secret)
    const fromOutside = execFileSync(
      process.execPath,
      ['-e', `const {Entry}=require('@napi-rs/keyring');process.stdout.write(new Entry(${JSON.stringify(service)},'passphrase:/home/u/.ssh/id_ed25519').getPassword()??'')`],
      { encoding: 'utf8' }
    )
    expect(fromOutside).toBe(secret)
    await kc.delete('passphrase:/home/u/.ssh/id_ed25519')
    expect(await kc.get('passphrase:/home/u/.ssh/id_ed25519')).toBeUndefined()
  })
})
