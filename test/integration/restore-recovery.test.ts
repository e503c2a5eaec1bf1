import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import type { Job } from '../../src-main/contract/schemas'
import { createCore } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig } from '../rig/rig'
import { api, appContainer, closeBackupRig, deployCcdData, fillRandom, inContainer, jobWhen, removeCcdData, type BackupRig } from '../support/backup-rig'
import { startRelay, type Relay } from '../support/faults'
import { startRecipeWorld } from '../support/recipe-world'
import { homeWithSshConfig } from './support'

// A restore that is stopped while the app's services are down must bring
// them back to what they ran, and say truly what runs: Cancel pressed while
// the services stop, the stop timeout hit, and the link to the server cut
// while the data is written (Docker unreachable for longer than one call
// waits). Real swarm, real SSH; the link goes through a TCP relay this file
// owns, so cutting it disturbs no other test's connection.

let b: BackupRig
let relay: Relay
const env: NodeJS.ProcessEnv = {}
const tag = crypto.randomBytes(3).toString('hex')
const domain = `rrc-${tag}.apps.test`
const service = `${stackNameFor(domain)}_app`
let backupId = ''
const noKeychain = { get: async () => undefined, set: async () => {}, delete: async () => {} }

/** The app's containers take `seconds` to stop (httpd as PID 1 ignores SIGTERM, so docker waits for the grace period). */
function stopTakes(seconds: number): void {
  execFileSync('docker', ['-H', `unix://${b.rig.docker.socket}`, 'service', 'update', '--quiet', '--stop-grace-period', `${seconds}s`, service], { stdio: 'ignore' })
}

async function replicas(): Promise<number | undefined> {
  const info = (await b.docker.getService(service).inspect()) as Docker.Service
  return info.Spec?.Mode?.Replicated?.Replicas
}

/** Tasks of the service that the swarm wants running and that run. */
async function runningTasks(): Promise<number> {
  const tasks = (await b.docker.listTasks({ filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }) })) as Array<{ Status?: { State?: string } }>
  return tasks.filter((t) => t.Status?.State === 'running').length
}

async function startRestore(): Promise<string> {
  return (await api(b.core, 'backups.restore', { server: b.server, domain, id: backupId })).jobId
}

/** The service is back at its 1 replica and runs it, and the job said exactly that. */
async function expectBackAndSaid(job: Job): Promise<void> {
  expect(await replicas()).toBe(1)
  await expect.poll(runningTasks, { timeout: 60_000, interval: 500 }).toBe(1)
  const said = `${job.log.join('\n')}\n${job.error?.message ?? ''}`
  expect(said).toContain('The services were started again.')
  expect(said).toContain(`Running now: ${service} (1 of 1 container).`)
  expect(said).not.toMatch(/Not running:/)
}

beforeAll(async () => {
  const rig = loadRig()
  relay = await startRelay(rig.sshd.host, rig.sshd.port)
  const world = await startRecipeWorld()
  const home = homeWithSshConfig(rig)
  fs.appendFileSync(path.join(home, '.ssh/config'), `\nHost rst-relay\n  HostName 127.0.0.1\n  Port ${relay.port}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`)
  // The core reads the stop timeout from this object; tests change it in place.
  Object.assign(env, { HOME: home, ...world.env })
  const core = createCore({ transport: 'cli', home, env, keychain: noKeychain })
  const probe = await api(core, 'servers.probeHostKey', { hostname: 'rst-relay', port: relay.port })
  if (probe.status !== 'known') await api(core, 'servers.trustHostKey', { probeId: probe.probeId })
  const { name } = await api(core, 'servers.add', { kind: 'ssh', host: 'rst-relay' })
  b = { rig, world, home, core, docker: dockerLocal(rig.docker.socket), server: name }

  await deployCcdData(b, domain)
  // Large enough that writing it back takes a while, so the link can be cut in the middle.
  const container = await appContainer(b, domain)
  inContainer(b.rig, container, 'echo "a database" > /data/db.txt')
  fillRandom(b.rig, container, '/data/big.bin', 160)
  const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
  const job = await b.core.jobs.wait(jobId)
  if (job.status !== 'done') throw new Error(`the backup failed: ${job.error?.message}`)
  backupId = (await api(b.core, 'backups.list', { domain }))[0].id
}, 300_000)

afterAll(async () => {
  relay?.mend()
  if (b) {
    stopTakes(1)
    await removeCcdData(b, domain)
  }
  await closeBackupRig(b)
  await relay?.close()
}, 240_000)

describe('a restore stopped while the services are down', () => {
  it('cancelled while the services stop: they are started again, and the job says they run', { timeout: 240_000 }, async () => {
    stopTakes(30)
    const jobId = await startRestore()
    // The service is at 0 replicas, its container still stopping: Cancel now.
    await expect.poll(replicas, { timeout: 60_000, interval: 200 }).toBe(0)
    await api(b.core, 'jobs.cancel', { jobId })
    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.log.join('\n')).toMatch(/The restore of .* was cancelled\. No data was written/)
    await expectBackAndSaid(job)
  })

  it('the stop timeout hit: they are started again, and the error says why and that they run', { timeout: 240_000 }, async () => {
    // 30 s to stop, 3 s allowed.
    env.CCD_RESTORE_STOP_TIMEOUT_SECONDS = '3'
    try {
      const job = await b.core.jobs.wait(await startRestore())
      expect(job.status).toBe('failed')
      expect(job.error?.message).toMatch(/still running 3 seconds after it was told to stop, so nothing was written\. No data was written/)
      await expectBackAndSaid(job)
    } finally {
      delete env.CCD_RESTORE_STOP_TIMEOUT_SECONDS
    }
  })

  it('the link cut while writing, for longer than a call waits: once it is back the services are started again, and the user is told', { timeout: 300_000 }, async () => {
    stopTakes(1)
    await expect.poll(runningTasks, { timeout: 60_000, interval: 500 }).toBe(1)
    const jobId = await startRestore()
    const writing = await jobWhen(b.core, jobId, (j) => j.log.some((l) => l.startsWith('Writing back')))
    expect(writing.status).toBe('running')
    relay.cut()
    // Keep Docker unreachable past the 30 s one call waits for the link, until
    // the restore says it is waiting for the server (or has ended), then mend.
    let stopWaiting = (): void => {}
    const waiting = await Promise.race([
      jobWhen(b.core, jobId, (j) => j.log.some((l) => l.includes('could not be reached'))),
      new Promise<undefined>((resolve) => {
        const timer = setTimeout(resolve, 120_000)
        stopWaiting = () => clearTimeout(timer)
      })
    ])
    stopWaiting()
    relay.mend()
    expect(waiting?.status, 'the restore never said it was waiting for the server').toBe('running')

    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expect(job.error?.message).toMatch(/^The restore of .* failed: /)
    expect(job.error?.message).toMatch(/only part of the backup|Restored completely|No data was written/)
    await expectBackAndSaid(job)
    // The container that wrote the data, left when the link dropped, is gone too: it would keep the volume in use.
    const helpers = await b.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`coop-cloud-desktop.restore-helper=${stackNameFor(domain)}`] }) })
    expect(helpers).toEqual([])
  })
})
