import { ApiError } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { parseKeyValues, shellQuote } from '../core/shell'
import { canPrepareFrom, probeScript } from './facts'
import type { ServerConn } from './connections'

// "Prepare this server": install Docker Engine from the distribution's own
// packages on Debian/Ubuntu. Each step first looks whether its work is already
// done, so running it twice is safe and the second run changes nothing.

export const PREPARE_STEPS = [
  'Looking at the server',
  'Installing Docker Engine',
  'Starting Docker',
  'Giving your user access to Docker',
  'Checking the result'
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
  if (ctx.signal.aborted) throw new ApiError('cancelled', 'Cancelled. Steps already finished stay done; running it again carries on safely.')
  ctx.log(`$ ${cmd}\n`)
  const res = await conn.exec(cmd, { onStdout: ctx.log, onStderr: ctx.log, timeoutMs: 20 * 60_000 })
  if (res.code !== 0) throw new ApiError('prepare-failed', failure, `${cmd} exited with code ${res.code}\n${res.stderr.slice(-2000)}`)
}

export async function prepareServer(conn: ServerConn, ctx: JobContext, onAccessChanged: () => Promise<ServerConn>): Promise<void> {
  const socket = conn.server.socketPath
  ctx.step(0)
  const probe = await conn.exec(probeScript(socket), { timeoutMs: 30_000 })
  const kv = parseKeyValues(probe.stdout)
  ctx.log(`System: ${kv.os_id || 'unknown'}${kv.os_like ? ` (like ${kv.os_like})` : ''}, user ${kv.user}\n`)
  if (!canPrepareFrom(kv)) {
    throw new ApiError(
      'prepare-unsupported',
      kv.admin !== '1'
        ? `The user ${kv.user} can't install software on this server: it is not root and has no passwordless sudo. Sign in as root (or a user with sudo), or ask your administrator to install Docker Engine.`
        : `The app can prepare Debian and Ubuntu servers only; this one runs ${kv.os_id || 'an unknown system'}. Install Docker Engine by following docs.docker.com/engine/install, then check again.`
    )
  }
  ctx.step(1)
  if (kv.docker_installed === '1') {
    ctx.log('Docker Engine is already installed; nothing to do.\n')
  } else {
    await run(
      conn,
      ctx,
      asRoot('export DEBIAN_FRONTEND=noninteractive; apt-get update && apt-get install -y docker.io'),
      'Installing Docker Engine failed. The server may have no internet access or a broken package list. See the details, fix the cause, and run this again.'
    )
  }

  ctx.step(2)
  const running = await conn.exec(asRoot(dockerAnswers(socket)), { timeoutMs: 60_000 })
  if (running.code === 0) {
    ctx.log('Docker is already running.\n')
  } else {
    await run(
      conn,
      ctx,
      asRoot('if [ -d /run/systemd/system ]; then systemctl enable --now docker; else service docker start; fi'),
      'Docker is installed but would not start. See the details for the reason.'
    )
  }

  ctx.step(3)
  let current = conn
  if (kv.user === 'root') {
    ctx.log('Signed in as root, which can use Docker already.\n')
  } else {
    const inGroup = await conn.exec('id -nG', { timeoutMs: 30_000 })
    if (inGroup.stdout.split(/\s+/).includes('docker')) {
      ctx.log(`${kv.user} is already in the "docker" group.\n`)
    } else {
      await run(conn, ctx, asRoot(`usermod -aG docker ${shellQuote(kv.user)}`), `Adding ${kv.user} to the "docker" group failed.`)
      // Group membership applies to new sessions only, so sign in again.
      ctx.log('Signing in again so the new access takes effect.\n')
      current = await onAccessChanged()
    }
  }

  ctx.step(4)
  const check = await current.exec(probeScript(socket), { timeoutMs: 30_000 })
  const after = parseKeyValues(check.stdout)
  if (after.socket_exists !== '1' || after.socket_access !== '1') {
    throw new ApiError('prepare-failed', 'Docker Engine is installed but the app still cannot reach it. Restart the server and run the checks again.', check.stdout)
  }
  ctx.log('Docker Engine is ready.\n')
}
