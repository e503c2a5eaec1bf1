import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tarStream from 'tar-stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { STALL_MS, Stalled, watchStall } from '../../src-main/files/stall'
import { saveArchive, sendArchive } from '../../src-main/files/transfer'

// Transfers that stop moving bytes (stall.ts, transfer.ts): the watch aborts
// after its time with no byte, and is pushed back by each byte; a download
// whose stream never produces a byte, or an upload whose tar is never read,
// is stopped with a Stalled, its streams ended and its partial file gone
// before the promise settles. The stall time is injected (50 ms) where a
// stall is wanted, so nothing here waits a minute; where bytes must keep
// moving it is the real minute, so a busy machine can't make it stall.
const STALL = 50
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-stall-'))
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A stream that never produces a byte (an engine that went quiet). */
const silent = (): Readable => new Readable({ read() {} })

/** A tar holding one file. */
async function tarOf(name: string, body: Buffer): Promise<Buffer> {
  const pack = tarStream.pack()
  pack.entry({ name, size: body.length }, body)
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c)
  return Buffer.concat(chunks)
}

const saving = (folder: boolean) => ({
  folder,
  file: path.join(dir, 'report.pdf'),
  temp: path.join(dir, '.report.pdf.1234.part'),
  stallMs: STALL,
  onBytes: () => undefined,
  notAFile: () => new Error('not a file')
})

describe('the stall watch', () => {
  it('aborts after its time with no byte, and each byte starts the wait again', () => {
    vi.useFakeTimers()
    const watch = watchStall(60_000)
    vi.advanceTimersByTime(59_000)
    watch.touch()
    vi.advanceTimersByTime(59_000)
    expect(watch.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1_000)
    expect(watch.signal.aborted).toBe(true)
    expect(watch.stalled).toBe(true)
    expect(watch.signal.reason).toBeInstanceOf(Stalled)
  })

  it('counts the bytes through its meter as moving', async () => {
    vi.useFakeTimers()
    const watch = watchStall(1_000)
    const seen: number[] = []
    const meter = watch.meter((n) => seen.push(n))
    vi.advanceTimersByTime(900)
    meter.write(Buffer.alloc(10))
    meter.resume()
    await vi.advanceTimersByTimeAsync(900)
    expect(seen).toEqual([10])
    expect(watch.signal.aborted).toBe(false)
    watch.stop()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(watch.signal.aborted).toBe(false)
  })

  it('follows its parent (a cancel) and then no longer fires by itself', () => {
    vi.useFakeTimers()
    const parent = new AbortController()
    const watch = watchStall(1_000, parent.signal)
    parent.abort()
    expect(watch.signal.aborted).toBe(true)
    vi.advanceTimersByTime(5_000)
    expect(watch.stalled).toBe(false)
  })
})

describe('a download that stalls', () => {
  for (const folder of [false, true]) {
    it(`ends the stream and leaves no file (${folder ? 'a folder as .tar.gz' : 'a file'})`, async () => {
      const raw = silent()
      await expect(saveArchive(async () => raw, { ...saving(folder), signal: new AbortController().signal })).rejects.toBeInstanceOf(Stalled)
      expect(raw.destroyed).toBe(true)
      expect(fs.readdirSync(dir)).toEqual([])
    })
  }

  it('stops when the engine never answers, and the request is given the abort', async () => {
    let asked: AbortSignal | undefined
    const open = (signal: AbortSignal) =>
      new Promise<Readable>((_, reject) => {
        asked = signal
        signal.addEventListener('abort', () => reject(new Error('aborted')))
      })
    await expect(saveArchive(open, { ...saving(false), signal: new AbortController().signal })).rejects.toBeInstanceOf(Stalled)
    expect(asked?.aborted).toBe(true)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('stops a file half written and removes it before it settles', async () => {
    // The tar's header and the file's first bytes come, then nothing.
    const tar = await tarOf('report.pdf', crypto.randomBytes(64 * 1024))
    const raw = silent()
    raw.push(tar.subarray(0, 16 * 1024))
    await expect(saveArchive(async () => raw, { ...saving(false), signal: new AbortController().signal })).rejects.toBeInstanceOf(Stalled)
    expect(raw.destroyed).toBe(true)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('saves the file when the bytes keep coming, and a cancel is not a stall', async () => {
    // Here the stall time is the real one: a busy machine may pause longer than 50 ms between chunks.
    const body = crypto.randomBytes(100_000)
    const tar = await tarOf('report.pdf', body)
    await saveArchive(async () => Readable.from([tar]), { ...saving(false), stallMs: STALL_MS, signal: new AbortController().signal })
    expect(fs.readdirSync(dir)).toEqual(['report.pdf'])
    expect(fs.readFileSync(path.join(dir, 'report.pdf')).equals(body)).toBe(true)

    const cancel = new AbortController()
    const raw = silent()
    const saved = saveArchive(async () => raw, { ...saving(false), file: path.join(dir, 'other.pdf'), stallMs: STALL_MS, signal: cancel.signal })
    cancel.abort()
    await expect(saved).rejects.not.toBeInstanceOf(Stalled)
    expect(fs.readdirSync(dir)).toEqual(['report.pdf'])
  })
})

describe('an upload that stalls', () => {
  it('ends the tar and closes the file being read before it settles', async () => {
    const local = path.join(dir, 'big.bin')
    fs.writeFileSync(local, crypto.randomBytes(4 << 20))
    const opened: fs.ReadStream[] = []
    const real = fs.createReadStream
    vi.spyOn(fs, 'createReadStream').mockImplementation(((...args: Parameters<typeof fs.createReadStream>) => {
      const s = real(...args)
      opened.push(s)
      return s
    }) as typeof fs.createReadStream)
    let tar: Readable | undefined
    // An engine that takes the request and never reads it.
    const put = (t: Readable, signal: AbortSignal) =>
      new Promise((_, reject) => {
        tar = t
        signal.addEventListener('abort', () => reject(new Error('aborted')))
      })
    const entries = [{ local, name: '.ccd-upload-1', size: 4 << 20, mtime: new Date() }]
    await expect(sendArchive(put, { entries, signal: new AbortController().signal, stallMs: STALL, onBytes: () => undefined })).rejects.toBeInstanceOf(Stalled)
    expect(tar?.destroyed).toBe(true)
    expect(opened).toHaveLength(1)
    expect(opened[0].closed).toBe(true)
  })

  it('sends every file when the engine reads', async () => {
    const files = ['a', 'b'].map((n) => {
      const local = path.join(dir, n)
      fs.writeFileSync(local, crypto.randomBytes(300_000))
      return { local, name: `.ccd-upload-${n}`, size: 300_000, mtime: new Date() }
    })
    const got: string[] = []
    const put = async (t: Readable) => {
      const extract = tarStream.extract()
      extract.on('entry', (header, stream, next) => {
        got.push(header.name)
        stream.on('end', () => next())
        stream.resume()
      })
      await pipeline(t, extract)
    }
    let bytes = 0
    await sendArchive(put, { entries: files, signal: new AbortController().signal, stallMs: STALL_MS, onBytes: (n) => (bytes += n) })
    expect(got).toEqual(['.ccd-upload-a', '.ccd-upload-b'])
    expect(bytes).toBe(600_000)
  })

  it('a cancel ends it too, and is not a stall', async () => {
    const local = path.join(dir, 'c')
    fs.writeFileSync(local, crypto.randomBytes(4 << 20))
    const cancel = new AbortController()
    const put = (_t: Readable, signal: AbortSignal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))
    const sent = sendArchive(put, { entries: [{ local, name: '.x', size: 4 << 20, mtime: new Date() }], signal: cancel.signal, stallMs: 60_000, onBytes: () => undefined })
    cancel.abort()
    await expect(sent).rejects.not.toBeInstanceOf(Stalled)
  })
})
