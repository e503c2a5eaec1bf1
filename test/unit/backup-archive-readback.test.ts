import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import * as tar from 'tar-stream'
import { afterEach, describe, expect, it } from 'vitest'
import { ArchiveWriter, volumeEntry, type Manifest, type ManifestVolume } from '../../src-main/backups/archive'
import { verdictOf, verifyArchive } from '../../src-main/backups/checksum'

// The read-back check of a new backup runs while the archive is written: it
// reads the file as it grows (never past what was written to it), and gives
// the same verdict as reading it afterwards. A write that fails leaves no
// reader holding the file.
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readback-'))
  dirs.push(dir)
  return path.join(dir, 'b.tar.gz.partial')
}

/** Docker's archive of /data holding `files`, arriving in 32 kB chunks as over SSH. */
function dockerTar(files: Record<string, Buffer>): Readable {
  const pack = tar.pack()
  pack.entry({ name: 'data/', type: 'directory' })
  for (const [name, body] of Object.entries(files)) pack.entry({ name: `data/${name}`, size: body.length }, body)
  pack.finalize()
  return Readable.from(
    (async function* () {
      for await (const c of pack as unknown as AsyncIterable<Buffer>) for (let i = 0; i < c.length; i += 32768) yield c.subarray(i, i + 32768)
    })()
  )
}

const volume = (): ManifestVolume => ({ service: 'app', volume: 'data', dockerName: 's_data', mountPath: '/data', entry: volumeEntry('app', 'data'), bytes: 0, files: [] })

function manifestOf(v: ManifestVolume): Manifest {
  return { format: 1, app: { server: 's', domain: 'd.example', stackName: 's' }, createdAt: new Date().toISOString(), services: ['app'], volumes: [v], hooks: [], bytes: v.bytes }
}

/** Paths of this process's open file descriptors. */
function openFiles(): string[] {
  return fs.readdirSync('/proc/self/fd').map((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`)
    } catch {
      return ''
    }
  })
}

describe('reading a new archive back while it is written', () => {
  it('gives the verdict reading it afterwards gives, for the same bytes', async () => {
    const file = tmpFile()
    const w = new ArchiveWriter(file)
    const v = volume()
    await w.startVolume(v)
    v.files = await w.addTar(v, dockerTar({ 'random.bin': crypto.randomBytes(24 * 1024 * 1024), 'text.txt': Buffer.from('hello\n'.repeat(100_000)) }), undefined)
    v.bytes = v.files.reduce((n, f) => n + f.size, 0)
    const written = await w.finish(manifestOf(v))

    const during = await verdictOf(written.readBack, { archiveSha256: written.sha256 })
    const after = await verifyArchive(file, { archiveSha256: written.sha256 })
    expect(during.problems).toEqual([])
    expect(during.ok).toBe(true)
    expect(during.archiveSha256).toBe(written.sha256)
    expect({ ...during, manifest: undefined }).toEqual({ ...after, manifest: undefined })
    expect(during.manifest).toEqual(after.manifest)
    expect(openFiles()).not.toContain(file)
  }, 60_000)

  it('finds a file that differs from its manifest, as reading it afterwards does', async () => {
    const file = tmpFile()
    const w = new ArchiveWriter(file)
    const v = volume()
    await w.startVolume(v)
    v.files = await w.addTar(v, dockerTar({ 'a.txt': Buffer.from('what was copied\n') }), undefined)
    v.files[0].sha256 = '0'.repeat(64)
    const written = await w.finish(manifestOf(v))
    const verdict = await verdictOf(written.readBack, { archiveSha256: written.sha256 })
    expect(verdict.ok).toBe(false)
    expect(verdict.problems).toEqual(['data/a.txt: its contents changed'])
  })

  it('stops reading, and lets go of the file, when writing fails', async () => {
    const file = tmpFile()
    const w = new ArchiveWriter(file)
    const v = volume()
    await w.startVolume(v)
    const source = dockerTar({ 'big.bin': crypto.randomBytes(8 * 1024 * 1024) })
    const copying = w.addTar(v, source, undefined).catch((e: Error) => e)
    await w.abort(new Error('the disk is full'))
    await copying
    await expect.poll(() => openFiles().filter((f) => f.startsWith(file)), { timeout: 5000 }).toEqual([])
  })
})
