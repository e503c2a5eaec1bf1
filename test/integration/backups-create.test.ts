import crypto from 'node:crypto'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import * as tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import type { Manifest } from '../../src-main/backups/archive'
import { BACKUP_HELPER_LABEL } from '../../src-main/backups/stream'
import { stackNameFor } from '../../src-main/compose/env'
import type { BackupInfo } from '../../src-main/contract/backups'
import { api, appContainer, backupDirFiles, closeBackupRig, deployCcdData, fillRandom, hookLines, inContainer, jobWhen, openBackupRig, removeCcdData, showsProgress, waitHookLine, type BackupRig } from '../support/backup-rig'
import { ensureProxyNetwork } from './compose-parity/swarm'

// backups.plan/create/list/verify/remove and retention, through dispatch,
// against the real swarm over real SSH (rigbox), with the ccd-data recipe:
// data (all of it, plus the pre-hook's dump), files (only keep/), cache (left out).
let b: BackupRig
const tag = crypto.randomBytes(3).toString('hex')
const domain = `bkc-${tag}.apps.test`
const webDomain = `bkw-${tag}.apps.test`
const webSecret = `${stackNameFor(webDomain)}_token_v1`

const sh = async (script: string): Promise<string> => inContainer(b.rig, await appContainer(b, domain), script)
const listed = (d = domain): Promise<BackupInfo[]> => api(b.core, 'backups.list', { domain: d })

async function backUp(): Promise<BackupInfo> {
  const before = new Set((await listed()).map((x) => x.id))
  const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
  const job = await b.core.jobs.wait(jobId)
  expect(job.status, job.error?.message).toBe('done')
  expect(job).toMatchObject({ kind: 'app-backup', app: { server: b.server, domain } })
  const fresh = (await listed()).filter((x) => !before.has(x.id))
  expect(fresh).toHaveLength(1)
  return fresh[0]
}

/** Every entry of the .tar.gz: name → contents (files only). */
async function entries(file: string): Promise<{ names: string[]; files: Map<string, Buffer> }> {
  const extract = tar.extract()
  Readable.from(fs.createReadStream(file).pipe(zlib.createGunzip())).pipe(extract as never)
  const names: string[] = []
  const files = new Map<string, Buffer>()
  for await (const e of extract) {
    names.push(e.header.name)
    const parts: Buffer[] = []
    for await (const c of e as unknown as AsyncIterable<Buffer>) parts.push(c)
    if (e.header.type === 'file') files.set(e.header.name, Buffer.concat(parts))
  }
  return { names, files }
}

const sha = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex')

beforeAll(async () => {
  b = await openBackupRig('rigbox')
  await deployCcdData(b, domain)
  await sh(
    'echo "a database" > /data/db.txt && mkdir -p /data/sub && echo nested > /data/sub/n.txt && echo kept > /files/keep/a.txt && echo skipped > /files/skip/b.txt && echo cached > /cache/c.txt && : > /files/keep/hooks.log'
  )
}, 240_000)

afterAll(async () => {
  if (b) {
    await removeCcdData(b, domain)
    await b.docker.getVolume(`${stackNameFor(domain)}_data`).remove().catch(() => undefined)
    await removeCcdData(b, webDomain)
    await b.docker.getSecret(webSecret).remove().catch(() => undefined)
  }
  await closeBackupRig(b)
}, 240_000)

describe('backups of an app with backupbot labels', () => {
  it('plans the labelled volumes, paths and exclusions', async () => {
    const plan = await api(b.core, 'backups.plan', { server: b.server, domain })
    expect(plan.explanation).toBeUndefined()
    const stack = stackNameFor(domain)
    expect(plan.services).toEqual([
      expect.objectContaining({
        service: 'app',
        preHook: expect.stringContaining('dump.sql'),
        postHook: expect.stringContaining('rm -f /data/dump.sql'),
        restorePostHook: expect.stringContaining('cp /data/dump.sql /data/db.txt'),
        volumes: expect.arrayContaining([
          { name: 'data', dockerName: `${stack}_data`, mountPath: '/data', excluded: false },
          { name: 'files', dockerName: `${stack}_files`, mountPath: '/files', paths: ['keep'], excluded: false },
          { name: 'cache', dockerName: `${stack}_cache`, mountPath: '/cache', excluded: true }
        ])
      })
    ])
  })

  it('takes a verified backup holding the dump and the kept paths only, with the hooks run in order', { timeout: 180_000 }, async () => {
    const info = await backUp()
    expect(info).toMatchObject({ domain, server: b.server, recipe: 'ccd-data', version: 'v1.0.0', services: ['app'], verified: true })
    expect(info.verifiedAt).toBeTruthy()
    expect(info.file).toBe(`${b.core.paths.backupsDir}/${domain}/${info.id}.tar.gz`)
    expect(fs.statSync(info.file).size).toBe(info.size)
    expect(backupDirFiles(b.core, domain).map((f) => f.name).filter((n) => n.endsWith('.partial'))).toEqual([])

    expect(hookLines(b.rig, await appContainer(b, domain))).toEqual(['pre', 'post'])
    // The post-hook removed the dump on the server; the archive kept it.
    expect(await sh('ls /data')).not.toMatch(/dump\.sql/)

    const { names, files } = await entries(info.file)
    expect(names.at(-1)).toBe('manifest.json')
    expect(files.get('volumes/app/data/db.txt')?.toString()).toBe('a database\n')
    expect(files.get('volumes/app/data/dump.sql')?.toString()).toBe('a database\n')
    expect(files.get('volumes/app/data/sub/n.txt')?.toString()).toBe('nested\n')
    expect(files.get('volumes/app/files/keep/a.txt')?.toString()).toBe('kept\n')
    expect(files.get('volumes/app/files/keep/hooks.log')?.toString()).toBe('pre\n')
    expect(names.filter((n) => n.includes('skip') || n.includes('cache'))).toEqual([])

    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as Manifest
    expect(manifest.app).toMatchObject({ domain, stackName: stackNameFor(domain), recipe: 'ccd-data', version: 'v1.0.0' })
    expect(manifest.hooks.map((h) => [h.kind, h.exitCode])).toEqual([
      ['pre', 0],
      ['post', 0]
    ])
    const data = manifest.volumes.find((v) => v.volume === 'data')!
    const kept = manifest.volumes.find((v) => v.volume === 'files')!
    expect(kept.paths).toEqual(['keep'])
    expect(manifest.volumes.map((v) => v.volume).sort()).toEqual(['data', 'files'])
    // The manifest's checksums are those of the files on the server.
    const onServer = Object.fromEntries(
      (await sh('cd /data && sha256sum db.txt sub/n.txt && cd /files && sha256sum keep/a.txt'))
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/).reverse())
    )
    const byPath = Object.fromEntries([...data.files, ...kept.files].map((f) => [f.path, f.sha256]))
    expect(byPath['db.txt']).toBe(onServer['db.txt'])
    expect(byPath['sub/n.txt']).toBe(onServer['sub/n.txt'])
    expect(byPath['keep/a.txt']).toBe(onServer['keep/a.txt'])
    expect(byPath['dump.sql']).toBe(sha('a database\n'))
    expect(manifest.bytes).toBe([...data.files, ...kept.files].reduce((n, f) => n + f.size, 0))

    expect(await api(b.core, 'backups.verify', { domain, id: info.id })).toMatchObject({ ok: true, problems: [], files: data.files.length + kept.files.length })
  })

  it('reads the volumes through a helper container when the service is scaled to 0', { timeout: 180_000 }, async () => {
    const service = b.docker.getService(`${stackNameFor(domain)}_app`)
    const scale = async (replicas: number): Promise<void> => {
      const s = (await service.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> }
      await service.update({ ...s.Spec, version: s.Version.Index, Mode: { Replicated: { Replicas: replicas } } })
    }
    await scale(0)
    try {
      for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
        const running = await b.docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${stackNameFor(domain)}_app`] }) })
        if (running.length === 0) break
      }
      const info = await backUp()
      const { files } = await entries(info.file)
      expect(files.get('volumes/app/data/db.txt')?.toString()).toBe('a database\n')
      expect(files.get('volumes/app/files/keep/a.txt')?.toString()).toBe('kept\n')
      // No container ran, so no hook did.
      expect([...files.keys()].filter((n) => n.endsWith('dump.sql'))).toEqual([])
      expect(JSON.parse(files.get('manifest.json')!.toString()).hooks).toEqual([])
      const helpers = await b.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${BACKUP_HELPER_LABEL}=${stackNameFor(domain)}`] }) })
      expect(helpers).toEqual([])
    } finally {
      await scale(1)
      await appContainer(b, domain, 90_000)
    }
  })

  it('keeps only the newest N, and deletes a backup', { timeout: 300_000 }, async () => {
    expect(await api(b.core, 'backups.setSettings', { keepLast: 2 })).toEqual({ keepLast: 2 })
    expect(await api(b.core, 'backups.getSettings', {})).toEqual({ keepLast: 2 })
    expect(JSON.parse(fs.readFileSync(`${b.core.paths.backupsDir}/settings.json`, 'utf8'))).toEqual({ keepLast: 2 })
    const taken = [await backUp(), await backUp()]
    const now = await listed()
    expect(now.map((x) => x.id)).toEqual(taken.map((x) => x.id).reverse())
    expect(backupDirFiles(b.core, domain).map((f) => f.name).sort()).toEqual(taken.flatMap((x) => [`${x.id}.json`, `${x.id}.tar.gz`]).sort())

    await api(b.core, 'backups.remove', { domain, id: taken[0].id })
    expect((await listed()).map((x) => x.id)).toEqual([taken[1].id])
    expect(fs.existsSync(taken[0].file)).toBe(false)
    const gone = await dispatch(b.core.handlers, 'backups.verify', { domain, id: taken[0].id })
    expect(gone.ok ? undefined : gone.error.code).toBe('backup-unknown')
    await api(b.core, 'backups.setSettings', {})
  })

  it('stops when cancelled, keeps nothing, and still runs the post-hook', { timeout: 240_000 }, async () => {
    fillRandom(b.rig, await appContainer(b, domain), '/data/big.bin', 200)
    await sh(': > /files/keep/hooks.log')
    const before = { list: await listed(), files: backupDirFiles(b.core, domain).map((f) => f.name).sort() }
    try {
      const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
      const copying = await jobWhen(b.core, jobId, showsProgress)
      expect(copying.status).toBe('running')
      expect(copying.step).toMatch(/^Copying data.*\d[\d.]* (kB|MB|GB|bytes)( of [\d.]+ (kB|MB|GB))?/)
      await api(b.core, 'jobs.cancel', { jobId })
      const job = await b.core.jobs.wait(jobId)
      expect(job.status).toBe('cancelled')
      expect(await waitHookLine(b.rig, await appContainer(b, domain), 'post'), job.log.join('\n')).toEqual(['pre', 'post'])
      expect(await listed()).toEqual(before.list)
      expect(backupDirFiles(b.core, domain).map((f) => f.name).sort()).toEqual(before.files)
    } finally {
      await sh('rm -f /data/big.bin')
    }
  })

  it('fails Verify, in words, once a byte of the archive changed', { timeout: 120_000 }, async () => {
    const [info] = await listed()
    const bytes = fs.readFileSync(info.file)
    bytes[Math.floor(bytes.length / 2)] ^= 0x01
    fs.writeFileSync(info.file, bytes)
    const verdict = await api(b.core, 'backups.verify', { domain, id: info.id })
    expect(verdict.ok).toBe(false)
    expect(verdict.problems.length).toBeGreaterThan(0)
    expect(verdict.problems.join(' ')).toMatch(/damaged|changed|cut short/)
    expect((await listed()).find((x) => x.id === info.id)).toMatchObject({ verified: false })
  })
})

describe('backups of an app whose recipe has no backupbot labels', () => {
  it('explains that there is nothing to back up, and refuses to start', { timeout: 240_000 }, async () => {
    await ensureProxyNetwork(b.docker)
    await b.docker.createSecret({ Name: webSecret, Data: Buffer.from('a stand-in token').toString('base64') } as never)
    await api(b.core, 'apps.new', { server: b.server, domain: webDomain, recipe: 'ccd-web', version: 'v1.0.0' })
    const notYet = await api(b.core, 'backups.plan', { server: b.server, domain: webDomain })
    expect(notYet.explanation).toMatch(/is not deployed/)
    const { jobId } = await api(b.core, 'apps.deploy', { server: b.server, domain: webDomain })
    const deployed = await b.core.jobs.wait(jobId)
    expect(deployed.status, deployed.error?.message).toBe('done')

    const plan = await api(b.core, 'backups.plan', { server: b.server, domain: webDomain })
    expect(plan.services).toEqual([])
    expect(plan.explanation).toBe(
      "This app's recipe doesn't say which of its data to back up, so there is nothing to back up. Ask its maintainers to add backup labels (backupbot labels), or back up by hand."
    )
    const res = await dispatch(b.core.handlers, 'backups.create', { server: b.server, domain: webDomain })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error).toMatchObject({ code: 'backup-nothing', message: plan.explanation })
    expect(await listed(webDomain)).toEqual([])
  })
})
