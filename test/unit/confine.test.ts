import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fsp from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { confinedPath, realLocation } from '../../src-main/core/confine'
import { writeFileAtomic } from '../../src-main/core/files'

// The one helper every path built from outside input goes through: real
// folders and symlinks on a temp dir, no mocks.
let tmp: string
let root: string
let outside: string

beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-confine-')))
  root = path.join(tmp, 'abra', 'servers')
  outside = path.join(tmp, 'outside')
  fs.mkdirSync(path.join(root, 'rig'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(outside, 'shop.env'), 'SENTINEL=1\n')
})

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }))

function refused(fn: () => unknown): { code: string; message: string } {
  try {
    fn()
  } catch (err) {
    return err as { code: string; message: string }
  }
  throw new Error('expected a refusal')
}

describe('confinedPath', () => {
  it('joins names that stay inside, existing or not', () => {
    expect(confinedPath(root, 'rig', 'cloud.example.org.env')).toBe(path.join(root, 'rig', 'cloud.example.org.env'))
    expect(confinedPath(root, 'new-server', 'a', 'b.env')).toBe(path.join(root, 'new-server', 'a', 'b.env'))
    // A "..", that comes back inside is still inside.
    expect(confinedPath(root, 'rig/../rig', 'x.env')).toBe(path.join(root, 'rig', 'x.env'))
    expect(confinedPath(root)).toBe(root)
  })

  it('refuses ../ that leads out, in plain words', () => {
    for (const parts of [['rig', '../../../outside/shop.env'], ['..'], ['rig', '..', '..', 'x'], ['../servers-evil']]) {
      const err = refused(() => confinedPath(root, ...parts))
      expect(err.code, parts.join('/')).toBe('forbidden-path')
      expect(err.message).toContain(`only uses files inside ${root}`)
      expect(err.message).not.toMatch(/\n\s+at /)
    }
  })

  it('refuses absolute parts that point elsewhere', () => {
    expect(refused(() => confinedPath(root, '/etc/passwd')).code).toBe('forbidden-path')
    expect(refused(() => confinedPath(root, 'rig', path.join(outside, 'shop.env'))).code).toBe('forbidden-path')
    // An absolute path that is inside the root is that path.
    expect(confinedPath(root, path.join(root, 'rig'))).toBe(path.join(root, 'rig'))
  })

  it('refuses NUL and other control characters, and empty names', () => {
    for (const part of ['a\u0000b', 'a\nb', '\u001b[31m', '']) {
      expect(refused(() => confinedPath(root, 'rig', part)).code, JSON.stringify(part)).toBe('forbidden-path')
    }
  })

  it('refuses overlong names and paths without echoing them whole', () => {
    const long = 'a'.repeat(10_000)
    const err = refused(() => confinedPath(root, 'rig', long))
    expect(err.code).toBe('forbidden-path')
    expect(err.message.length).toBeLessThan(root.length + 200)
    expect(refused(() => confinedPath(root, 'rig', 'b'.repeat(256))).message).toContain('too long')
    expect(refused(() => confinedPath(root, ...Array.from({ length: 40 }, () => 'c'.repeat(200)))).message).toContain('too long')
  })

  it('refuses broken Unicode, and keeps look-alike characters as plain names', () => {
    expect(refused(() => confinedPath(root, 'rig', 'a\uD800b')).code).toBe('forbidden-path')
    // Full-width dots and slashes are ordinary letters to the file system: they stay inside.
    const fullWidth = confinedPath(root, 'rig', '．．／．．／etc')
    expect(path.dirname(fullWidth)).toBe(path.join(root, 'rig'))
    expect(confinedPath(root, 'rig', 'ａｂｃ.org.env')).toBe(path.join(root, 'rig', 'ａｂｃ.org.env'))
  })

  it('refuses a symlinked final component that points out, existing or dangling', () => {
    fs.symlinkSync(path.join(outside, 'shop.env'), path.join(root, 'rig', 'evil.example.org.env'))
    fs.symlinkSync(path.join(outside, 'not-yet.env'), path.join(root, 'rig', 'dangling.example.org.env'))
    expect(refused(() => confinedPath(root, 'rig', 'evil.example.org.env')).code).toBe('forbidden-path')
    expect(refused(() => confinedPath(root, 'rig', 'dangling.example.org.env')).code).toBe('forbidden-path')
  })

  it('refuses a symlinked folder on the way that points out', () => {
    fs.symlinkSync(outside, path.join(root, 'linked'))
    expect(refused(() => confinedPath(root, 'linked', 'shop.env')).code).toBe('forbidden-path')
    expect(refused(() => confinedPath(root, 'linked', 'new', 'deeper.env')).code).toBe('forbidden-path')
  })

  it('allows symlinks that stay inside, and a symlinked root itself', () => {
    fs.writeFileSync(path.join(root, 'rig', 'real.env'), 'A=1\n')
    fs.symlinkSync(path.join(root, 'rig', 'real.env'), path.join(root, 'rig', 'alias.env'))
    expect(confinedPath(root, 'rig', 'alias.env')).toBe(path.join(root, 'rig', 'alias.env'))

    const linkedRoot = path.join(tmp, 'linked-servers')
    fs.symlinkSync(root, linkedRoot)
    expect(confinedPath(linkedRoot, 'rig', 'real.env')).toBe(path.join(linkedRoot, 'rig', 'real.env'))
    expect(refused(() => confinedPath(linkedRoot, '..', 'outside', 'shop.env')).code).toBe('forbidden-path')
  })

  it('refuses a loop of symlinks in words', () => {
    fs.symlinkSync(path.join(root, 'rig', 'b'), path.join(root, 'rig', 'a'))
    fs.symlinkSync(path.join(root, 'rig', 'a'), path.join(root, 'rig', 'b'))
    const err = refused(() => confinedPath(root, 'rig', 'a', 'x.env'))
    expect(err.code).toBe('forbidden-path')
    expect(err.message).toContain('loop')
  })

  it('works when the root does not exist yet', () => {
    const fresh = path.join(tmp, 'not-yet', 'backups')
    expect(confinedPath(fresh, 'a.example.org')).toBe(path.join(fresh, 'a.example.org'))
    expect(refused(() => confinedPath(fresh, '..', '..', 'outside')).code).toBe('forbidden-path')
  })
})

describe('realLocation', () => {
  it('resolves the deepest existing ancestor and keeps the rest', () => {
    fs.symlinkSync(outside, path.join(root, 'linked'))
    expect(realLocation(path.join(root, 'linked', 'a', 'b'))).toBe(path.join(outside, 'a', 'b'))
    expect(realLocation(path.join(root, 'rig', 'x.env'))).toBe(path.join(root, 'rig', 'x.env'))
  })
})

describe('writeFileAtomic', () => {
  it('writes with exactly the mode asked for, whatever the umask', async () => {
    const file = path.join(tmp, 'settings.json')
    const old = process.umask(0o077)
    try {
      await writeFileAtomic(file, 'one', 0o640)
    } finally {
      process.umask(old)
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('one')
    expect(fs.statSync(file).mode & 0o777).toBe(0o640)
    await writeFileAtomic(file, 'two')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('replaces a symlink at the name instead of writing through it', async () => {
    const link = path.join(root, 'rig', 'link.env')
    fs.symlinkSync(path.join(outside, 'shop.env'), link)
    await writeFileAtomic(link, 'NEW=1\n')
    expect(fs.readFileSync(path.join(outside, 'shop.env'), 'utf8')).toBe('SENTINEL=1\n')
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(false)
  })

  it('flushes the temp file before the rename and the folder after it', async () => {
    const events: string[] = []
    const open = fsp.open.bind(fsp)
    const openSpy = vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await open(...args)
      const name = path.basename(String(args[0]))
      const sync = handle.sync.bind(handle)
      handle.sync = async () => {
        events.push(`sync ${name.endsWith('.tmp') ? 'temp file' : name}`)
        return sync()
      }
      return handle
    })
    const rename = fsp.rename.bind(fsp)
    const renameSpy = vi.spyOn(fsp, 'rename').mockImplementation(async (a, b) => {
      events.push('rename')
      return rename(a, b)
    })
    try {
      await writeFileAtomic(path.join(root, 'rig', 'app.env'), 'A=1\n')
    } finally {
      openSpy.mockRestore()
      renameSpy.mockRestore()
    }
    expect(events).toEqual(['sync temp file', 'rename', 'sync rig'])
  })
})
