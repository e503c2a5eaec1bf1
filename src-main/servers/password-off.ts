import crypto from 'node:crypto'
import { ApiError, errorWords } from '../contract/errors'
import type { JobContext } from '../core/jobs'
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

export const PASSWORD_OFF_STEPS = [
  'Checking that your key signs in',
  'Looking at the server’s sign-in settings',
  'Turning off password sign-in',
  'Proving you can still sign in, with a new connection',
  'Keeping the change'
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
    if (ctx.signal.aborted) throw new ApiError('cancelled', 'Cancelled. Nothing was changed on the server.')
  }

  ctx.step(0)
  if (!takesPasswords(await deps.methods())) {
    ctx.log('The server already takes keys only; nothing to do.\n')
    return 'already-off'
  }
  const used = await deps.freshKeySignIn().catch((err: unknown) => {
    ctx.log(`Key sign-in failed: ${errorWords(err)}\n`)
    return undefined
  })
  if (!byKey(used)) {
    throw new ApiError(
      'key-not-proven',
      'The app could not sign in with a key on a new connection, so it did not turn off password sign-in: you could be locked out. Use “Set up a key” in the server’s checks first, then try again.'
    )
  }
  ctx.log(`Signed in with ${used?.keyFile ?? 'a key from your SSH agent'}.\n`)
  stopIfCancelled()

  ctx.step(1)
  const probe = await conn.exec(asRoot(sshdProbeScript()), { timeoutMs: 30_000 })
  const kv = parseKeyValues(probe.stdout)
  if (kv.uid !== '0') {
    throw new ApiError('needs-admin', `The user ${conn.server.user} can't change the server’s sign-in settings: it is not root and has no passwordless sudo. Sign in as root, or ask your server’s administrator.`, probe.stderr)
  }
  const listener = Number(kv.listener)
  if (!Number.isInteger(listener) || listener <= 1 || !kv.sshd) {
    throw new ApiError('sshd-not-found', 'The app could not find the SSH service on the server, so it changed nothing. Ask your server’s administrator to turn off password sign-in.', probe.stdout)
  }
  const change: Change = {
    config: sshdConfigFile(kv.cmdline ?? ''),
    sshd: kv.sshd,
    listener,
    tag: crypto.randomBytes(6).toString('hex'),
    revertAfterSec: deps.revertAfterSec,
    reload: !runsPerConnection(kv.cmdline ?? '')
  }
  ctx.log(`SSH service: ${kv.sshd} (process ${listener}), settings in ${change.config}, this connection on port ${kv.port || 'unknown'}.\n`)
  // Already changed by us, yet passwords still work: the setting that wins is
  // elsewhere (a Match block). Adding the lines again would change nothing.
  const head = await conn.exec(asRoot(`head -n ${PASSWORD_OFF_LINES.length} ${shellQuote(change.config)}`), { timeoutMs: 30_000 })
  if (head.stdout.trim() === PASSWORD_OFF_LINES.join('\n')) {
    throw new ApiError('sshd-settings-elsewhere', 'Password sign-in is turned off at the top of the server’s SSH settings, yet the server still takes passwords: another setting further down wins. Ask your server’s administrator to look at it.', change.config)
  }
  stopIfCancelled()

  ctx.step(2)
  const applied = await conn.exec(asRoot(passwordOffScript(change)), { timeoutMs: 30_000 })
  if (applied.code === 3) {
    throw new ApiError('sshd-config-invalid', 'The server’s SSH settings already hold a mistake, so the app changed nothing (a broken file could stop SSH from starting). Ask your server’s administrator.', applied.stdout + applied.stderr)
  }
  if (applied.code === 4) {
    throw new ApiError('undo-timer-unavailable', 'The server lacks the “setsid” tool the app uses to put the settings back by itself if the connection drops, so the app changed nothing. Install the util-linux package on the server (or ask its administrator), then try again.')
  }
  if (applied.code !== 0 || !applied.stdout.includes('applied')) {
    // Whether it got as far as the timer is unknown: undo now, and the timer covers the rest.
    await undo(conn, change, ctx)
    throw new ApiError('password-off-failed', 'Turning off password sign-in failed, so the app put the settings back as they were.', applied.stderr.slice(-2000))
  }
  ctx.log(`Changed. The server puts the old settings back by itself in ${deps.revertAfterSec} seconds unless the app proves it can still sign in.\n`)

  try {
    ctx.step(3)
    stopIfCancelled()
    const proof = await whenListening(() => deps.freshKeySignIn(), 20_000)
    if (!byKey(proof)) throw new ApiError('key-not-proven', 'After the change, a new connection could not sign in with your key.')
    const after = await whenListening(() => deps.methods(), 20_000)
    if (takesPasswords(after)) {
      throw new ApiError('sshd-settings-elsewhere', 'The change did not take effect: the server still takes passwords, so another of its settings wins. The app put everything back as it was. Ask your server’s administrator.')
    }
    ctx.log('A new connection signed in with your key, and the server no longer offers password sign-in.\n')
    stopIfCancelled()
  } catch (err) {
    await undo(conn, change, ctx)
    if (err instanceof ApiError && err.code === 'cancelled') throw new ApiError('cancelled', 'Cancelled. The settings are back as they were: password sign-in is on.')
    throw err
  }

  ctx.step(4)
  let kept = false
  try {
    kept = (await conn.exec(asRoot(keepChangeScript(change)), { timeoutMs: 15_000 })).stdout.includes('kept')
  } catch (err) {
    ctx.log(`Could not keep the change: ${errorWords(err)}\n`)
  }
  if (!kept) {
    throw new ApiError(
      'change-not-kept',
      `The app lost touch with the server before it could keep the change, so the server puts password sign-in back on by itself within ${deps.revertAfterSec} seconds. Check again after that.`
    )
  }
  ctx.log('Done: only keys can sign in now.\n')
  return 'done'
}

// Put the settings back now; when even that fails, the server's timer does it.
async function undo(conn: ServerConn, change: Change, ctx: JobContext): Promise<void> {
  try {
    const res = await conn.exec(asRoot(undoChangeScript(change)), { timeoutMs: 15_000 })
    if (res.stdout.includes('undone')) {
      ctx.log('The old settings are back.\n')
      return
    }
  } catch (err) {
    ctx.log(`Could not undo at once (${errorWords(err)}); the server's timer will.\n`)
  }
  ctx.log(`The server puts the old settings back by itself within ${change.revertAfterSec} seconds.\n`)
}
