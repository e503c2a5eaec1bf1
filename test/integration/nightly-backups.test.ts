import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { api, deployCcdData } from '../support/backup-rig'
import { closeNightlyRig, inApp, startNightlyNode, type NightlyRig } from '../support/nightly-rig'
import { callError } from './support'

// Nightly backups on the server, against a one-node swarm of this file's
// own over real SSH (the bot backs up every labelled app of its engine:
// here only this file's), with the stand-in bot and its short clock
// (test/support/nightly-rig.ts says what of the real backup-bot-two it
// stands in for).
let b: NightlyRig
const tag = crypto.randomBytes(3).toString('hex')
const domain = `nb-${tag}.apps.test`
const botDomain = `backups-${tag}.nightlybox.test`
const events: string[] = []
let password = ''
let snapshotBefore = ''
let before = ''
let setUpAt = 0

const sh = (script: string): Promise<string> => inApp(b, domain, script)
// What the bot backs up of ccd-data (data, files/keep), without what its hooks write.
const backedUpSums = (): Promise<string> => sh('find /data /files/keep -type f ! -name dump.sql ! -name hooks.log | sort | xargs -r sha256sum')

beforeAll(async () => {
  b = await startNightlyNode()
  b.core.events.subscribe((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`))
  await deployCcdData(b, domain)
  await sh(
    [
      'echo "the database as it was" > /data/db.txt',
      'mkdir -p /data/sub /files/keep/deep',
      'dd if=/dev/urandom of=/data/sub/blob.bin bs=1024 count=700 2>/dev/null',
      'echo hidden > /data/.dotfile',
      'echo kept > /files/keep/a.txt',
      'echo skipped > /files/skip/s.txt'
    ].join(' && ')
  )
  before = await backedUpSums()
}, 120_000)

// The node goes with everything on it (apps, bot, volumes, secrets).
afterAll(() => closeNightlyRig(b), 120_000)

describe('nightly backups on the server (backup-bot-two stand-in)', () => {
  it('a destination the bot cannot write to fails the setup in words and leaves the server as it was', async () => {
    const secretNames = async (): Promise<string[]> => (await b.docker.listSecrets()).map((s) => s.Spec?.Name ?? '').sort()
    const secretsBefore = await secretNames()
    const { jobId } = await api(b.core, 'nightly.setup', {
      server: b.server,
      domain: botDomain,
      // The stand-in has no ssh client, as a bot that can't reach its SFTP server: restic can't open the repository.
      destination: { kind: 'sftp', host: 'sftp.invalid', user: 'backup', path: '/srv/restic', privateKey: 'not a key', hostKey: 'sftp.invalid ssh-ed25519 AAAA' },
      time: '03:30',
      keep: 2
    })
    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expect(job.error?.code).toBe('nightly-destination')
    expect(job.error?.message).toMatch(/could not open or create the backup storage/)
    expect(job.log.join('\n')).toMatch(/Removing what was made for/)
    // Nothing left: no env file, no service, no secret.
    expect(fs.existsSync(path.join(b.core.paths.serversDir, b.server, `${botDomain}.env`))).toBe(false)
    const stack = stackNameFor(botDomain)
    expect(await b.docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })).toEqual([])
    expect(await secretNames()).toEqual(secretsBefore)
    expect((await api(b.core, 'nightly.status', { server: b.server })).configured).toBe(false)
  }, 110_000)

  it('sets up the bot through the normal deploy, with the password only as a secret and once in the recovery kit', async () => {
    const answer = await api(b.core, 'nightly.setup', { server: b.server, domain: botDomain, destination: { kind: 'server' }, time: '02:15', keep: 2 })
    password = answer.recoveryKit.password
    expect(password.length).toBeGreaterThanOrEqual(32)
    expect(answer.recoveryKit).toMatchObject({ server: b.server, domain: botDomain, repository: '/backups/restic' })
    const job = await b.core.jobs.wait(answer.jobId)
    setUpAt = Date.now()
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')
    const env = fs.readFileSync(path.join(b.core.paths.serversDir, b.server, `${botDomain}.env`), 'utf8')
    expect(env).toMatch(/^TYPE=backup-bot-two:/m)
    expect(env).toMatch(/^RESTIC_REPOSITORY=\/backups\/restic$/m)
    expect(env).toMatch(/^BACKUPBOT_KEEP_LAST=2$/m)
    const stack = stackNameFor(botDomain)
    expect((await b.docker.listSecrets()).map((s) => s.Spec?.Name)).toContain(`${stack}_restic_password_v1`)
    // A second setup is refused, naming the one there.
    const again = await callError(b.core, 'nightly.setup', { server: b.server, destination: { kind: 'server' } })
    expect(again.code).toBe('nightly-exists')
  }, 110_000)

  it('a scheduled run makes a snapshot of the app, listed per app with its size', async () => {
    const stack = stackNameFor(domain)
    // The first run comes 5 s after the setup's init of the repository, and walks only this app.
    await expect
      .poll(async () => (await api(b.core, 'nightly.status', { server: b.server })).apps.find((a) => a.stack === stack)?.snapshots.length ?? 0, { timeout: 60_000, interval: 1000 })
      .toBeGreaterThan(0)
    // A figure for the log, not an assertion.
    console.log(`nightly-backups: the first snapshot was listed ${((Date.now() - setUpAt) / 1000).toFixed(1)} s after the setup's job ended`)
    const status = await api(b.core, 'nightly.status', { server: b.server })
    expect(status).toMatchObject({ configured: true, running: true, domain: botDomain, keep: 2 })
    expect(status.where?.kind).toBe('server')
    const app = status.apps.find((a) => a.stack === stack)!
    expect(app.domain).toBe(domain)
    expect(app.snapshots[0].size).toBeGreaterThan(700 * 1024)
    // The bot's own stack has no backupbot labels: not listed.
    expect(status.apps.map((a) => a.stack)).not.toContain(stackNameFor(botDomain))
    const listed = await api(b.core, 'nightly.snapshots', { server: b.server, domain })
    expect(listed.map((s) => s.id)).toEqual(app.snapshots.map((s) => s.id))
    snapshotBefore = listed[0].id
    await expect.poll(async () => (await api(b.core, 'nightly.status', { server: b.server })).lastRun?.ok, { timeout: 30_000, interval: 1000 }).toBe(true)
  }, 110_000)

  it('keeps only the last 2 snapshots of the app', async () => {
    const stack = stackNameFor(domain)
    const runs = async (): Promise<number> => {
      const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stackNameFor(botDomain)}`], status: ['running'] })
      const [c] = await b.docker.listContainers({ filters })
      if (!c) return 0
      const logs = (await b.docker.getContainer(c.Id).logs({ stdout: true, stderr: true })) as unknown as Buffer
      // A run counts once it has ended: the bot forgets old snapshots after
      // it logs "backed up", and logs "backup run finished" only after that.
      return logs
        .toString('utf8')
        .split('backup run started')
        .filter((run) => run.includes(`backed up ${stack}`) && run.includes('backup run finished')).length
    }
    await expect.poll(runs, { timeout: 60_000, interval: 1000 }).toBeGreaterThanOrEqual(3)
    const status = await api(b.core, 'nightly.status', { server: b.server })
    expect(status.apps.find((a) => a.stack === stack)!.snapshots.length).toBeLessThanOrEqual(2)
  }, 90_000)

  it('restores every byte from a nightly snapshot through the restore flow, after the domain is typed', async () => {
    const plan = await api(b.core, 'nightly.restorePlan', { server: b.server, domain, snapshot: 'latest' })
    expect(plan.snapshot.id).toMatch(/^[0-9a-f]{64}$/)
    void snapshotBefore
    expect(plan.stops).toEqual(['app'])
    expect(plan.overwrites.length).toBe(2)
    const refused = await callError(b.core, 'nightly.restore', { server: b.server, domain, snapshot: snapshotBefore, confirm: 'no' })
    expect(refused.code).toBe('confirm-mismatch')
    // The snapshot may have been forgotten by now (keep 2): take the newest, made before any damage.
    const [newest] = await api(b.core, 'nightly.snapshots', { server: b.server, domain })
    await sh('echo "changed after the backup" > /data/db.txt && rm /data/sub/blob.bin /files/keep/a.txt && echo new > /data/new.txt')
    expect(await backedUpSums()).not.toBe(before)
    const { jobId } = await api(b.core, 'nightly.restore', { server: b.server, domain, snapshot: newest.id, confirm: domain })
    const job = await b.core.jobs.wait(jobId)
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')
    // The bot was paused while the app was written back, and runs again.
    expect(job.log.join('\n')).toMatch(/The backup app is paused[\s\S]*Writing back[\s\S]*The backup app runs again/)
    expect(await backedUpSums()).toBe(before)
    expect(await sh('ls /data/new.txt 2>&1 || true')).toMatch(/No such file/)
    expect((await sh('cat /files/skip/s.txt')).trim()).toBe('skipped')
    // The temporary archive is gone from this computer.
    const dir = path.join(b.core.paths.backupsDir, domain)
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([])
  }, 110_000)

  it('a run whose pre-hook fails is reported as failed, in words, with the bot’s own words as details', async () => {
    await sh('rm /data/db.txt')
    try {
      // The bot was started again by the restore: until its first run here the status may say the run didn't happen.
      await expect.poll(async () => (await api(b.core, 'nightly.status', { server: b.server })).lastRun?.details ?? '', { timeout: 40_000, interval: 1000 }).toMatch(/pre-hook/)
      const status = await api(b.core, 'nightly.status', { server: b.server })
      expect(status.lastRun?.ok).toBe(false)
      expect(status.warning).toMatch(/Last night's backup failed/)
    } finally {
      await sh('echo "the database as it was" > /data/db.txt')
    }
  }, 60_000)

  it('the restic password is in no file, event, job log or answer', async () => {
    expect(password).not.toBe('')
    const found: string[] = []
    const walk = (dir: string): void => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, d.name)
        if (d.isDirectory()) walk(full)
        else if (d.isFile() && fs.readFileSync(full).includes(password)) found.push(full)
      }
    }
    walk(b.home)
    expect(found).toEqual([])
    expect(events.filter((e) => e.includes(password))).toEqual([])
    expect(b.core.jobs.list().filter((j) => JSON.stringify(j).includes(password)).map((j) => j.title)).toEqual([])
    expect(JSON.stringify(await api(b.core, 'nightly.status', { server: b.server }))).not.toContain(password)
  })
})
