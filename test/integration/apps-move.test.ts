import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { api, appContainer, closeBackupRig, deployCcdData, inContainer, openBackupRig, removeCcdData, type BackupRig } from '../support/backup-rig'
import { ensureProxyNetwork } from './compose-parity/swarm'
import { callError } from './support'

// Moving an app between the rig's two swarms (engine 1 over SSH as
// "rigbox", engine 2 over the same SSH account with its own socket as
// "second"), then copying it back under a new domain: the data arrives byte
// for byte each time.
let b: BackupRig
let d2: Docker
const tag = crypto.randomBytes(3).toString('hex')
const domain = `mov-${tag}.apps.test`
const cloneDomain = `cln-${tag}.apps.test`
const webDomain = `mvw-${tag}.apps.test`
const webCopy = `mvc-${tag}.apps.test`
const second = 'second'
let before = ''

const SUMS = 'find /data /files/keep -type f ! -name dump.sql ! -name hooks.log ! -name index.html | sort | xargs -r sha256sum'
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function containerOn(docker: Docker, d: string): Promise<string> {
  const filters = JSON.stringify({ label: [`com.docker.swarm.service.name=${stackNameFor(d)}_app`], status: ['running'] })
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(250)) {
    const [c] = await docker.listContainers({ filters })
    if (c) return c.Id
  }
  throw new Error(`no running container for ${d}`)
}

async function removeFrom(docker: Docker, d: string): Promise<void> {
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stackNameFor(d)}`] })
  for (const s of await docker.listServices({ filters })) await docker.getService(s.ID).remove().catch(() => undefined)
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(500)) {
    if ((await docker.listContainers({ all: true, filters })).length === 0) break
  }
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined)
  for (const n of await docker.listNetworks({ filters })) await docker.getNetwork(n.Id).remove().catch(() => undefined)
  for (const c of await docker.listConfigs({ filters })) await docker.getConfig(c.ID).remove().catch(() => undefined)
  const stack = stackNameFor(d)
  for (const s of await docker.listSecrets()) if (s.Spec?.Name?.startsWith(`${stack}_`)) await docker.getSecret(s.ID).remove().catch(() => undefined)
}

beforeAll(async () => {
  b = await openBackupRig('rigbox')
  d2 = dockerLocal(b.rig.docker2.socket)
  const info = (await d2.info()) as { Swarm?: { LocalNodeState?: string } }
  if (info.Swarm?.LocalNodeState !== 'active') {
    // Two swarms share this machine, so engine 2's needs its own address and ports.
    await d2.swarmInit({ AdvertiseAddr: '127.0.0.2:2378', ListenAddr: '127.0.0.2:2378', DataPathPort: 4790 } as never)
  }
  await api(b.core, 'servers.add', { kind: 'ssh', host: 'rigbox', name: second, socketPath: b.rig.docker2.socket })
  await deployCcdData(b, domain)
  inContainer(
    b.rig,
    await appContainer(b, domain),
    [
      'echo "the database" > /data/db.txt',
      'mkdir -p /data/sub /files/keep/deep',
      'dd if=/dev/urandom of=/data/sub/blob.bin bs=1024 count=2048 2>/dev/null',
      'echo kept > /files/keep/a.txt',
      'dd if=/dev/urandom of=/files/keep/deep/b.bin bs=1024 count=256 2>/dev/null',
      'echo skipped > /files/skip/s.txt'
    ].join(' && ')
  )
  before = inContainer(b.rig, await appContainer(b, domain), SUMS)
}, 240_000)

afterAll(async () => {
  if (b) {
    await removeCcdData(b, domain).catch(() => undefined)
    await removeCcdData(b, cloneDomain).catch(() => undefined)
    await removeFrom(d2, domain).catch(() => undefined)
    await removeFrom(b.docker, webDomain).catch(() => undefined)
    await removeFrom(d2, webCopy).catch(() => undefined)
  }
  await closeBackupRig(b)
}, 180_000)

describe('apps.move', () => {
  it('refuses a copy under the same domain, and a move to the same server', async () => {
    const clone = await callError(b.core, 'apps.move', { server: b.server, domain, toServer: second, mode: 'clone' })
    expect(clone.code).toBe('clone-needs-domain')
    expect(clone.message).toMatch(/needs its own domain/)
    expect((await callError(b.core, 'apps.move', { server: b.server, domain, toServer: b.server, mode: 'move' })).code).toBe('move-same-server')
  })

  it('moves the app to the other swarm with its data intact, and undeploys the old one keeping its data', async () => {
    const oldEnv = fs.readFileSync(appEnvPath(b.core.paths, b.server, domain), 'utf8')
    const { jobId } = await api(b.core, 'apps.move', { server: b.server, domain, toServer: second, mode: 'move' })
    const job = await b.core.jobs.wait(jobId)
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')

    const moved = await containerOn(d2, domain)
    expect(inContainer({ ...b.rig, docker: { socket: b.rig.docker2.socket } }, moved, SUMS)).toBe(before)
    expect((inContainer({ ...b.rig, docker: { socket: b.rig.docker2.socket } }, moved, 'cat /data/db.txt')).trim()).toBe('the database')
    // Only keep/ of the files volume is backed up, so only it moves.
    expect(inContainer({ ...b.rig, docker: { socket: b.rig.docker2.socket } }, moved, 'ls /files/skip')).toBe('')

    const stack = stackNameFor(domain)
    expect(await b.docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })).toEqual([])
    expect(((await b.docker.listVolumes({ filters: JSON.stringify({ name: [`${stack}_data`] }) })).Volumes ?? []).length).toBe(1)
    expect(fs.readFileSync(appEnvPath(b.core.paths, second, domain), 'utf8')).toBe(oldEnv)
    expect(fs.existsSync(appEnvPath(b.core.paths, b.server, domain))).toBe(false)
    expect(fs.readFileSync(`${appEnvPath(b.core.paths, b.server, domain)}.moved-to-${second}`, 'utf8')).toBe(oldEnv)
    expect(job.log.join('\n')).toMatch(/still on rigbox|still on .*Once you are sure/)
  }, 300_000)

  it('copies it back under a new domain, data intact, leaving the original running', async () => {
    const { jobId } = await api(b.core, 'apps.move', { server: second, domain, toServer: b.server, mode: 'clone', newDomain: cloneDomain })
    const job = await b.core.jobs.wait(jobId)
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')
    expect(inContainer(b.rig, await containerOn(b.docker, cloneDomain), SUMS)).toBe(before)
    const env = fs.readFileSync(appEnvPath(b.core.paths, b.server, cloneDomain), 'utf8')
    expect(env).toContain(`DOMAIN=${cloneDomain}`)
    expect(env).not.toContain(domain)
    expect((await d2.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stackNameFor(domain)}`] }) })).length).toBe(1)
  }, 300_000)

  it('copies an app with nothing to back up with the same secret values, read from its running container', async () => {
    await ensureProxyNetwork(b.docker)
    await ensureProxyNetwork(d2)
    const made = await api(b.core, 'apps.new', { server: b.server, domain: webDomain, recipe: 'ccd-web', version: 'v1.0.0', secrets: 'generate' })
    const token = made.secrets.find((s) => s.name === 'token')?.value
    expect(token).toBeTruthy()
    const deployed = await b.core.jobs.wait((await api(b.core, 'apps.deploy', { server: b.server, domain: webDomain })).jobId)
    expect(deployed.error?.message ?? '').toBe('')

    const { jobId } = await api(b.core, 'apps.move', { server: b.server, domain: webDomain, toServer: second, mode: 'clone', newDomain: webCopy })
    const job = await b.core.jobs.wait(jobId)
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')
    const log = job.log.join('\n')
    expect(log).toMatch(/No data is carried over/)
    expect(log).toMatch(/Read 1 secret value from the running app: token/)
    expect(log).not.toContain(token!)
    const copy = await containerOn(d2, webCopy)
    expect(inContainer({ ...b.rig, docker: { socket: b.rig.docker2.socket } }, copy, 'cat /run/secrets/token')).toBe(token)
  }, 300_000)
})
