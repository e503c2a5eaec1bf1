import type { CheckResult } from '../contract/schemas'
import type { ServerFacts } from './checks'

// What a careful admin sets up besides what apps need. Recommendations: a
// server that still takes passwords runs apps fine, so these never keep it
// from being called ready (see isInformational in the renderer).

export interface SignInFacts {
  /** The server offers this user password (or keyboard-interactive) sign-in. */
  passwords: boolean
  /** The app's own connection signed in with a key or the agent. */
  byKey: boolean
}

export function securityChecks(f: ServerFacts): CheckResult[] {
  if (f.kind === 'local') return []
  const title = 'Password sign-in'
  if (!f.ssh.ok || !f.signIn) {
    return [{ id: 'password-sign-in', ok: null, title, detail: f.ssh.ok ? 'The app could not ask the server how people sign in. Check again later.' : 'Not checked yet: an earlier step needs fixing first.' }]
  }
  if (!f.signIn.passwords) {
    return [{ id: 'password-sign-in', ok: true, title, detail: 'Password sign-in is off: only keys can sign in, which keeps password-guessing robots out.' }]
  }
  const detail = 'The server still lets people sign in with a password. Robots on the internet try passwords all day; with password sign-in off, only someone holding a key can get in.'
  return [
    {
      id: 'password-sign-in',
      ok: false,
      title,
      detail,
      fix: f.signIn.byKey
        ? {
            label: 'Turn off password sign-in',
            action: 'password-off',
            text: 'The app first proves that your key signs in on a new connection. If anything goes wrong, the server puts password sign-in back on by itself within a minute, so you can’t be locked out.'
          }
        : {
            label: 'Set up a key',
            action: 'set-up-key',
            text: 'The app signs in with a password, so turning passwords off now would lock you out. First the app can make a key and put it on the server; then it can turn password sign-in off.'
          }
    }
  ]
}
