import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import type { BackupInfo } from '../../src-main/contract/backups'
import type { Job } from '../../src-main/contract/schemas'
import { killSshSessions } from '../rig/rig'
import {
  api,
  appContainer,
  backupDirFiles,
  closeBackupRig,
  deployCcdData,
  fillRandom,
  inContainer,
  jobWhen,
  openBackupRig,
  removeCcdData,
  serverChecksums,
  showsProgress,
  waitHookLine,
  type BackupRig
} from '../support/backup-rig'

// Backups that go wrong, against the real swarm over real SSH with real
// files: a failing pre-hook, a corrupted archive, a full disk on this side,
// and the connection dropped in the middle of a large download. None may
// leave a backup that looks good, and the post-hook runs every time.
//
// The server is added as root (rig-root) so that dropping the connection
// kills only root's SSH sessions, never those of ccdtest that other test
// files use at the same time.
let b: BackupRig
const tag = crypto.randomBytes(3).toString('hex')
const domain = `bkf-${tag}.apps.test`
let mounted: string | undefined

const container = (): Promise<string> => appContainer(b, domain)
const sh = async (script: string): Promise<string> => inContainer(b.rig, await container(), script)

async function backUp(): Promise<Job> {
  const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
  return b.core.jobs.wait(jobId)
}

const listed = async (): Promise<BackupInfo[]> => api(b.core, 'backups.list', { domain })
const finalFiles = (): string[] => backupDirFiles(b.core, domain).map((f) => f.name).filter((n) => !n.endsWith('.partial')).sort()

// What the person reads: words, not a stack trace or an errno.
function expectPlain(message: string | undefined): void {
  expect(message, 'an error message').toBeTruthy()
  expect(message).not.toMatch(/\n\s*at |\bE[A-Z]{4,}\b|\w*Error:|undefined|\[object /)
}

beforeAll(async () => {
  b = await openBackupRig('rig-root')
  await deployCcdData(b, domain)
  await sh('echo "a database" > /data/db.txt && echo kept > /files/keep/a.txt && echo skipped > /files/skip/b.txt && echo cached > /cache/c.txt')
}, 240_000)

afterAll(async () => {
  if (mounted) execFileSync('umount', [mounted])
  if (b) await removeCcdData(b, domain)
  await closeBackupRig(b)
}, 180_000)

describe('a backup that fails', () => {
  it('names the pre-hook that failed, and still runs the post-hook', { timeout: 180_000 }, async () => {
    await sh(': > /files/keep/hooks.log && rm -f /data/db.txt')
    const before = { list: await listed(), files: finalFiles() }
    try {
      const job = await backUp()
      expect(job.status).toBe('failed')
      expectPlain(job.error?.message)
      expect(job.error?.message).toMatch(/pre-hook/i)
      // The pre-hook's cat failed before it could log "pre".
      expect(await waitHookLine(b.rig, await container(), 'post')).toEqual(['post'])
      expect(await listed()).toEqual(before.list)
      expect(finalFiles()).toEqual(before.files)
    } finally {
      await sh('echo "a database" > /data/db.txt')
    }
  })

  it('is refused by Verify and by restore once its archive is corrupted', { timeout: 180_000 }, async () => {
    fillRandom(b.rig, await container(), '/data/medium.bin', 4)
    const before = (await listed()).map((x) => x.id)
    const job = await backUp()
    expect(job.status, job.error?.message).toBe('done')
    const info = (await listed()).find((x) => !before.includes(x.id))
    expect(info).toMatchObject({ domain, verified: true })
    expect((await api(b.core, 'backups.verify', { domain, id: info!.id })).ok).toBe(true)

    const file = path.isAbsolute(info!.file) ? info!.file : path.join(b.core.paths.backupsDir, domain, info!.file)
    expect(file.startsWith(path.join(b.core.paths.backupsDir, domain) + path.sep)).toBe(true)
    expect(file).toMatch(/\.tar\.gz$/)
    const fd = fs.openSync(file, 'r+')
    try {
      const at = Math.floor(fs.fstatSync(fd).size / 2)
      const bytes = Buffer.alloc(64)
      fs.readSync(fd, bytes, 0, bytes.length, at)
      for (let i = 0; i < bytes.length; i++) bytes[i] ^= 0xff
      fs.writeSync(fd, bytes, 0, bytes.length, at)
    } finally {
      fs.closeSync(fd)
    }

    const verdict = await api(b.core, 'backups.verify', { domain, id: info!.id })
    expect(verdict.ok).toBe(false)
    expect(verdict.problems.length).toBeGreaterThan(0)
    for (const p of verdict.problems) expectPlain(p)
    expect((await listed()).find((x) => x.id === info!.id)).toMatchObject({ verified: false })

    // Refused either at once or by the restore job before it touches anything.
    const sums = serverChecksums(b.rig, await container())
    const res = await dispatch(b.core.handlers, 'backups.restore', { domain, id: info!.id, server: b.server })
    const error = res.ok ? (await b.core.jobs.wait((res.value as { jobId: string }).jobId)).error : res.error
    expect(error, 'restore of a corrupted archive was not refused').toBeDefined()
    expect(error?.code).not.toBe('not-ready')
    expectPlain(error?.message)
    expect(serverChecksums(b.rig, await container())).toBe(sums)
    expect(await sh('cat /data/db.txt')).toBe('a database\n')
  })

  it('says plainly that the disk is full, leaves nothing behind, and loses nothing on the server', { timeout: 180_000 }, async () => {
    fillRandom(b.rig, await container(), '/data/big.bin', 64)
    await sh(': > /files/keep/hooks.log')
    const sums = serverChecksums(b.rig, await container())
    const listBefore = await listed()
    // A 20 MB disk for ~/.abra/backups: the 64 MB of random data can't fit.
    fs.mkdirSync(b.core.paths.backupsDir, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', b.core.paths.backupsDir])
    mounted = b.core.paths.backupsDir
    try {
      const job = await backUp()
      expect(job.status).toBe('failed')
      expectPlain(job.error?.message)
      expect(job.error?.message).toMatch(/full|no space|not enough space/i)
      expect(await listed()).toEqual([])
      // Whatever is left on the small disk must be named by the message.
      const left = (fs.readdirSync(mounted, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => d.name)
      for (const name of left) expect(job.error?.message, `${name} was left on the full disk`).toContain(name)
    } finally {
      execFileSync('umount', [mounted])
      mounted = undefined
    }
    expect(await listed()).toEqual(listBefore)
    expect(await waitHookLine(b.rig, await container(), 'post')).toEqual(['pre', 'post'])
    expect(serverChecksums(b.rig, await container())).toBe(sums)
  })

  it('lists nothing when the connection drops in the middle of a large download, and runs the post-hook once it is back', { timeout: 300_000 }, async () => {
    fillRandom(b.rig, await container(), '/data/huge.bin', 240)
    await sh(': > /files/keep/hooks.log')
    const sums = serverChecksums(b.rig, await container())
    const before = { list: await listed(), files: finalFiles() }

    const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
    const copying = await jobWhen(b.core, jobId, showsProgress)
    expect(copying.status, `the backup ended before any progress showed: ${copying.error?.message ?? ''}`).toBe('running')
    expect(await killSshSessions(b.rig.sshd.users.root)).toBeGreaterThan(0)

    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expectPlain(job.error?.message)
    expect(job.error?.message).toMatch(/connection/i)
    expect(await listed()).toEqual(before.list)
    expect(finalFiles()).toEqual(before.files)
    const partials = backupDirFiles(b.core, domain).filter((f) => f.name.endsWith('.partial'))
    expect(partials, 'the interrupted download was left behind').toEqual([])

    const hooks = await waitHookLine(b.rig, await container(), 'post')
    expect(hooks).toEqual(['pre', 'post'])
    expect(serverChecksums(b.rig, await container())).toBe(sums)
  })
})
