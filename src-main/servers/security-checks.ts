import type { CheckResult } from '../contract/schemas'
import type { ServerFacts } from './checks'
import { t } from '../i18n/i18n'

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
  const title = t('servers.signIn.title')
  if (!f.ssh.ok || !f.signIn) {
    return [{ id: 'password-sign-in', ok: null, title, detail: f.ssh.ok ? t('servers.signIn.unknown') : t('servers.signIn.notChecked') }]
  }
  if (!f.signIn.passwords) {
    return [{ id: 'password-sign-in', ok: true, title, detail: t('servers.signIn.off') }]
  }
  const detail = t('servers.signIn.on')
  return [
    {
      id: 'password-sign-in',
      ok: false,
      title,
      detail,
      fix: f.signIn.byKey
        ? {
            label: t('servers.signIn.fixLabel'),
            action: 'password-off',
            text: t('servers.signIn.fixText')
          }
        : {
            label: t('servers.signIn.setUpKeyLabel'),
            action: 'set-up-key',
            text: t('servers.signIn.setUpKeyText')
          }
    }
  ]
}
