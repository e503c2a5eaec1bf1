import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { writeSettings } from '../../src-main/backups/settings'
import { ensurePrivateDir, writeSidecar, type Sidecar } from '../../src-main/backups/store'
import { resolvePaths, type Paths } from '../../src-main/core/paths'

// Issue 9, section 9: env files and backups are private to the person, even
// with the usual umask (022) that would leave them readable by everyone.
let tmp: string
let paths: Paths
let umask: number

beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-modes-')))
  paths = resolvePaths({}, tmp)
  fs.mkdirSync(path.join(paths.serversDir, 'rig'), { recursive: true })
  umask = process.umask(0o022)
})

afterEach(() => {
  process.umask(umask)
  fs.rmSync(tmp, { recursive: true, force: true })
})

const modeOf = (p: string): number => fs.statSync(p).mode & 0o777

const sidecar = (domain: string): Sidecar => ({
  id: '2026-01-01T00-00-00.000Z',
  domain,
  server: 'rig',
  file: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  size: 1,
  services: [],
  verified: true,
  stackName: 'shop',
  archiveSha256: '',
  volumes: [],
  hooks: []
})

describe('private files and folders', () => {
  it('creates a new env file readable by its owner only', async () => {
    const file = await writeAppEnv(paths, 'rig', 'shop.example.org', 'RECIPE=custom-html\n')
    expect(modeOf(file)).toBe(0o600)
  })

  it('creates ~/.abra/backups and an app folder 0700', async () => {
    await ensurePrivateDir(paths, path.join(paths.backupsDir, 'shop.example.org'))
    expect(modeOf(paths.backupsDir)).toBe(0o700)
    expect(modeOf(path.join(paths.backupsDir, 'shop.example.org'))).toBe(0o700)
    await writeSidecar(paths, sidecar('shop.example.org'))
    expect(modeOf(path.join(paths.backupsDir, 'shop.example.org', '2026-01-01T00-00-00.000Z.json'))).toBe(0o600)
  })

  it('narrows folders an older version left open to others', async () => {
    fs.mkdirSync(path.join(paths.backupsDir, 'shop.example.org'), { recursive: true, mode: 0o755 })
    fs.chmodSync(paths.backupsDir, 0o775)
    fs.chmodSync(path.join(paths.backupsDir, 'shop.example.org'), 0o755)
    await ensurePrivateDir(paths, path.join(paths.backupsDir, 'shop.example.org'))
    expect(modeOf(paths.backupsDir)).toBe(0o700)
    expect(modeOf(path.join(paths.backupsDir, 'shop.example.org'))).toBe(0o700)
  })

  it('saving the backup settings narrows ~/.abra/backups too', async () => {
    fs.mkdirSync(paths.backupsDir, { recursive: true })
    fs.chmodSync(paths.backupsDir, 0o755)
    await writeSettings(paths, { keepLast: 3 })
    expect(modeOf(paths.backupsDir)).toBe(0o700)
    expect(modeOf(path.join(paths.backupsDir, 'settings.json'))).toBe(0o600)
  })

  it('refuses to make a folder outside ~/.abra/backups', async () => {
    await expect(ensurePrivateDir(paths, path.join(tmp, 'elsewhere'))).rejects.toMatchObject({ code: 'forbidden-path' })
    expect(fs.existsSync(path.join(tmp, 'elsewhere'))).toBe(false)
  })
})
