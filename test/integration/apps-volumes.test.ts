import crypto from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { api, closeBackupRig, deployCcdData, openBackupRig, removeCcdData, type BackupRig } from '../support/backup-rig'
import { runCli, type CliResult } from '../support/cli'
import { callError } from './support'

// An app's volumes (abra's `app volume ls|rm`) through the core and the
// command line, against the rig's swarm over SSH: a ccd-data app (volumes
// data, files, cache) lists them with the container that uses them; removing
// is refused while it is deployed, for a volume of another app, and without
// the domain typed (or --yes); once undeployed, the chosen ones go and the
// rest stay. Only this file's own volumes are looked at: other tests leave
// theirs on the rig.
const root = path.resolve(import.meta.dirname, '../..')
// CCD_TEST_BIN: a build made elsewhere (e.g. while the checkout's out/ is in use).
const bin = process.env.CCD_TEST_BIN ?? path.join(root, 'bin/coopcloud-desktop.mjs')
const id = crypto.randomBytes(3).toString('hex')
const domain = `vol-${id}.volumes.test`
const stack = stackNameFor(domain)
const other = stackNameFor(`other-${id}.volumes.test`)
const otherVolume = `${other}_data`
const NS = 'com.docker.stack.namespace'
let b: BackupRig

const cli = (args: string[]): Promise<CliResult> => runCli(bin, b.home, b.world.env, args)
const ref = () => ({ server: b.server, domain })
const exists = async (name: string): Promise<boolean> =>
  b.docker
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      () => false
    )

beforeAll(async () => {
  b = await openBackupRig('rigbox')
  await b.docker.createVolume({ Name: otherVolume, Labels: { [NS]: other } })
  await deployCcdData(b, domain)
}, 110_000)

afterAll(async () => {
  if (!b) return
  await removeCcdData(b, domain).catch(() => undefined)
  await b.docker
    .getVolume(otherVolume)
    .remove()
    .catch(() => undefined)
  await closeBackupRig(b)
}, 90_000)

describe('an app’s volumes', () => {
  it('lists its volumes with their size, age and the container that uses them', async () => {
    const answer = await api(b.core, 'apps.volumes', ref())
    expect(answer.stack).toBe(stack)
    expect(answer.deployed).toBe(true)
    expect(answer.volumes.map((v) => [v.name, v.volume])).toEqual([
      ['cache', `${stack}_cache`],
      ['data', `${stack}_data`],
      ['files', `${stack}_files`]
    ])
    for (const v of answer.volumes) {
      expect(v.usedBy, v.name).toEqual([expect.objectContaining({ service: 'app', stack, running: true })])
      expect(v.usedBy[0].container).toMatch(new RegExp(`^${stack}_app\\.1\\.`))
      expect(Date.now() - Date.parse(v.createdAt ?? '')).toBeLessThan(10 * 60_000)
    }
    // /system/df sizes the data volume's index.html (and the rest, when Docker answers in time).
    if (!answer.sizesMissing) expect(answer.volumes.find((v) => v.name === 'data')?.bytes).toBeGreaterThan(0)
  })

  it('shows the same from the command line', { timeout: 30_000 }, async () => {
    const r = await cli(['app', 'volume', 'ls', domain])
    expect(r.code, r.stderr).toBe(0)
    for (const name of ['cache', 'data', 'files']) expect(r.stdout).toMatch(new RegExp(`^${name} .* app .*${stack}_${name}\\s*$`, 'm'))
    expect(r.stderr).toContain('undeploy it before removing')
    const json = JSON.parse((await cli(['app', 'volume', 'ls', domain, '--json'])).stdout) as { deployed: boolean; volumes: unknown[] }
    expect(json.deployed).toBe(true)
    expect(json.volumes).toHaveLength(3)
  })

  it('refuses to remove any while the app is deployed', { timeout: 30_000 }, async () => {
    const err = await callError(b.core, 'apps.removeVolumes', { ...ref(), names: ['data'], confirm: domain })
    expect(err.code).toBe('app-deployed')
    expect(err.message).toContain('Undeploy it first')
    const r = await cli(['app', 'volume', 'rm', domain, 'cache', '--yes'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('Undeploy it first')
    for (const name of ['cache', 'data', 'files']) expect(await exists(`${stack}_${name}`)).toBe(true)
  })

  it('removes only the chosen volumes of the undeployed app, after the domain is given', { timeout: 90_000 }, async () => {
    const down = await b.core.jobs.wait((await api(b.core, 'apps.undeploy', ref())).jobId)
    expect(down.status, down.error?.message).toBe('done')
    const after = await api(b.core, 'apps.volumes', ref())
    expect(after.deployed).toBe(false)
    expect(after.volumes.map((v) => v.usedBy)).toEqual([[], [], []])

    // Another app's volume, by its Docker name: refused, nothing removed.
    const foreign = await callError(b.core, 'apps.removeVolumes', { ...ref(), names: ['data', otherVolume], confirm: domain })
    expect(foreign.code).toBe('volume-not-of-app')
    expect(foreign.message).toContain(otherVolume)
    const r1 = await cli(['app', 'volume', 'rm', domain, otherVolume, '--yes'])
    expect(r1.code).not.toBe(0)
    expect(r1.stderr).toContain('is not one of')
    expect(await exists(otherVolume)).toBe(true)
    expect(await exists(`${stack}_data`)).toBe(true)

    // The domain not typed: refused.
    expect((await callError(b.core, 'apps.removeVolumes', { ...ref(), names: ['data'], confirm: 'vol' })).code).toBe('confirm-mismatch')
    // No terminal to ask on and no --yes: refused before anything is done.
    const r2 = await cli(['app', 'volume', 'rm', domain, 'data'])
    expect(r2.code).not.toBe(0)
    expect(r2.stderr).toContain('--yes')
    expect(await exists(`${stack}_data`)).toBe(true)

    // Through the core, by recipe name: a job that says what it removed.
    const job = await b.core.jobs.wait((await api(b.core, 'apps.removeVolumes', { ...ref(), names: ['data'], confirm: domain })).jobId)
    expect(job.status, job.error?.message).toBe('done')
    expect(job.kind).toBe('app-volumes-remove')
    expect(job.log.join('\n')).toContain(`Removed the volume ${stack}_data`)
    expect(await exists(`${stack}_data`)).toBe(false)

    // Through the command line, by Docker name.
    const r3 = await cli(['app', 'volume', 'rm', domain, `${stack}_files`, '--yes'])
    expect(r3.code, r3.stderr).toBe(0)
    expect(r3.stdout).toContain(`Removed 1 volume of ${domain}`)
    expect(await exists(`${stack}_files`)).toBe(false)

    expect((await api(b.core, 'apps.volumes', ref())).volumes.map((v) => v.name)).toEqual(['cache'])
    expect(await exists(otherVolume)).toBe(true)
  })
})
