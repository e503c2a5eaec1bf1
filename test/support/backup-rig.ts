// A ccd-data app on the rig's swarm for backup tests and the backup bench:
// a core with its own HOME and the recipe world, the server added over SSH
// (by alias), the app created and deployed through dispatch, and ways to
// reach into its running container from this machine (the swarm is local).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { dispatch } from '../../src-main/api/dispatch'
import { stackNameFor } from '../../src-main/compose/env'
import type { Input, MethodName, Output } from '../../src-main/contract/contract'
import type { Job } from '../../src-main/contract/schemas'
import { createCore, type Core, type CoreOptions } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { homeWithSshConfig } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from './recipe-world'

export interface BackupRig {
  rig: Rig
  world: RecipeWorld
  home: string
  core: Core
  /** The rig's engine over its local socket: the test's own view, not the core's. */
  docker: Docker
  server: string
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const noKeychain = { get: async () => undefined, set: async () => {}, delete: async () => {} }

// Through dispatch, as every transport calls; the error keeps the API's code.
export async function api<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await dispatch(core.handlers, method, input)
  if (!res.ok) throw Object.assign(new Error(`${method}: ${res.error.message}`), { body: res.error })
  return res.value as Output<M>
}

/** A core whose HOME names the rig's accounts, with `alias` added as a server; `env` added to the core's, `monitor` as createCore takes it. */
export async function openBackupRig(alias: 'rigbox' | 'rig-root', options: { env?: Record<string, string> } & Pick<CoreOptions, 'monitor'> = {}): Promise<BackupRig> {
  const rig = loadRig()
  const world = await startRecipeWorld()
  const home = homeWithSshConfig(rig)
  const core = createCore({ transport: 'cli', home, env: { HOME: home, ...world.env, ...options.env }, keychain: noKeychain, ...(options.monitor ? { monitor: options.monitor } : {}) })
  const probe = await api(core, 'servers.probeHostKey', { hostname: alias, port: rig.sshd.port })
  if (probe.status !== 'known') await api(core, 'servers.trustHostKey', { probeId: probe.probeId })
  const { name } = await api(core, 'servers.add', { kind: 'ssh', host: alias })
  return { rig, world, home, core, docker: dockerLocal(rig.docker.socket), server: name }
}

/** apps.new + apps.deploy of ccd-data v1.0.0; resolves once the deploy job is done. */
export async function deployCcdData(b: BackupRig, domain: string): Promise<void> {
  await api(b.core, 'apps.new', { server: b.server, domain, recipe: 'ccd-data', version: 'v1.0.0' })
  const { jobId } = await api(b.core, 'apps.deploy', { server: b.server, domain })
  const job = await b.core.jobs.wait(jobId)
  if (job.status !== 'done') throw new Error(`deploying ${domain} failed: ${job.error?.message ?? job.status}`)
}

/** apps.remove (services, volumes, env file); straight to the engine when that fails. */
export async function removeCcdData(b: BackupRig, domain: string): Promise<void> {
  const stack = stackNameFor(domain)
  try {
    const { jobId } = await api(b.core, 'apps.remove', { server: b.server, domain, confirm: domain })
    const job = await b.core.jobs.wait(jobId)
    if (job.status === 'done') return
  } catch {
    // fall through to the engine
  }
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] })
  for (const s of await b.docker.listServices({ filters })) await b.docker.getService(s.ID).remove().catch(() => undefined)
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(500)) {
    if ((await b.docker.listContainers({ all: true, filters })).length === 0) break
  }
  for (const v of (await b.docker.listVolumes({ filters })).Volumes ?? []) await b.docker.getVolume(v.Name).remove().catch(() => undefined)
  for (const n of await b.docker.listNetworks({ filters })) await b.docker.getNetwork(n.Id).remove().catch(() => undefined)
}

export async function closeBackupRig(b: BackupRig | undefined): Promise<void> {
  if (!b) return
  await b.core.close()
  await b.world.close()
  fs.rmSync(b.home, { recursive: true, force: true })
}

/** The running container of the app's `app` service. */
export async function appContainer(b: BackupRig, domain: string, timeoutMs = 60_000): Promise<string> {
  const filters = JSON.stringify({ label: [`com.docker.swarm.service.name=${stackNameFor(domain)}_app`], status: ['running'] })
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(250)) {
    const [c] = await b.docker.listContainers({ filters })
    if (c) return c.Id
  }
  throw new Error(`no running container for ${domain}`)
}

/** `sh -c script` inside the container, through the local docker CLI. */
export function inContainer(rig: Rig, container: string, script: string): string {
  return execFileSync('docker', ['-H', `unix://${rig.docker.socket}`, 'exec', container, 'sh', '-c', script], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
}

/** `mb` MiB of incompressible data at `file` inside the container. */
export function fillRandom(rig: Rig, container: string, file: string, mb: number): void {
  inContainer(rig, container, `dd if=/dev/urandom of=${file} bs=1048576 count=${mb} 2>/dev/null && sync`)
}

/**
 * sha256 of every file in the app's three volumes except what a backup's
 * hooks touch (the dump and the hooks log), sorted by path.
 */
export function serverChecksums(rig: Rig, container: string): string {
  return inContainer(rig, container, "find /data /files /cache -type f ! -name dump.sql ! -name hooks.log | sort | xargs -r sha256sum")
}

/** Lines of /files/keep/hooks.log (empty when there is none). */
export function hookLines(rig: Rig, container: string): string[] {
  return inContainer(rig, container, 'cat /files/keep/hooks.log 2>/dev/null || true').split('\n').filter(Boolean)
}

/** Waits until hooks.log's last line is `line`; returns the lines either way. */
export async function waitHookLine(rig: Rig, container: string, line: string, timeoutMs = 60_000): Promise<string[]> {
  let lines = hookLines(rig, container)
  for (const end = Date.now() + timeoutMs; lines.at(-1) !== line && Date.now() < end; await sleep(500)) lines = hookLines(rig, container)
  return lines
}

/** Files under ~/.abra/backups/<domain>/ (recursively), relative, with sizes. */
export function backupDirFiles(core: Core, domain: string): Array<{ name: string; size: number }> {
  const dir = path.join(core.paths.backupsDir, domain)
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => {
      const full = path.join(d.parentPath, d.name)
      return { name: path.relative(dir, full), size: fs.statSync(full).size }
    })
}

/** Resolves with the first state of the job that satisfies `ok` (its end, at the latest). */
export function jobWhen(core: Core, jobId: string, ok: (job: Job) => boolean): Promise<Job> {
  return new Promise((resolve) => {
    let off = (): void => {}
    const check = (job: Job | undefined): boolean => {
      if (!job || job.id !== jobId || !(ok(job) || job.status !== 'running')) return false
      off()
      resolve(job)
      return true
    }
    off = core.events.subscribe((name, payload) => {
      if (name === 'job.update') check(payload as Job)
    })
    check(core.jobs.get(jobId))
  })
}

/** Some bytes were copied: a percentage above 0, or else a first byte count above 0 in the job's words. */
export function showsProgress(job: Job): boolean {
  if ((job.percent ?? 0) > 0) return true
  return /^[^\d]*?[1-9][\d.,]*\s*(?:bytes|[kMGT]B)\b/.test(job.step)
}
