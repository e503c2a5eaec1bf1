import { ApiError } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { t } from '../i18n/i18n'
import { parseKeyValues, shellQuote } from '../core/shell'
import { canPrepareFrom, probeScript } from './facts'
import type { ServerConn } from './connections'

// "Prepare this server": install Docker Engine from the distribution's own
// packages on Debian/Ubuntu. Each step first looks whether its work is already
// done, so running it twice is safe and the second run changes nothing.

export const prepareSteps = (): string[] => [
  t('servers.prepare.steps.look'),
  t('servers.prepare.steps.install'),
  t('servers.prepare.steps.start'),
  t('servers.prepare.steps.access'),
  t('servers.prepare.steps.check')
]

/** `cmd` run as root: directly when signed in as root, else through passwordless sudo. */
export function asRoot(cmd: string): string {
  return `if [ "$(id -u)" = 0 ]; then sh -c ${shellQuote(cmd)}; else sudo -n sh -c ${shellQuote(cmd)}; fi`
}

/**
 * Succeeds when Docker answers on this socket. The path comes from the
 * user's server settings: every use of it is quoted, so spaces, quotes or
 * `$(...)` in it stay part of the path and never become commands run as root.
 */
export function dockerAnswers(socket: string): string {
  return `test -S ${shellQuote(socket)} && docker -H ${shellQuote(`unix://${socket}`)} info >/dev/null 2>&1`
}

async function run(conn: ServerConn, ctx: JobContext, cmd: string, failure: string): Promise<void> {
  if (ctx.signal.aborted) throw new ApiError('cancelled', t('servers.prepare.cancelled'))
  ctx.log(`$ ${cmd}\n`)
  const res = await conn.exec(cmd, { onStdout: ctx.log, onStderr: ctx.log, timeoutMs: 20 * 60_000 })
  if (res.code !== 0) throw new ApiError('prepare-failed', failure, `${cmd} exited with code ${res.code}\n${res.stderr.slice(-2000)}`)
}

export async function prepareServer(conn: ServerConn, ctx: JobContext, onAccessChanged: () => Promise<ServerConn>): Promise<void> {
  const socket = conn.server.socketPath
  ctx.step(0)
  const probe = await conn.exec(probeScript(socket), { timeoutMs: 30_000 })
  const kv = parseKeyValues(probe.stdout)
  ctx.log(`${t('servers.prepare.system', { os: kv.os_like ? t('servers.prepare.osLike', { os: kv.os_id || t('servers.prepare.unknown'), like: kv.os_like }) : kv.os_id || t('servers.prepare.unknown'), user: kv.user })}\n`)
  if (!canPrepareFrom(kv)) {
    throw new ApiError(
      'prepare-unsupported',
      kv.admin !== '1'
        ? t('servers.prepare.needsAdmin', { user: kv.user })
        : t('servers.prepare.notDebian', { os: kv.os_id || t('servers.prepare.unknownSystem') })
    )
  }
  ctx.step(1)
  if (kv.docker_installed === '1') {
    ctx.log(`${t('servers.prepare.alreadyInstalled')}\n`)
  } else {
    await run(
      conn,
      ctx,
      asRoot('export DEBIAN_FRONTEND=noninteractive; apt-get update && apt-get install -y docker.io'),
      t('servers.prepare.installFailed')
    )
  }

  ctx.step(2)
  const running = await conn.exec(asRoot(dockerAnswers(socket)), { timeoutMs: 60_000 })
  if (running.code === 0) {
    ctx.log(`${t('servers.prepare.alreadyRunning')}\n`)
  } else {
    await run(
      conn,
      ctx,
      asRoot('if [ -d /run/systemd/system ]; then systemctl enable --now docker; else service docker start; fi'),
      t('servers.prepare.startFailed')
    )
  }

  ctx.step(3)
  let current = conn
  if (kv.user === 'root') {
    ctx.log(`${t('servers.prepare.root')}\n`)
  } else {
    const inGroup = await conn.exec('id -nG', { timeoutMs: 30_000 })
    if (inGroup.stdout.split(/\s+/).includes('docker')) {
      ctx.log(`${t('servers.prepare.inGroup', { user: kv.user })}\n`)
    } else {
      await run(conn, ctx, asRoot(`usermod -aG docker ${shellQuote(kv.user)}`), t('servers.prepare.groupFailed', { user: kv.user }))
      // Group membership applies to new sessions only, so sign in again.
      ctx.log(`${t('servers.prepare.signInAgain')}\n`)
      current = await onAccessChanged()
    }
  }

  ctx.step(4)
  const check = await current.exec(probeScript(socket), { timeoutMs: 30_000 })
  const after = parseKeyValues(check.stdout)
  if (after.socket_exists !== '1' || after.socket_access !== '1') {
    throw new ApiError('prepare-failed', t('servers.prepare.unreachable'), check.stdout)
  }
  ctx.log(`${t('servers.prepare.ready')}\n`)
}
