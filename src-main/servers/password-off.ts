import crypto from 'node:crypto'
import { ApiError, errorWords } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { t } from '../i18n/i18n'
import { parseKeyValues, shellQuote } from '../core/shell'
import { takesPasswords } from '../ssh/auth-methods'
import type { AuthUsed } from '../ssh/link'
import type { ServerConn } from './connections'
import { asRoot } from './prepare'
import { keepChangeScript, PASSWORD_OFF_LINES, passwordOffScript, runsPerConnection, sshdConfigFile, sshdProbeScript, undoChangeScript, type Change } from './sshd-settings'

// "Turn off password sign-in", as a job that can never lock anyone out: a key
// sign-in is proven first, the change undoes itself on the server unless a
// fresh key sign-in proves it within a minute, and every failure, cancel or
// lost connection ends with the settings as they were.

export const passwordOffSteps = (): string[] => [
  t('servers.passwordOff.steps.keySignIn'),
  t('servers.passwordOff.steps.look'),
  t('servers.passwordOff.steps.turnOff'),
  t('servers.passwordOff.steps.prove'),
  t('servers.passwordOff.steps.keep')
]

export interface PasswordOffDeps {
  /** The connection the change is made through; stays open until the end. */
  conn: ServerConn
  /** A new, separate sign-in with keys (or the agent) only; resolves with how it signed in. */
  freshKeySignIn: () => Promise<AuthUsed | undefined>
  /** The ways the server offers this user now, asked afresh. */
  methods: () => Promise<string[]>
  /** How long the server waits for the proof before undoing by itself. */
  revertAfterSec: number
}

const byKey = (used: AuthUsed | undefined): boolean => used?.method === 'publickey' || used?.method === 'agent'

// sshd re-executes itself on reload and refuses connections for a moment:
// the proof waits for it, within bounds, but only for a server not answering
// (a refused sign-in is an answer).
async function whenListening<T>(what: () => Promise<T>, withinMs: number): Promise<T> {
  const end = Date.now() + withinMs
  for (;;) {
    try {
      return await what()
    } catch (err) {
      const code = (err as { code?: string }).code
      if (!['refused', 'closed', 'network', 'timeout'].includes(code ?? '') || Date.now() > end) throw err
      await new Promise((r) => setTimeout(r, 300))
    }
  }
}

export async function turnOffPasswords(deps: PasswordOffDeps, ctx: JobContext): Promise<'done' | 'already-off'> {
  const { conn } = deps
  const stopIfCancelled = (): void => {
    if (ctx.signal.aborted) throw new ApiError('cancelled', t('servers.passwordOff.cancelled'))
  }

  ctx.step(0)
  if (!takesPasswords(await deps.methods())) {
    ctx.log(`${t('servers.passwordOff.alreadyOff')}\n`)
    return 'already-off'
  }
  const used = await deps.freshKeySignIn().catch((err: unknown) => {
    ctx.log(`${t('servers.passwordOff.keySignInFailed', { reason: errorWords(err) })}\n`)
    return undefined
  })
  if (!byKey(used)) {
    throw new ApiError(
      'key-not-proven',
      t('servers.passwordOff.keyNotProven')
    )
  }
  ctx.log(`${t('servers.passwordOff.signedInWith', { key: used?.keyFile ?? t('servers.passwordOff.agentKey') })}\n`)
  stopIfCancelled()

  ctx.step(1)
  const probe = await conn.exec(asRoot(sshdProbeScript()), { timeoutMs: 30_000 })
  const kv = parseKeyValues(probe.stdout)
  if (kv.uid !== '0') {
    throw new ApiError('needs-admin', t('servers.passwordOff.needsAdmin', { user: conn.server.user }), probe.stderr)
  }
  const listener = Number(kv.listener)
  if (!Number.isInteger(listener) || listener <= 1 || !kv.sshd) {
    throw new ApiError('sshd-not-found', t('servers.passwordOff.sshdNotFound'), probe.stdout)
  }
  const change: Change = {
    config: sshdConfigFile(kv.cmdline ?? ''),
    sshd: kv.sshd,
    listener,
    tag: crypto.randomBytes(6).toString('hex'),
    revertAfterSec: deps.revertAfterSec,
    reload: !runsPerConnection(kv.cmdline ?? '')
  }
  ctx.log(`${t('servers.passwordOff.sshdFound', { sshd: kv.sshd, pid: listener, config: change.config, port: kv.port || t('servers.passwordOff.unknownPort') })}\n`)
  // Already changed by us, yet passwords still work: the setting that wins is
  // elsewhere (a Match block). Adding the lines again would change nothing.
  const head = await conn.exec(asRoot(`head -n ${PASSWORD_OFF_LINES.length} ${shellQuote(change.config)}`), { timeoutMs: 30_000 })
  if (head.stdout.trim() === PASSWORD_OFF_LINES.join('\n')) {
    throw new ApiError('sshd-settings-elsewhere', t('servers.passwordOff.elsewhereAlready'), change.config)
  }
  stopIfCancelled()

  ctx.step(2)
  const applied = await conn.exec(asRoot(passwordOffScript(change)), { timeoutMs: 30_000 })
  if (applied.code === 3) {
    throw new ApiError('sshd-config-invalid', t('servers.passwordOff.configInvalid'), applied.stdout + applied.stderr)
  }
  if (applied.code === 4) {
    throw new ApiError('undo-timer-unavailable', t('servers.passwordOff.noSetsid'))
  }
  if (applied.code !== 0 || !applied.stdout.includes('applied')) {
    // Whether it got as far as the timer is unknown: undo now, and the timer covers the rest.
    await undo(conn, change, ctx)
    throw new ApiError('password-off-failed', t('servers.passwordOff.failed'), applied.stderr.slice(-2000))
  }
  ctx.log(`${t('servers.passwordOff.changed', { seconds: deps.revertAfterSec })}\n`)

  try {
    ctx.step(3)
    stopIfCancelled()
    const proof = await whenListening(() => deps.freshKeySignIn(), 20_000)
    if (!byKey(proof)) throw new ApiError('key-not-proven', t('servers.passwordOff.notProvenAfter'))
    const after = await whenListening(() => deps.methods(), 20_000)
    if (takesPasswords(after)) {
      throw new ApiError('sshd-settings-elsewhere', t('servers.passwordOff.elsewhere'))
    }
    ctx.log(`${t('servers.passwordOff.proven')}\n`)
    stopIfCancelled()
  } catch (err) {
    await undo(conn, change, ctx)
    if (err instanceof ApiError && err.code === 'cancelled') throw new ApiError('cancelled', t('servers.passwordOff.cancelledUndone'))
    throw err
  }

  ctx.step(4)
  let kept = false
  try {
    kept = (await conn.exec(asRoot(keepChangeScript(change)), { timeoutMs: 15_000 })).stdout.includes('kept')
  } catch (err) {
    ctx.log(`${t('servers.passwordOff.notKeptLog', { reason: errorWords(err) })}\n`)
  }
  if (!kept) {
    throw new ApiError(
      'change-not-kept',
      t('servers.passwordOff.notKept', { seconds: deps.revertAfterSec })
    )
  }
  ctx.log(`${t('servers.passwordOff.done')}\n`)
  return 'done'
}

// Put the settings back now; when even that fails, the server's timer does it.
async function undo(conn: ServerConn, change: Change, ctx: JobContext): Promise<void> {
  try {
    const res = await conn.exec(asRoot(undoChangeScript(change)), { timeoutMs: 15_000 })
    if (res.stdout.includes('undone')) {
      ctx.log(`${t('servers.passwordOff.undone')}\n`)
      return
    }
  } catch (err) {
    ctx.log(`${t('servers.passwordOff.undoLater', { reason: errorWords(err) })}\n`)
  }
  ctx.log(`${t('servers.passwordOff.undoWithin', { seconds: change.revertAfterSec })}\n`)
}
