import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import type Docker from 'dockerode'
import type { Rig } from '../rig/rig'
import { dispatch } from '../../src-main/api/dispatch'
import type { Input, MethodName, Output } from '../../src-main/contract/contract'
import type { ApiErrorBody } from '../../src-main/contract/schemas'
import type { Core } from '../../src-main/core/core'

// A temp HOME whose ~/.ssh/config names every rig account by alias, the way
// a user's own SSH settings would.
/** `port`: where the names lead instead of the rig's sshd (a test's relay in front of it). */
export function homeWithSshConfig(rig: Rig, port = rig.sshd.port): string {
  const home = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? os.tmpdir(), 'ccd-home-'))
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 })
  const { host, users, key, keyWithPassphrase } = rig.sshd
  const block = (alias: string, user: string, identity: string): string =>
    `Host ${alias}\n  HostName ${host}\n  Port ${port}\n  User ${user}\n  IdentityFile ${identity}\n  IdentitiesOnly yes\n`
  fs.writeFileSync(
    path.join(home, '.ssh/config'),
    [
      block('rigbox', users.docker, key),
      block('rig-root', users.root, key),
      block('rig-nodocker', users.nodocker, key),
      block('rig-sudo', users.sudo, key),
      block('rig-pass', users.docker, keyWithPassphrase),
      block('rig-pw', users.docker, path.join(home, '.ssh/no-such-key'))
    ].join('\n')
  )
  return home
}

export function hostKeyFingerprints(rig: Rig): string[] {
  return rig.sshd.hostKeyFiles.map((f) => execFileSync('ssh-keygen', ['-lf', `${f}.pub`], { encoding: 'utf8' }).split(' ')[1])
}

// Calls go through dispatch(), exactly as every transport's do.
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await dispatch(core.handlers, method, input)
  if (!res.ok) throw Object.assign(new Error(res.error.message), { body: res.error })
  return res.value as Output<M>
}

export async function callError<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<ApiErrorBody> {
  const res = await dispatch(core.handlers, method, input)
  if (res.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(res.value)}`)
  return res.error
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * Polls `get` (sync or async) until it returns something truthy, or fails
 * after `timeoutMs` naming what it waited for (and `detail()`, if given).
 */
export async function waitFor<T>(
  what: string,
  get: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  opts: { everyMs?: number; detail?: () => string } = {}
): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(opts.everyMs ?? 50)) {
    const v = await get()
    if (v) return v
  }
  throw new Error(`timed out waiting for ${what}${opts.detail ? `; ${opts.detail()}` : ''}`)
}

/** A one-task swarm service that runs `script` in the rig's image, labelled as part of `stack`; returns its name. */
export async function deployShellService(docker: Docker, image: string, stack: string, service: string, script: string): Promise<string> {
  const name = `${stack}_${service}`
  await docker.createService({
    Name: name,
    Labels: { 'com.docker.stack.namespace': stack },
    TaskTemplate: { ContainerSpec: { Image: image, Command: ['sh', '-c', script], StopGracePeriod: 1e9 }, RestartPolicy: { Condition: 'none' } },
    Mode: { Replicated: { Replicas: 1 } }
  } as Docker.CreateServiceOptions)
  return name
}

/** Resolves once a task of the service runs. */
export async function waitServiceRunning(docker: Docker, name: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(`${name} to run`, async () => (await docker.listTasks({ filters: JSON.stringify({ service: [name] }) })).some((t) => t.Status?.State === 'running'), timeoutMs, { everyMs: 150 })
}

/** Processes started by `docker exec` still running in the container. */
export async function runningExecs(docker: Docker, container: string): Promise<number> {
  const info = (await docker.getContainer(container).inspect()) as { ExecIDs?: string[] | null }
  const states = await Promise.all((info.ExecIDs ?? []).map(async (id) => (await docker.getExec(id).inspect().catch(() => ({ Running: false }))).Running))
  return states.filter(Boolean).length
}
