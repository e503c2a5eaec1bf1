import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Client } from '../../src-main/api/client'
import { EventBus } from '../../src-main/api/events'
import { fileMethods } from '../../src-main/contract/files'
import { Jobs } from '../../src-main/core/jobs'
import { resolvePaths } from '../../src-main/core/paths'
import { fileHandlers } from '../../src-main/files/handlers'
import { Staging, STAGE_IDLE_MS, STAGE_STALL_MS } from '../../src-main/files/staging'

// Browser mode's staged uploads (files/staging.ts): limits, the declared
// length, unknown ids, expiry on an injected clock, and clean-up when the
// page goes or the job ends, each finished before the promise that reports
// it settles. setTimeout/setInterval are faked: no test waits on the wall
// clock, and each ends with no timer left.

vi.mock('../../src-main/files/transfer', async (original) => ({
  ...(await original<typeof import('../../src-main/files/transfer')>()),
  // The job's own work, as transfer.ts would run it: reads every staged file, then fails.
  startUpload: vi.fn(async (ctx: { jobs: Jobs }, req: { files: string[] }) => {
    const job = ctx.jobs.start({ kind: 'app-files-upload', title: 'up', target: 't', steps: ['x'] }, async () => {
      for (const f of req.files) fs.readFileSync(f)
      throw new Error('the server went away')
    })
    return { jobId: job.id }
  })
}))

let tmp: string
let dir: string
let clock: number
let staging: Staging

const body = (text: string): Readable => Readable.from([Buffer.from(text)])
const leftovers = (): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
const code = (c: string) => expect.objectContaining({ code: c })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-staging-'))
  dir = path.join(tmp, 'uploads')
  clock = 1_000_000
  staging = new Staging({ dir, now: () => clock, limitBytes: 10 })
})

afterEach(async () => {
  await staging.close()
  expect(vi.getTimerCount()).toBe(0)
  vi.useRealTimers()
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('staged uploads', () => {
  it('keeps a file’s bytes under its own name, and deletes them when released', async () => {
    const [a] = staging.create([{ name: 'note à lire.txt', bytes: 5 }])
    await staging.receive(a.id, body('hello'), 5)
    const taken = staging.take([a.id])
    expect(path.basename(taken.paths[0])).toBe('note à lire.txt')
    expect(fs.readFileSync(taken.paths[0], 'utf8')).toBe('hello')
    expect(fs.statSync(taken.paths[0]).mode & 0o777).toBe(0o600)
    await taken.release()
    expect(leftovers()).toEqual([])
    expect(staging.ids()).toEqual([])
  })

  it('refuses a file over the limit, when staged and when sent', async () => {
    expect(() => staging.create([{ name: 'big.bin', bytes: 11 }])).toThrow(code('upload-too-big'))
    const [a] = staging.create([{ name: 'a.bin', bytes: 10 }])
    await expect(staging.receive(a.id, body('x'.repeat(11)), 11)).rejects.toEqual(code('upload-too-big'))
    // The contract's own limit: 16 GB.
    expect(fileMethods['apps.files.stage'].input.safeParse({ files: [{ name: 'a', bytes: 16 * 1024 ** 3 + 1 }] }).success).toBe(false)
    expect(fileMethods['apps.files.stage'].input.safeParse({ files: [{ name: 'a/b', bytes: 1 }] }).success).toBe(false)
    expect(fileMethods['apps.files.stage'].input.safeParse({ files: [{ name: '..', bytes: 1 }] }).success).toBe(false)
  })

  it('refuses a declared length other than the staged size, a missing one, and bytes that don’t match it; nothing stays', async () => {
    const [a, b, c, d] = staging.create([
      { name: 'a', bytes: 5 },
      { name: 'b', bytes: 5 },
      { name: 'c', bytes: 5 },
      { name: 'd', bytes: 5 }
    ])
    await expect(staging.receive(a.id, body('hello'), 4)).rejects.toEqual(code('upload-length-mismatch'))
    await expect(staging.receive(b.id, body('hello'), undefined)).rejects.toEqual(code('upload-length-required'))
    // Fewer bytes than declared, then more.
    await expect(staging.receive(c.id, body('hell'), 5)).rejects.toEqual(code('upload-length-mismatch'))
    await expect(staging.receive(d.id, body('hello!'), 5)).rejects.toEqual(code('upload-length-mismatch'))
    // Refused before a byte was read: a and b may be sent again; c and d are gone, and so is what they wrote.
    expect(leftovers()).toEqual([])
    expect(staging.ids().sort()).toEqual([a.id, b.id].sort())
    await staging.receive(a.id, body('hello'), 5)
    await expect(staging.receive(a.id, body('hello'), 5)).rejects.toEqual(code('upload-busy'))
  })

  it('refuses an unknown id, one taken already, another page’s, and one not yet arrived', async () => {
    await expect(staging.receive('AAAAAAAAAAAAAAAAAAAAAA', body('x'), 1)).rejects.toEqual(code('upload-unknown'))
    const page = new Client('page 1')
    const other = new Client('page 2')
    const [a, b] = staging.create([{ name: 'a', bytes: 1 }, { name: 'b', bytes: 1 }], page)
    expect(() => staging.take([b.id], page)).toThrow(code('upload-not-ready'))
    await staging.receive(a.id, body('x'), 1)
    expect(() => staging.take([a.id], other)).toThrow(code('upload-unknown'))
    expect(() => staging.take(['AAAAAAAAAAAAAAAAAAAAAA'], page)).toThrow(code('upload-unknown'))
    const taken = staging.take([a.id], page)
    expect(() => staging.take([a.id], page)).toThrow(code('upload-unknown'))
    await expect(staging.receive(a.id, body('x'), 1)).rejects.toEqual(code('upload-unknown'))
    await taken.release()
  })

  it('deletes what waited 15 minutes unused, but not what a job took', async () => {
    const [a, b, c] = staging.create([{ name: 'a', bytes: 1 }, { name: 'b', bytes: 1 }, { name: 'c', bytes: 1 }])
    await staging.receive(a.id, body('a'), 1)
    await staging.receive(b.id, body('b'), 1)
    const taken = staging.take([b.id])
    clock += STAGE_IDLE_MS - 1
    await staging.sweep()
    expect(staging.ids().sort()).toEqual([a.id, b.id, c.id].sort())
    clock += 1
    await staging.sweep()
    expect(staging.ids()).toEqual([b.id])
    expect(leftovers()).toEqual([b.id])
    await taken.release()
    expect(leftovers()).toEqual([])
  })

  it('sweeps on its own every minute once started, after deleting an earlier run’s old leftovers; stop leaves no timer', async () => {
    fs.mkdirSync(path.join(dir, 'old-run'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'old-run', 'x'), 'x')
    // The old run's folder was written just now: 15 minutes later by this clock.
    let later = Date.now() + STAGE_IDLE_MS
    const running = new Staging({ dir, now: () => later, limitBytes: 10 })
    await running.start()
    expect(leftovers()).toEqual([])
    const [a] = running.create([{ name: 'a', bytes: 1 }])
    expect(vi.getTimerCount()).toBe(1)
    later += STAGE_IDLE_MS
    await vi.advanceTimersByTimeAsync(60_000)
    await running.idle()
    expect(running.ids()).not.toContain(a.id)
    await running.close()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('deletes a page’s files when the page goes, a transfer under way included, except those a job took', async () => {
    const page = new Client('page 1')
    const [a, b, c] = staging.create([{ name: 'a', bytes: 1 }, { name: 'b', bytes: 1 }, { name: 'c', bytes: 4 }], page)
    await staging.receive(a.id, body('a'), 1)
    await staging.receive(b.id, body('b'), 1)
    const taken = staging.take([b.id], page)
    const slow = new PassThrough()
    const receiving = staging.receive(c.id, slow, 4)
    slow.write('cc')
    await vi.waitFor(() => expect(fs.existsSync(path.join(dir, c.id, 'c'))).toBe(true))
    page.end()
    await staging.idle()
    expect(leftovers()).toEqual([b.id])
    await expect(receiving).rejects.toEqual(code('upload-unknown'))
    expect(() => staging.create([{ name: 'd', bytes: 1 }], page)).toThrow(code('disconnected'))
    await taken.release()
    expect(leftovers()).toEqual([])
  })

  it('stops a transfer that sends nothing for a minute, and deletes what it wrote', async () => {
    const [a] = staging.create([{ name: 'a', bytes: 4 }])
    const slow = new PassThrough()
    const receiving = staging.receive(a.id, slow, 4)
    const refused = expect(receiving).rejects.toEqual(code('upload-incomplete'))
    slow.write('aa')
    await vi.waitFor(() => expect(fs.existsSync(path.join(dir, a.id, 'a'))).toBe(true))
    await vi.advanceTimersByTimeAsync(STAGE_STALL_MS)
    await refused
    expect(leftovers()).toEqual([])
  })
})

describe('apps.files.uploadStaged', () => {
  let home: string
  const setup = () => {
    home = path.join(tmp, 'home')
    fs.mkdirSync(home)
    const paths = resolvePaths({ HOME: home }, home)
    const jobs = new Jobs(new EventBus())
    const handlers = fileHandlers({ paths, env: {}, jobs, open: () => Promise.reject(new Error('no server')), anyLocalPath: false, staging } as unknown as Parameters<typeof fileHandlers>[0])
    return { jobs, handlers }
  }
  const req = { server: 'nowhere', domain: 'a.example.org', volume: 'data', path: '' }

  it('deletes the staged files before a job’s end is reported, whichever way it ended', async () => {
    const { jobs, handlers } = setup()
    const [a, b] = staging.create([{ name: 'a b.txt', bytes: 1 }, { name: 'été.txt', bytes: 1 }])
    await staging.receive(a.id, body('a'), 1)
    await staging.receive(b.id, body('b'), 1)
    const { jobId } = await handlers['apps.files.uploadStaged']({ ...req, staged: [a.id, b.id] })
    const job = await jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expect(leftovers()).toEqual([])
    expect(staging.ids()).toEqual([])
  })

  it('deletes them before refusing when the upload can’t start', async () => {
    const { handlers } = setup()
    const { startUpload } = await import('../../src-main/files/transfer')
    vi.mocked(startUpload).mockRejectedValueOnce(Object.assign(new Error('no such app'), { code: 'app-not-found' }))
    const [a] = staging.create([{ name: 'a', bytes: 1 }])
    await staging.receive(a.id, body('a'), 1)
    await expect(handlers['apps.files.uploadStaged']({ ...req, staged: [a.id] })).rejects.toThrow('no such app')
    expect(leftovers()).toEqual([])
  })
})
