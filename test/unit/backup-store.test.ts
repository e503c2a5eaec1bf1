import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolvePaths, type Paths } from '../../src-main/core/paths'
import { readSettings, writeSettings } from '../../src-main/backups/settings'
import { applyRetention } from '../../src-main/backups/retention'
import { findBackup, listBackups, newBackupId, removeBackup, writeSidecar, type Sidecar } from '../../src-main/backups/store'

let home: string
let paths: Paths

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bstore-'))
  paths = resolvePaths({ HOME: home }, home)
})
afterEach(() => fs.rmSync(home, { recursive: true, force: true }))

async function backup(domain: string, at: string, archive = true): Promise<Sidecar> {
  const id = newBackupId(new Date(at))
  const dir = path.join(paths.backupsDir, domain)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${id}.tar.gz`)
  if (archive) fs.writeFileSync(file, 'x')
  const s: Sidecar = {
    id,
    domain,
    server: 'rigbox',
    file,
    createdAt: new Date(at).toISOString(),
    size: 1,
    recipe: 'ccd-data',
    version: 'v1.0.0',
    services: ['app'],
    verified: true,
    verifiedAt: at,
    stackName: domain.replace(/\./g, '_'),
    archiveSha256: 'abc',
    volumes: [],
    hooks: []
  }
  await writeSidecar(paths, s)
  return s
}

describe('the backups folder', () => {
  it('lists good backups newest first, per app or all, without the internals', async () => {
    const a1 = await backup('a.example', '2026-11-01T10:00:00Z')
    const a2 = await backup('a.example', '2026-11-02T10:00:00Z')
    const b1 = await backup('b.example', '2026-11-01T12:00:00Z')
    await backup('a.example', '2026-11-03T10:00:00Z', false) // a sidecar whose archive is gone
    fs.writeFileSync(path.join(paths.backupsDir, 'a.example', `${newBackupId()}.tar.gz.partial`), 'half')
    expect((await listBackups(paths, 'a.example')).map((x) => x.id)).toEqual([a2.id, a1.id])
    expect((await listBackups(paths)).map((x) => x.id)).toEqual([a2.id, b1.id, a1.id])
    const [first] = await listBackups(paths, 'a.example')
    expect(first).toEqual({
      id: a2.id,
      domain: 'a.example',
      server: 'rigbox',
      file: a2.file,
      createdAt: a2.createdAt,
      size: 1,
      recipe: 'ccd-data',
      version: 'v1.0.0',
      services: ['app'],
      verified: true,
      verifiedAt: a2.verifiedAt
    })
    expect(await listBackups(paths, 'nothing.example')).toEqual([])
  })

  it('removes partial files a day old, and keeps newer ones', async () => {
    const dir = path.join(paths.backupsDir, 'a.example')
    fs.mkdirSync(dir, { recursive: true })
    const old = path.join(dir, 'old.tar.gz.partial')
    const fresh = path.join(dir, 'fresh.tar.gz.partial')
    fs.writeFileSync(old, 'x')
    fs.writeFileSync(fresh, 'x')
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000)
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo)
    await listBackups(paths, 'a.example')
    expect(fs.existsSync(old)).toBe(false)
    expect(fs.existsSync(fresh)).toBe(true)
  })

  it('finds one backup, says backup-unknown otherwise, and removes archive and sidecar', async () => {
    const a = await backup('a.example', '2026-11-01T10:00:00Z')
    expect((await findBackup(paths, 'a.example', a.id)).id).toBe(a.id)
    await expect(findBackup(paths, 'a.example', 'nope')).rejects.toMatchObject({ code: 'backup-unknown' })
    await expect(findBackup(paths, '../etc', 'x')).rejects.toMatchObject({ code: 'backup-unknown' })
    await removeBackup(paths, 'a.example', a.id)
    expect(fs.readdirSync(path.join(paths.backupsDir, 'a.example'))).toEqual([])
  })

  it('keeps the newest N of one app only', async () => {
    const ids = [await backup('a.example', '2026-11-01T10:00:00Z'), await backup('a.example', '2026-11-02T10:00:00Z'), await backup('a.example', '2026-11-03T10:00:00Z')]
    const other = await backup('b.example', '2026-10-01T10:00:00Z')
    expect(await applyRetention(paths, 'a.example', 2)).toEqual([ids[0].id])
    expect((await listBackups(paths, 'a.example')).map((x) => x.id)).toEqual([ids[2].id, ids[1].id])
    expect((await listBackups(paths, 'b.example')).map((x) => x.id)).toEqual([other.id])
    expect(await applyRetention(paths, 'a.example', undefined)).toEqual([])
  })

  it('stores settings in backups/settings.json and reads a broken file as none', async () => {
    expect(await readSettings(paths)).toEqual({})
    expect(await writeSettings(paths, { keepLast: 3 })).toEqual({ keepLast: 3 })
    expect(JSON.parse(fs.readFileSync(path.join(paths.backupsDir, 'settings.json'), 'utf8'))).toEqual({ keepLast: 3 })
    expect(await readSettings(paths)).toEqual({ keepLast: 3 })
    fs.writeFileSync(path.join(paths.backupsDir, 'settings.json'), '{"keepLast": -4')
    expect(await readSettings(paths)).toEqual({})
    expect(await listBackups(paths)).toEqual([])
  })
})
