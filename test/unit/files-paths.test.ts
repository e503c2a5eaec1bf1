import { describe, expect, it } from 'vitest'
import { FileEntry, fileMethods } from '../../src-main/contract/files'
import { parseListing } from '../../src-main/files/handlers'
import { downloadName, inContainer, innerPath, numberedName } from '../../src-main/files/paths'

// The file browser's pure parts: paths inside a volume (normalised, "../"
// refused before anything reaches a server), the names downloads are saved
// under, and the container's listing records read back.
describe('paths inside a volume', () => {
  it('normalises the root and extra slashes', () => {
    for (const p of ['', '/', './', '//.//']) expect(innerPath(p), p).toBe('')
    expect(innerPath('/a//b/./c/')).toBe('a/b/c')
    expect(innerPath('dossier à part/été 📄.txt')).toBe('dossier à part/été 📄.txt')
    expect(inContainer('/data', '')).toBe('/data')
    expect(inContainer('/data', 'a b/c')).toBe('/data/a b/c')
  })

  it('refuses any ".." part, in the core and at the contract', () => {
    for (const p of ['..', '../', '../../etc/passwd', 'a/../b', 'a/..', '/..']) {
      expect(() => innerPath(p), p).toThrow(expect.objectContaining({ code: 'files-outside' }))
      expect(fileMethods['apps.files.list'].input.safeParse({ server: 's', domain: 'a.example.org', volume: 'data', path: p }).success, p).toBe(false)
    }
    // A name that only starts with dots is a name.
    expect(innerPath('..hidden/...')).toBe('..hidden/...')
    expect(fileMethods['apps.files.list'].input.safeParse({ server: 's', domain: 'a.example.org', volume: 'data', path: '..hidden' }).success).toBe(true)
    expect(fileMethods['apps.files.list'].input.safeParse({ server: 's', domain: 'a.example.org', volume: 'data', path: 'a\nb' }).success).toBe(false)
  })
})

describe('download names', () => {
  it('keeps a file’s name, and names a folder <name>.tar.gz (the volume’s for its root)', () => {
    expect(downloadName('data', 'a/report.pdf', false)).toBe('report.pdf')
    expect(downloadName('data', 'a/site', true)).toBe('site.tar.gz')
    expect(downloadName('data', '', true)).toBe('data.tar.gz')
  })

  it('numbers a name already taken before its extension', () => {
    expect(numberedName('report.pdf', 1)).toBe('report.pdf')
    expect(numberedName('report.pdf', 2)).toBe('report (2).pdf')
    expect(numberedName('site.tar.gz', 3)).toBe('site (3).tar.gz')
    expect(numberedName('README', 2)).toBe('README (2)')
  })
})

describe('the listing records', () => {
  it('reads names with spaces, Unicode and newlines, folders first', () => {
    const out = Buffer.from(
      ['12 1700000000 81a4\nb file.txt', '4096 1700000100 41ed\nA folder', '7 1700000200 a1ff\nlink é', '0 1700000300 81a4\nline\nbreak', '0 1700000300 11a4\nfifo', ''].join('\0')
    )
    const entries = parseListing(out)
    for (const e of entries) expect(FileEntry.safeParse(e).success).toBe(true)
    expect(entries.map((e) => [e.name, e.type, e.bytes])).toEqual([
      ['A folder', 'folder', 4096],
      ['b file.txt', 'file', 12],
      ['fifo', 'other', 0],
      ['line\nbreak', 'file', 0],
      ['link é', 'link', 7]
    ])
    expect(entries[1].modifiedAt).toBe(new Date(1700000000 * 1000).toISOString())
  })
})
