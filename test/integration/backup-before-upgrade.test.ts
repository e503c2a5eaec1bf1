import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { api, appContainer, closeBackupRig, deployCcdData, inContainer, openBackupRig, removeCcdData, type BackupRig } from '../support/backup-rig'

// An upgrade takes a backup first, and a backup that fails stops the
// upgrade before anything on the server changes. The failure is forced the
// way a broken database dump would fail: the recipe's backup pre-hook reads
// /data/db.txt, which is removed here.
let b: BackupRig
const tag = crypto.randomBytes(3).toString('hex')
const domain = `bbu-${tag}.apps.test`
const stack = stackNameFor(domain)

const sh = async (script: string): Promise<string> => inContainer(b.rig, await appContainer(b, domain), script)
const envText = (): string => fs.readFileSync(appEnvPath(b.core.paths, b.server, domain), 'utf8')

async function runningVersion(): Promise<string | undefined> {
  const s = (await b.docker.getService(`${stack}_app`).inspect()) as Docker.Service
  return ((s.Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Env ?? []).find((e) => e.startsWith('APP_VERSION='))?.slice('APP_VERSION='.length)
}

beforeAll(async () => {
  b = await openBackupRig('rigbox')
  await deployCcdData(b, domain)
}, 240_000)

afterAll(async () => {
  if (b) await removeCcdData(b, domain)
  await closeBackupRig(b)
}, 120_000)

describe('backup before upgrade', () => {
  it('refuses the upgrade when its backup fails, leaving the app on v1 and its settings as they were', async () => {
    await sh('rm -f /data/db.txt')
    const env = envText()
    const spec = ((await b.docker.getService(`${stack}_app`).inspect()) as Docker.Service).Version?.Index
    const { jobId } = await api(b.core, 'apps.deploy', { server: b.server, domain, kind: 'upgrade', version: 'v2.0.0' })
    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expect(job.error?.code).toBe('backup-first-failed')
    expect(job.error?.message).toMatch(/^The upgrade was not started because the backup before it failed: .+/)
    expect(job.log.join('\n')).not.toMatch(/Updated service|Created service/)
    expect(await runningVersion()).toBe('v1.0.0')
    expect(((await b.docker.getService(`${stack}_app`).inspect()) as Docker.Service).Version?.Index).toBe(spec)
    expect(envText()).toBe(env)
    // A failed backup leaves no backup behind.
    expect(await api(b.core, 'backups.list', { domain })).toEqual([])
  }, 240_000)

  it('backs up first and then upgrades when the backup works', async () => {
    await sh('echo "the database" > /data/db.txt')
    const { jobId } = await api(b.core, 'apps.deploy', { server: b.server, domain, kind: 'upgrade', version: 'v2.0.0' })
    const job = await b.core.jobs.wait(jobId)
    expect(job.error?.message ?? '').toBe('')
    expect(job.status).toBe('done')
    const log = job.log.join('\n')
    expect(log).toMatch(/Backed up .* first/)
    expect(log.indexOf('Backed up')).toBeLessThan(log.search(/Updated service/))
    expect(await runningVersion()).toBe('v2.0.0')
    const [taken] = await api(b.core, 'backups.list', { domain })
    expect(taken.version).toBe('v1.0.0')
    expect(taken.verified).toBe(true)
  }, 240_000)

  it('takes the backup for other kinds when asked, and skips it when told not to', async () => {
    await sh('rm -f /data/db.txt')
    const asked = await api(b.core, 'apps.deploy', { server: b.server, domain, kind: 'rollback', version: 'v1.0.0', backupFirst: true })
    const refused = await b.core.jobs.wait(asked.jobId)
    expect(refused.error?.message).toMatch(/^The rollback was not started because the backup before it failed/)
    expect(await runningVersion()).toBe('v2.0.0')

    const { jobId } = await api(b.core, 'apps.deploy', { server: b.server, domain, kind: 'upgrade', version: 'v2.0.0', backupFirst: false })
    const job = await b.core.jobs.wait(jobId)
    expect(job.status).toBe('done')
    expect(job.log.join('\n')).not.toMatch(/Backed up|backup/i)
  }, 240_000)
})
