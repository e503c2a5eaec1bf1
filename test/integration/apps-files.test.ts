import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import tarStream from 'tar-stream'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import type { Job } from '../../src-main/contract/schemas'
import { BACKUP_HELPER_LABEL } from '../../src-main/backups/stream'
import { api as rigApi, appContainer, closeBackupRig, deployCcdData, jobWhen, openBackupRig, removeCcdData, type BackupRig } from '../support/backup-rig'
import { cliBin, requireBuiltCli, runCli, type CliResult } from '../support/cli'
import { callError, waitFor } from './support'

// The file browser (issue 12 item 2) and `app cp`, through the core and the
// command line, against the rig's swarm over SSH: a ccd-data app (volumes
// data, files, cache, mounted by its app service at /data, /files, /cache).
// Files go up and come back byte for byte, names with spaces and Unicode
// included; a 200 MB file shows its progress both ways; a cancelled download
// leaves nothing behind; "../" and a symlink pointing out of the volume are
// refused; with the service scaled to 0 the helper container reaches the
// volume and goes away afterwards; a file named as a folder that is there is
// refused before anything is sent. Only this file's own app is looked at.
//
// Commands in the container run asynchronously (never spawnSync): an upload
// job of this process may still be running, Docker's untar holds the
// container's lock, and a blocked event loop would never drain its stream
// (this deadlocked once for 20 minutes). Jobs this file started and that are
// still running are cancelled after each test.
const id = crypto.randomBytes(3).toString('hex')
const domain = `files-${id}.files.test`
const stack = stackNameFor(domain)
const ODD = 'rapport final – été 📄.txt'
const FOLDER = 'dossier à part'
const BIG_MB = 200
let b: BackupRig
let local: string

const ref = () => ({ server: b.server, domain })
const execFileP = promisify(execFile)
const EXEC_TIMEOUT_MS = 30_000
const JOB_END_MS = 30_000
const jobsStarted = new Set<string>()

/** `sh -c script` in the container through the docker CLI, without blocking the event loop; killed after 30 s. */
async function inContainer(container: string, script: string): Promise<string> {
  const { stdout } = await execFileP('docker', ['-H', `unix://${b.rig.docker.socket}`, 'exec', container, 'sh', '-c', script], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: EXEC_TIMEOUT_MS,
    killSignal: 'SIGKILL'
  })
  return stdout
}

/** The core's methods; the jobs started are remembered, to be cancelled if a test leaves them running. */
const api: typeof rigApi = async (core, method, input) => {
  const out = await rigApi(core, method, input)
  const jobId = (out as { jobId?: unknown }).jobId
  if (typeof jobId === 'string') jobsStarted.add(jobId)
  return out
}

afterEach(async () => {
  const running = [...jobsStarted].filter((id) => b?.core.jobs.get(id)?.status === 'running')
  jobsStarted.clear()
  for (const id of running) b.core.jobs.cancel(id)
  await Promise.all(running.map((id) => waitFor(`job ${id} to end`, () => b.core.jobs.get(id)?.status !== 'running', JOB_END_MS)))
}, JOB_END_MS + 5_000)
const cli = (args: string[]): Promise<CliResult> => runCli(cliBin, b.home, b.world.env, args, { timeoutMs: 90_000 })
const sha = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
const partsIn = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.endsWith('.part'))

async function done(jobId: string): Promise<Job> {
  const job = await b.core.jobs.wait(jobId)
  expect(job.status, job.error?.message).toBe('done')
  return job
}

/** 200 MB quickly: one random MiB repeated, each copy stamped with its number so no two MiB are alike. */
function bigFile(file: string): void {
  const block = crypto.randomBytes(1 << 20)
  const fd = fs.openSync(file, 'w')
  for (let i = 0; i < BIG_MB; i++) {
    block.writeUInt32BE(i, 0)
    fs.writeSync(fd, block)
  }
  fs.closeSync(fd)
}

beforeAll(async () => {
  requireBuiltCli()
  b = await openBackupRig('rigbox')
  local = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-files-'))
  await deployCcdData(b, domain)
}, 110_000)

afterAll(async () => {
  if (local) fs.rmSync(local, { recursive: true, force: true })
  if (!b) return
  await removeCcdData(b, domain).catch(() => undefined)
  await closeBackupRig(b)
}, 90_000)

describe('files in an app’s volumes', () => {
  it('lists the volumes with the service that mounts each and where', async () => {
    const { volumes } = await api(b.core, 'apps.files.volumes', ref())
    expect(volumes).toEqual([
      { name: 'cache', volume: `${stack}_cache`, service: 'app', mountPath: '/cache' },
      { name: 'data', volume: `${stack}_data`, service: 'app', mountPath: '/data' },
      { name: 'files', volume: `${stack}_files`, service: 'app', mountPath: '/files' }
    ])
    const root = await api(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: '/' })
    expect(root.via).toBe('container')
    expect(root.path).toBe('')
    expect(root.entries).toContainEqual(expect.objectContaining({ name: 'index.html', type: 'file', bytes: 3 }))
    expect(Date.now() - Date.parse(root.entries.find((e) => e.name === 'index.html')?.modifiedAt ?? '')).toBeLessThan(15 * 60_000)
  })

  it('uploads a file with spaces and Unicode in its name and downloads it byte for byte', { timeout: 60_000 }, async () => {
    const container = await appContainer(b, domain)
    await inContainer(container, `mkdir -p '/data/${FOLDER}'`)
    const src = path.join(local, ODD)
    fs.writeFileSync(src, crypto.randomBytes(300_000))
    await done((await api(b.core, 'apps.files.upload', { ...ref(), volume: 'data', path: FOLDER, files: [src] })).jobId)

    const listed = await api(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: `/${FOLDER}/` })
    expect(listed.path).toBe(FOLDER)
    expect(listed.entries).toEqual([expect.objectContaining({ name: ODD, type: 'file', bytes: 300_000 })])
    // No temporary name is left in the folder (the listing shows hidden names too).
    expect((await inContainer(container, `ls -A '/data/${FOLDER}' | wc -l`)).trim()).toBe('1')

    const out = path.join(local, 'back')
    fs.mkdirSync(out)
    const started = await api(b.core, 'apps.files.download', { ...ref(), volume: 'data', path: `${FOLDER}/${ODD}`, to: out })
    expect(started.file).toBe(path.join(out, ODD))
    await done(started.jobId)
    expect(sha(started.file)).toBe(sha(src))
    expect(partsIn(out)).toEqual([])
  })

  it('refuses a file named as a folder that is there (or a link to one) before anything is sent, in the core and from the command line', { timeout: 60_000 }, async () => {
    const container = await appContainer(b, domain)
    const clash = `clash-${id}`
    const link = `link-${id}`
    await inContainer(container, `mkdir -p /data/${clash}/keep && ln -sfn /data/${clash} /data/${link}`)
    const named = (name: string): string => {
      fs.mkdirSync(path.join(local, 'named'), { recursive: true })
      const file = path.join(local, 'named', name)
      fs.writeFileSync(file, 'not a folder')
      return file
    }
    const uploads = () => b.core.jobs.list().filter((j) => j.kind === 'app-files-upload' && j.target === domain).length
    const before = uploads()
    for (const name of [clash, link]) {
      const e = await callError(b.core, 'apps.files.upload', { ...ref(), volume: 'data', path: '/', files: [named(name)] })
      expect(e.code, name).toBe('files-is-folder')
      expect(e.message).toContain(`“${name}”`)
    }
    // Nothing was sent: no job, no temporary name, the folder as it was.
    expect(uploads()).toBe(before)
    expect(await inContainer(container, `ls -A /data; ls -A /data/${clash}`)).not.toContain('.ccd-upload')
    expect((await inContainer(container, `ls -A /data/${clash}`)).trim()).toBe('keep')
    const fromCli = await cli(['app', 'cp', domain, named(clash), 'app:/data/'])
    expect(fromCli.code, fromCli.stderr).toBe(1)
    expect(fromCli.stderr).toContain(`already a folder called “${clash}”`)
    expect(await inContainer(container, `test -d /data/${clash} && ls -A /data/${clash}`)).toBe('keep\n')
    await inContainer(container, `rm -rf /data/${clash} /data/${link}`)
  })

  it('downloads a folder as a .tar.gz holding its files', { timeout: 60_000 }, async () => {
    const started = await api(b.core, 'apps.files.download', { ...ref(), volume: 'data', path: FOLDER, to: local })
    expect(started.file).toBe(path.join(local, `${FOLDER}.tar.gz`))
    await done(started.jobId)
    const found = new Map<string, string>()
    const extract = tarStream.extract()
    extract.on('entry', (header, stream, next) => {
      const hash = crypto.createHash('sha256')
      stream.on('data', (c: unknown) => hash.update(c as Buffer))
      stream.on('end', () => {
        if (header.type === 'file') found.set(header.name, hash.digest('hex'))
        next()
      })
    })
    await pipeline(fs.createReadStream(started.file), zlib.createGunzip(), extract)
    expect([...found]).toEqual([[`${FOLDER}/${ODD}`, sha(path.join(local, ODD))]])
  })

  it('moves a 200 MB file both ways with progress, and a cancelled download leaves nothing', { timeout: 100_000 }, async () => {
    const big = path.join(local, 'big file.bin')
    bigFile(big)
    const up = await api(b.core, 'apps.files.upload', { ...ref(), volume: 'files', path: '', files: [big] })
    const upSeen = await jobWhen(b.core, up.jobId, (j) => (j.percent ?? 0) > 0 && (j.percent ?? 0) < 100)
    expect(upSeen.status).toBe('running')
    // Any amount of the ~210 MB total: the first progress seen may still be in bytes or kB.
    expect(upSeen.step).toMatch(/\b\d+(\.\d)? (bytes|kB|MB) of 2\d\d(\.\d)? MB/)
    await done(up.jobId)

    const out = path.join(local, 'big')
    fs.mkdirSync(out)
    const down = await api(b.core, 'apps.files.download', { ...ref(), volume: 'files', path: 'big file.bin', to: out })
    const downSeen = await jobWhen(b.core, down.jobId, (j) => (j.percent ?? 0) > 0 && (j.percent ?? 0) < 100)
    expect(downSeen.status).toBe('running')
    // Not under its final name until it is all there.
    expect(fs.existsSync(down.file)).toBe(false)
    await done(down.jobId)
    expect(fs.statSync(down.file).size).toBe(BIG_MB << 20)
    expect(sha(down.file)).toBe(sha(big))
    fs.rmSync(down.file)

    const again = await api(b.core, 'apps.files.download', { ...ref(), volume: 'files', path: 'big file.bin', to: out })
    await jobWhen(b.core, again.jobId, (j) => (j.percent ?? 0) > 0)
    b.core.jobs.cancel(again.jobId)
    const cancelled = await b.core.jobs.wait(again.jobId)
    expect(cancelled.status).toBe('cancelled')
    expect(fs.readdirSync(out)).toEqual([])
  })

  it('refuses paths that leave the volume, at the contract, in the core and through a symlink', { timeout: 30_000 }, async () => {
    for (const p of ['../', '../../etc/passwd', 'a/../../b']) {
      const e = await callError(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: p })
      expect(e.code, p).toBe('invalid-request')
      expect(e.message).toContain('..')
    }
    // Past the contract (a caller inside the core), the core refuses it too.
    await expect(b.core.handlers['apps.files.download']({ ...ref(), volume: 'data', path: '../etc/passwd', to: local })).rejects.toMatchObject({ code: 'files-outside' })
    await expect(b.core.handlers['apps.files.list']({ ...ref(), volume: 'data', path: 'x/../..' })).rejects.toMatchObject({ code: 'files-outside' })

    const container = await appContainer(b, domain)
    await inContainer(container, 'ln -sfn /etc /data/way-out && ln -sfn /etc/passwd /data/passwd-link')
    expect((await callError(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: 'way-out' })).code).toBe('files-outside')
    expect((await callError(b.core, 'apps.files.download', { ...ref(), volume: 'data', path: 'way-out/passwd', to: local })).code).toBe('files-outside')
    expect((await callError(b.core, 'apps.files.download', { ...ref(), volume: 'data', path: 'passwd-link', to: local })).code).toBe('files-outside')
    expect((await callError(b.core, 'apps.files.upload', { ...ref(), volume: 'data', path: 'way-out', files: [path.join(local, ODD)] })).code).toBe('files-outside')
    expect((await callError(b.core, 'apps.files.remove', { ...ref(), volume: 'data', path: 'way-out/hostname', confirm: 'hostname' })).code).toBe('files-outside')
    // The link itself shows in the list, as a link.
    const root = await api(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: '' })
    expect(root.entries).toContainEqual(expect.objectContaining({ name: 'way-out', type: 'link' }))
    expect(fs.readdirSync(local).filter((n) => n.includes('passwd'))).toEqual([])
    expect((await inContainer(container, 'test -s /etc/hostname && echo there')).trim()).toBe('there')
  })

  it('deletes a file only with its name confirmed', { timeout: 30_000 }, async () => {
    const target = { ...ref(), volume: 'data', path: `${FOLDER}/${ODD}` }
    expect((await callError(b.core, 'apps.files.remove', { ...target, confirm: 'something else' })).code).toBe('confirm-mismatch')
    expect((await callError(b.core, 'apps.files.remove', { ...ref(), volume: 'data', path: '/', confirm: '' })).code).toBe('files-root')
    expect(await api(b.core, 'apps.files.remove', { ...target, confirm: ODD })).toEqual({ removed: `${FOLDER}/${ODD}` })
    expect((await api(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: FOLDER })).entries).toEqual([])
  })

  it('copies both ways from the command line, and refuses paths outside the volumes', { timeout: 90_000 }, async () => {
    const src = path.join(local, 'from cli é.bin')
    fs.writeFileSync(src, crypto.randomBytes(123_457))
    const up = await cli(['app', 'cp', domain, src, 'app:/data/'])
    expect(up.code, up.stderr).toBe(0)
    const back = path.join(local, 'cli back.bin')
    const down = await cli(['app', 'cp', domain, 'app:/data/from cli é.bin', back])
    expect(down.code, down.stderr).toBe(0)
    expect(down.stdout).toContain(back)
    expect(sha(back)).toBe(sha(src))

    const outside = await cli(['app', 'cp', domain, 'app:/etc/passwd', local])
    expect(outside.code).toBe(1)
    expect(outside.stderr).toContain('/data')
    const up2 = await cli(['app', 'cp', domain, 'app:/data/../etc/passwd', local])
    expect(up2.code).toBe(1)
    expect(up2.stderr).toContain('leave the volume')
    expect(fs.existsSync(path.join(local, 'passwd'))).toBe(false)
    expect((await cli(['app', 'cp', domain, src, back])).code).toBe(2)
  })

  it('reaches the volume through the helper container while the service is stopped', { timeout: 90_000 }, async () => {
    const container = await appContainer(b, domain)
    await inContainer(container, "printf 'kept while stopped' > /data/stopped.txt")
    const [svc] = await b.docker.listServices({ filters: JSON.stringify({ name: [`${stack}_app`] }) })
    const service = b.docker.getService(svc.ID)
    const spec = (await service.inspect()) as { Spec: Record<string, unknown> & { Mode: unknown }; Version: { Index: number } }
    await service.update({ ...spec.Spec, Mode: { Replicated: { Replicas: 0 } }, version: spec.Version.Index })
    const helpers = () => b.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${BACKUP_HELPER_LABEL}=${stack}`] }) })
    await waitFor('the app’s container to stop', async () => (await b.docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${stack}_app`] }) })).length === 0, 30_000)

    const listed = await api(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: '' })
    expect(listed.via).toBe('helper')
    expect(listed.entries).toContainEqual(expect.objectContaining({ name: 'stopped.txt', bytes: 18 }))
    const down = await api(b.core, 'apps.files.download', { ...ref(), volume: 'data', path: 'stopped.txt', to: local })
    await done(down.jobId)
    expect(fs.readFileSync(down.file, 'utf8')).toBe('kept while stopped')
    const src = path.join(local, 'while stopped.txt')
    fs.writeFileSync(src, 'sent while stopped')
    await done((await api(b.core, 'apps.files.upload', { ...ref(), volume: 'data', path: '/', files: [src] })).jobId)
    expect((await api(b.core, 'apps.files.list', { ...ref(), volume: 'data', path: '' })).entries).toContainEqual(expect.objectContaining({ name: 'while stopped.txt', bytes: 18 }))
    expect(await api(b.core, 'apps.files.remove', { ...ref(), volume: 'data', path: 'stopped.txt', confirm: 'stopped.txt' })).toEqual({ removed: 'stopped.txt' })
    expect(await helpers()).toEqual([])
  })
})
