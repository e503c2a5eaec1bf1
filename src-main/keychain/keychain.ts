// Passphrases and passwords the user asked us to remember live in the OS
// keychain (libsecret, macOS Keychain, Windows Credential Manager) and nowhere
// else. @napi-rs/keyring is loaded lazily: it is a native module, and a
// missing keychain must not stop the app from starting.

const SERVICE = 'coopcloud-desktop'

export interface Keychain {
  get(account: string): Promise<string | undefined>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<void>
}

type Keyring = typeof import('@napi-rs/keyring')
let keyring: Promise<Keyring> | undefined
const load = (): Promise<Keyring> => (keyring ??= import('@napi-rs/keyring'))

export function osKeychain(service = SERVICE): Keychain {
  return {
    async get(account) {
      const { AsyncEntry } = await load()
      try {
        return (await new AsyncEntry(service, account).getPassword()) ?? undefined
      } catch {
        return undefined
      }
    },
    async set(account, secret) {
      const { AsyncEntry } = await load()
      await new AsyncEntry(service, account).setPassword(secret)
    },
    async delete(account) {
      const { AsyncEntry } = await load()
      try {
        await new AsyncEntry(service, account).deleteCredential()
      } catch {
        // Already gone is what we wanted.
      }
    }
  }
}

export const passwordAccount = (user: string, hostname: string, port: number): string => `password:${user}@${hostname}:${port}`
export const passphraseAccount = (keyFile: string): string => `passphrase:${keyFile}`
