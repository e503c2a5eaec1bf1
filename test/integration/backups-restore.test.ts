import crypto from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BackupInfo } from '../../src-main/contract/backups'
import type { Job } from '../../src-main/contract/schemas'
import { stackNameFor } from '../../src-main/compose/env'
import { api, appContainer, closeBackupRig, deployCcdData, inContainer, jobWhen, openBackupRig, removeCcdData, type BackupRig } from '../support/backup-rig'
import { callError } from './support'

// Restore against the real swarm over real SSH: back a ccd-data app up,
// damage its data, restore, and find every byte as it was; the restore hooks
// run in order around the write; the excluded cache and the files outside
// keep/ are left alone; a backup of v1 is warned about once the app runs v2;
// a corrupted archive is refused with nothing touched.
let b: BackupRig
const tag = crypto.randomBytes(3).toString('hex')
const domain = `rst-${tag}.apps.test`
let backup: BackupInfo

const sh = async (script: string): Promise<string> => inContainer(b.rig, await appContainer(b, domain), script)
// Every file a restore must bring back, except what the hooks write.
const backedUpSums = (): Promise<string> => sh('find /data /files/keep -type f ! -name dump.sql ! -name hooks.log | sort | xargs -r sha256sum')

async function restore(id: string): Promise<Job> {
  const { jobId } = await api(b.core, 'backups.restore', { server: b.server, domain, id })
  return b.core.jobs.wait(jobId)
}

let before = ''

beforeAll(async () => {
  b = await openBackupRig('rigbox')
  await deployCcdData(b, domain)
  await sh(
    [
      'echo "the database as it was" > /data/db.txt',
      'mkdir -p /data/sub /files/keep/deep',
      'dd if=/dev/urandom of=/data/sub/blob.bin bs=1024 count=1536 2>/dev/null',
      'echo hidden > /data/.dotfile',
      'echo kept > /files/keep/a.txt',
      'dd if=/dev/urandom of=/files/keep/deep/b.bin bs=1024 count=300 2>/dev/null',
      'echo skipped > /files/skip/s.txt',
      'echo cached > /cache/c.txt'
    ].join(' && ')
  )
  before = await backedUpSums()
  const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
  const job = await b.core.jobs.wait(jobId)
  if (job.status !== 'done') throw new Error(`the backup failed: ${job.error?.message}`)
  ;[backup] = await api(b.core, 'backups.list', { domain })
}, 240_000)

afterAll(async () => {
  if (b) await removeCcdData(b, domain)
  await closeBackupRig(b)
}, 120_000)

describe('backups.restore', () => {
  it('plans the restore in words: what is overwritten, what stops, no version warning on the same version', async () => {
    const plan = await api(b.core, 'backups.restorePlan', { server: b.server, domain, id: backup.id })
    expect(plan.backup.id).toBe(backup.id)
    expect(plan.stops).toEqual(['app'])
    expect(plan.overwrites).toHaveLength(2)
    expect(plan.overwrites.find((w) => w.includes('volume data'))).toMatch(/emptied .* files added since the backup are deleted/)
    expect(plan.overwrites.find((w) => w.includes('volume files'))).toMatch(/^Only keep\/ inside/)
    expect(plan.versionWarning).toBeUndefined()
  })

  it('brings every byte back, deletes what was added, and leaves the cache and the unfiltered paths alone', async () => {
    await sh(
      [
        'echo "changed after the backup" > /data/db.txt',
        'rm /data/sub/blob.bin /files/keep/a.txt',
        'echo new > /data/new.txt',
        'echo extra > /files/keep/extra.txt',
        'echo "skip changed" > /files/skip/s.txt',
        'echo "cache changed" > /cache/c.txt'
      ].join(' && ')
    )
    expect(await backedUpSums()).not.toBe(before)
    const oldContainer = await appContainer(b, domain)

    const job = await restore(backup.id)
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')

    // The service was stopped and started again: a new container holds the data.
    expect(await appContainer(b, domain)).not.toBe(oldContainer)
    expect(await backedUpSums()).toBe(before)
    expect(await sh('ls /data/new.txt /files/keep/extra.txt 2>&1 || true')).toMatch(/No such file.*\n.*No such file/)
    expect((await sh('cat /files/skip/s.txt')).trim()).toBe('skip changed')
    expect((await sh('cat /cache/c.txt')).trim()).toBe('cache changed')
    // The post-hook loaded the dump back into the "database".
    expect((await sh('cat /data/db.txt')).trim()).toBe('the database as it was')
    expect(await sh('cat /data/dump.sql')).toBe(await sh('cat /data/db.txt'))
  }, 240_000)

  it('ran the restore pre-hook before the write and the post-hook after, in the new container', async () => {
    // hooks.log is inside keep/, so the write replaces it with the backup's
    // copy ("pre" from the backup's own hook): restore-pre, written before,
    // is overwritten, restore-post comes after it.
    expect((await sh('cat /files/keep/hooks.log')).split('\n').filter(Boolean)).toEqual(['pre', 'restore-post'])
    const job = [...b.core.jobs.list()].filter((j) => j.kind === 'app-restore').pop()!
    const pre = job.log.findIndex((l) => l.includes('restore pre-hook of app'))
    const write = job.log.findIndex((l) => l.startsWith('Writing back'))
    const post = job.log.findIndex((l) => l.includes('restore post-hook of app'))
    expect(pre).toBeGreaterThanOrEqual(0)
    expect(write).toBeGreaterThan(pre)
    expect(post).toBeGreaterThan(write)
  })

  it('cancelled while writing: starts the app again and says what state its data is in', async () => {
    await sh('dd if=/dev/urandom of=/data/big.bin bs=1048576 count=96 2>/dev/null')
    const taken = await api(b.core, 'backups.create', { server: b.server, domain })
    expect((await b.core.jobs.wait(taken.jobId)).status).toBe('done')
    const [big] = await api(b.core, 'backups.list', { domain })
    expect(big.id).not.toBe(backup.id)

    const { jobId } = await api(b.core, 'backups.restore', { server: b.server, domain, id: big.id })
    await jobWhen(b.core, jobId, (j) => j.log.some((l) => l.startsWith('Writing back')))
    await api(b.core, 'jobs.cancel', { jobId })
    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('cancelled')
    const log = job.log.join('\n')
    expect(log).toMatch(/The restore of .* was cancelled\./)
    expect(log).toMatch(/only part of the backup|Restored completely|No data was written/)
    expect(log).toContain('The services were started again.')
    // The service runs its container again.
    const service = (await b.docker.getService(`${stackNameFor(domain)}_app`).inspect()) as { Spec: { Mode: { Replicated: { Replicas: number } } } }
    expect(service.Spec.Mode.Replicated.Replicas).toBe(1)
    expect(await appContainer(b, domain)).toBeTruthy()
  }, 300_000)

  it('warns when the backup is from another version than the app runs', async () => {
    const { jobId } = await api(b.core, 'apps.deploy', { server: b.server, domain, kind: 'upgrade', version: 'v2.0.0', backupFirst: false })
    expect((await b.core.jobs.wait(jobId)).status).toBe('done')
    const plan = await api(b.core, 'backups.restorePlan', { server: b.server, domain, id: backup.id })
    expect(plan.versionWarning).toMatch(/^This backup was taken from version v1\.0\.0; the app now runs v2\.0\.0\. Restoring older data into a newer version can fail/)
  }, 240_000)

  it('refuses a corrupted archive and touches nothing', async () => {
    await sh('echo "after the upgrade" > /data/db.txt')
    const container = await appContainer(b, domain)
    const bytes = fs.readFileSync(backup.file)
    for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i] ^= 0xff
    fs.writeFileSync(backup.file, bytes)

    let message: string
    try {
      const job = await restore(backup.id)
      expect(job.status).toBe('failed')
      expect(job.error?.code).toBe('backup-corrupt')
      message = job.error?.message ?? ''
    } catch (err) {
      // A store that re-checks on lookup refuses before the job: as good.
      const body = (err as { body?: { code: string; message: string } }).body
      expect(body?.code).toMatch(/corrupt|unknown|invalid/)
      message = body?.message ?? ''
    }
    expect(message).toMatch(/not restored|can't|cannot|failed/)
    expect(await appContainer(b, domain)).toBe(container)
    expect((await sh('cat /data/db.txt')).trim()).toBe('after the upgrade')
  }, 120_000)

  it('reports no backup-bot-two on a server that does not run it (the rig has no restic)', async () => {
    expect(await api(b.core, 'backups.botSnapshots', { server: b.server })).toEqual({ running: false, snapshots: [] })
    const err = await callError(b.core, 'backups.botDownload', { server: b.server, snapshot: 'abcdef12' })
    expect(err.code).toBe('bot-not-running')
    expect(err.message).toMatch(/backup-bot-two is not running on/)
  })

  it('refuses an unknown backup before starting', async () => {
    const err = await callError(b.core, 'backups.restore', { server: b.server, domain, id: 'no-such-backup' })
    expect(err.code).toBe('backup-unknown')
  })
})
