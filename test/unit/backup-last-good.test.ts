import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolvePaths, type Paths } from '../../src-main/core/paths'
import { lastGoodBackups } from '../../src-main/backups/last-good'
import { newBackupId, removeBackup, sidecarPath, writeSidecar, type Sidecar } from '../../src-main/backups/store'

// Health asks every app's newest good backup each round; the answer is kept
// until the app's backups folder changes. Real files, real mtimes.

let home: string
let paths: Paths
const domain = 'a.example'

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-lastgood-'))
  paths = resolvePaths({ HOME: home }, home)
})
afterEach(() => fs.rmSync(home, { recursive: true, force: true }))

async function backup(at: string, verified = true): Promise<Sidecar> {
  const id = newBackupId(new Date(at))
  const dir = path.join(paths.backupsDir, domain)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${id}.tar.gz`)
  fs.writeFileSync(file, 'x')
  const s: Sidecar = { id, domain, server: 'rigbox', file, createdAt: new Date(at).toISOString(), size: 1, services: ['app'], verified, stackName: 'a_example', archiveSha256: 'abc', volumes: [], hooks: [] }
  await writeSidecar(paths, s)
  return s
}

/** Dates the folder's last change an hour back, as if the backups were made earlier: the next change moves its mtime whatever the clock's tick. */
function settle(): void {
  const past = new Date(Date.now() - 3600_000)
  fs.utimesSync(path.join(paths.backupsDir, domain), past, past)
}

/** Rewrites a sidecar in place, as nothing in the app does: the folder's mtime stays, so only a re-read would see it. */
function rewriteInPlace(s: Sidecar, createdAt: string): void {
  fs.writeFileSync(sidecarPath(paths, domain, s.id), JSON.stringify({ ...s, createdAt }))
}

describe('the newest good backup, for Health', () => {
  it('is read once while the folder stays as it was, and again once a backup is made, verified badly or deleted', async () => {
    const lastGood = lastGoodBackups(paths)
    expect(await lastGood(domain)).toBeUndefined() // no folder: never backed up
    const first = await backup('2026-11-01T10:00:00Z')
    await backup('2026-11-02T10:00:00Z', false) // not verified: doesn't count
    settle()
    expect(await lastGood(domain)).toBe(Date.parse('2026-11-01T10:00:00Z'))

    rewriteInPlace(first, '2026-11-05T10:00:00Z')
    expect(await lastGood(domain)).toBe(Date.parse('2026-11-01T10:00:00Z')) // kept, not read again
    rewriteInPlace(first, first.createdAt)
    settle()

    const newer = await backup('2026-11-03T10:00:00Z')
    expect(await lastGood(domain)).toBe(Date.parse('2026-11-03T10:00:00Z'))
    settle()

    // "Verify" found it damaged: the sidecar is written again (renamed into place).
    await writeSidecar(paths, { ...newer, verified: false })
    expect(await lastGood(domain)).toBe(Date.parse('2026-11-01T10:00:00Z'))
    settle()

    await removeBackup(paths, domain, first.id)
    expect(await lastGood(domain)).toBeUndefined()
  })

  it('reads again while the folder changed too recently for its mtime to be trusted', async () => {
    const lastGood = lastGoodBackups(paths)
    const first = await backup('2026-11-01T10:00:00Z')
    expect(await lastGood(domain)).toBe(Date.parse('2026-11-01T10:00:00Z'))
    rewriteInPlace(first, '2026-11-05T10:00:00Z')
    expect(await lastGood(domain)).toBe(Date.parse('2026-11-05T10:00:00Z'))
  })

  it('refuses a domain that would leave the backups folder, as the backups list does', async () => {
    await expect(lastGoodBackups(paths)('../x')).rejects.toThrow()
  })
})
