import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import * as tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdaptiveGzip, ArchiveWriter, forEachVolume, readArchive, compareWithManifest, relativeToVolume, volumeEntry, type Manifest, type ManifestVolume } from '../../src-main/backups/archive'

// A tar shaped like Docker's GET /containers/{id}/archive answer: the first
// component is the basename of the path that was asked for.
function dockerTar(entries: { name: string; body?: string; type?: 'directory' | 'file' | 'symlink'; linkname?: string }[]): Readable {
  const pack = tar.pack()
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory', mode: 0o755 })
    else if (e.type === 'symlink') pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname })
    else pack.entry({ name: e.name, mode: 0o640, uid: 33, gid: 33 }, e.body ?? '')
  }
  pack.finalize()
  return Readable.from(pack as unknown as AsyncIterable<Buffer>)
}

async function tarNames(stream: Readable): Promise<{ name: string; type: string; body: string; mode: number; uid: number }[]> {
  const out: { name: string; type: string; body: string; mode: number; uid: number }[] = []
  const extract = tar.extract()
  stream.on('error', (e) => extract.destroy(e))
  stream.pipe(extract as never)
  for await (const entry of extract) {
    const parts: Buffer[] = []
    for await (const c of entry as unknown as AsyncIterable<Buffer>) parts.push(c)
    out.push({ name: entry.header.name, type: entry.header.type, body: Buffer.concat(parts).toString(), mode: entry.header.mode, uid: entry.header.uid })
  }
  return out
}

const sha = (s: string): string => crypto.createHash('sha256').update(s).digest('hex')

let dir: string
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ccd-archive-'))
})
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

const big = 'x'.repeat(300_000)

async function writeSample(file: string): Promise<{ manifest: Manifest; size: number; sha256: string }> {
  const w = new ArchiveWriter(file)
  const data: ManifestVolume = { service: 'app', volume: 'data', dockerName: 's_data', mountPath: '/data', entry: volumeEntry('app', 'data'), bytes: 0, files: [] }
  await w.startVolume(data)
  data.files = await w.addTar(
    data,
    dockerTar([
      { name: 'data', type: 'directory' },
      { name: 'data/db.txt', body: 'hello db\n' },
      { name: 'data/sub', type: 'directory' },
      { name: 'data/sub/big.bin', body: big },
      { name: 'data/link', type: 'symlink', linkname: 'db.txt' }
    ]),
    undefined
  )
  data.bytes = data.files.reduce((n, f) => n + f.size, 0)
  const files: ManifestVolume = { service: 'app', volume: 'files', dockerName: 's_files', mountPath: '/files', paths: ['keep'], entry: volumeEntry('app', 'files'), bytes: 0, files: [] }
  await w.startVolume(files)
  files.files = await w.addTar(files, dockerTar([{ name: 'keep', type: 'directory' }, { name: 'keep/hooks.log', body: 'pre\n' }]), 'keep')
  files.bytes = 4
  const manifest: Manifest = {
    format: 1,
    app: { server: 'rigbox', domain: 'a.example', stackName: 'a_example' },
    createdAt: new Date().toISOString(),
    services: ['app'],
    volumes: [data, files],
    hooks: [],
    bytes: data.bytes + files.bytes
  }
  const done = await w.finish(manifest)
  return { manifest, ...done }
}

describe('relativeToVolume', () => {
  it.each([
    ['data', undefined, ''],
    ['data/', undefined, ''],
    ['data/db.txt', undefined, 'db.txt'],
    ['data/sub/x', undefined, 'sub/x'],
    ['keep', 'keep', 'keep'],
    ['keep/hooks.log', 'keep', 'keep/hooks.log'],
    ['b/c.txt', 'a/b', 'a/b/c.txt'],
    ['b/c.txt', '/a/b/', 'a/b/c.txt']
  ])('%s (path %s) → %s', (name, part, want) => {
    expect(relativeToVolume(name, part)).toBe(want)
  })
})

describe('archive writer and reader', () => {
  it('round-trips volumes with checksums, manifest last', async () => {
    const file = path.join(dir, 'one.tar.gz')
    const { manifest, size, sha256 } = await writeSample(file)
    const onDisk = await fs.readFile(file)
    expect(size).toBe(onDisk.length)
    expect(sha256).toBe(crypto.createHash('sha256').update(onDisk).digest('hex'))
    expect(manifest.volumes[0].files).toEqual([
      { path: 'db.txt', size: 9, sha256: sha('hello db\n') },
      { path: 'sub/big.bin', size: big.length, sha256: sha(big) }
    ])
    expect(manifest.volumes[1].files).toEqual([{ path: 'keep/hooks.log', size: 4, sha256: sha('pre\n') }])

    // The outer archive is plain files: the last entry is the manifest.
    const { execFileSync } = await import('node:child_process')
    const listing = execFileSync('tar', ['tzf', file], { encoding: 'utf8' }).trim().split('\n')
    expect(listing.at(-1)).toBe('manifest.json')
    expect(listing).toContain('volumes/app/data/sub/big.bin')
    expect(listing).toContain('volumes/app/files/keep/hooks.log')

    const read = await readArchive(file)
    expect(read.archiveSha256).toBe(sha256)
    expect(compareWithManifest(read.manifest, read.seen)).toEqual([])

    const handed: Record<string, Awaited<ReturnType<typeof tarNames>>> = {}
    const got = await forEachVolume(file, async (v, t) => {
      expect(v.mountPath).toBe(v.volume === 'data' ? '/data' : '/files')
      handed[v.volume] = await tarNames(t)
    })
    expect(got).toEqual(manifest)
    expect(handed.data.map((e) => [e.name.replace(/\/$/, ''), e.type])).toEqual([
      ['.', 'directory'],
      ['db.txt', 'file'],
      ['sub', 'directory'],
      ['sub/big.bin', 'file'],
      ['link', 'symlink']
    ])
    const db = handed.data.find((e) => e.name === 'db.txt')
    expect(db).toMatchObject({ body: 'hello db\n', mode: 0o640, uid: 33 })
    expect(handed.data.find((e) => e.name === 'sub/big.bin')?.body).toBe(big)
    expect(handed.files.map((e) => e.name.replace(/\/$/, ''))).toEqual(['keep', 'keep/hooks.log'])
  })

  it('rejects a truncated archive and one with a flipped byte', async () => {
    const file = path.join(dir, 'two.tar.gz')
    await writeSample(file)
    const whole = await fs.readFile(file)
    const cut = path.join(dir, 'cut.tar.gz')
    await fs.writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)))
    await expect(readArchive(cut)).rejects.toThrow(/cut short|damaged|manifest/)
    await expect(forEachVolume(cut, async (_v, t) => void (await tarNames(t)))).rejects.toThrow(/cut short|damaged|manifest/)

    const flipped = Buffer.from(whole)
    flipped[Math.floor(whole.length / 2)] ^= 0xff
    const bad = path.join(dir, 'flipped.tar.gz')
    await fs.writeFile(bad, flipped)
    await expect(readArchive(bad)).rejects.toThrow(/damaged|cut short|changed|manifest/)
  })

  it('reports a file whose contents differ from the manifest', async () => {
    const file = path.join(dir, 'three.tar.gz')
    const { manifest } = await writeSample(file)
    const read = await readArchive(file)
    const edited: Manifest = JSON.parse(JSON.stringify(manifest)) as Manifest
    edited.volumes[0].files[0].sha256 = sha('something else')
    edited.volumes[1].files.push({ path: 'keep/gone.txt', size: 1, sha256: sha('g') })
    expect(compareWithManifest(edited, read.seen)).toEqual(['data/db.txt: its contents changed', 'files/keep/gone.txt: it is missing from the archive'])
  })

  it('stops with the reader error when a use callback fails', async () => {
    const file = path.join(dir, 'four.tar.gz')
    await writeSample(file)
    await expect(
      forEachVolume(file, async () => {
        throw new Error('no room in the volume')
      })
    ).rejects.toThrow('no room in the volume')
  })
})

describe('AdaptiveGzip', () => {
  it('stores random data, compresses text again later, and gunzips back to the same bytes', async () => {
    const random = crypto.randomBytes(40 * 1024 * 1024)
    const text = Buffer.from('INSERT INTO t VALUES (1, "hello");\n'.repeat(5_000_000))
    const input = [random, text, random.subarray(0, 1024 * 1024)]
    const out: Buffer[] = []
    const gz = new AdaptiveGzip()
    const collected = (async () => {
      for await (const c of gz) out.push(c as Buffer)
    })()
    for (const part of input) {
      for (let i = 0; i < part.length; i += 1 << 20) if (!gz.write(part.subarray(i, i + (1 << 20)))) await new Promise((r) => gz.once('drain', r))
    }
    gz.end()
    await collected
    const packed = Buffer.concat(out)
    const whole = Buffer.concat(input)
    const { gunzipSync } = await import('node:zlib')
    expect(gunzipSync(packed).equals(whole)).toBe(true)
    // Random data can't shrink; the text after the next try (every 128 MB) must be compressed again.
    expect(packed.length).toBeLessThan(whole.length * 0.85)
  }, 60_000)
})
