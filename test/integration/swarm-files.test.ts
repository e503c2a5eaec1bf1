import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { startSwarmNodes, type SwarmNodes } from '../support/swarm-nodes'
import { coreOnSwarm } from '../support/swarm-server'
import { call, callError, waitFor } from './support'

// The Files tab on a swarm of two machines (issue 13): the app's service runs
// on ccd-node-2 with its volume there; the server's connection lands on the
// manager. Listing, download, upload and delete go through the service's
// container on node 2's engine, and the manager's engine never gets a volume
// of that name. Stopped, its files are read by a helper on node 2, the
// machine its placement pins it to (backups' rule); a stopped service whose
// machine nothing says is refused rather than read from an empty volume on
// the manager. Everything here is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let core: Core
let home = ''
let closeCore: (() => Promise<void>) | undefined
const SERVER = 'swarm1'
const domain = `f${crypto.randomBytes(3).toString('hex')}.apps.test`
const stack = stackNameFor(domain)
const volume = `${stack}_data`
const neverDomain = `n${domain}`
const neverStack = stackNameFor(neverDomain)
const payload = crypto.randomBytes(3000).toString('base64')
const ref = () => ({ server: SERVER, domain })
const node2 = () => swarm.nodes[1]
const containerOnNode2 = (): string => node2().docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_app`]).trim()
const managerHasVolume = (): boolean => swarm.manager.docker(['volume', 'ls', '-q']).split('\n').includes(volume)

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 2 })
  ;({ core, home, close: closeCore } = await coreOnSwarm(rig, swarm, SERVER, 'ccd-files-'))
  await writeAppEnv(core.paths, SERVER, domain, `RECIPE=custom\nDOMAIN=${domain}\n`)
  const r = await swarm.manager.api('POST', '/services/create', {
    Name: `${stack}_app`,
    Labels: { 'com.docker.stack.namespace': stack },
    TaskTemplate: {
      ContainerSpec: {
        Image: rig.image,
        Command: ['sh', '-c', 'exec sleep 100000'],
        Mounts: [{ Type: 'volume', Source: volume, Target: '/data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': stack } } }]
      },
      Placement: { Constraints: ['node.hostname==ccd-node-2'] }
    },
    Mode: { Replicated: { Replicas: 1 } }
  })
  expect(r.status, r.text).toBe(201)
  await waitFor('the service running on ccd-node-2', async () => containerOnNode2() !== '', 90_000, { everyMs: 500 })
  // A file the app wrote, on node 2's volume.
  node2().docker(['exec', '-i', containerOnNode2(), 'sh', '-c', 'mkdir -p /data/docs && cat > /data/docs/report.txt'], Buffer.from(payload))
}, 240_000)

afterAll(async () => {
  await closeCore?.()
  await swarm?.stop()
}, 90_000)

describe('an app’s volume on another machine of the swarm', () => {
  it('lists, downloads, uploads and deletes through the container on that machine', { timeout: 90_000 }, async () => {
    const { volumes } = await call(core, 'apps.files.volumes', ref())
    expect(volumes).toEqual([expect.objectContaining({ name: 'data', volume, service: 'app', mountPath: '/data' })])

    const listed = await call(core, 'apps.files.list', { ...ref(), volume: 'data', path: 'docs' })
    expect(listed.via).toBe('container')
    expect(listed.entries).toEqual([expect.objectContaining({ name: 'report.txt', type: 'file', bytes: payload.length })])

    const down = await call(core, 'apps.files.download', { ...ref(), volume: 'data', path: 'docs/report.txt' })
    const job = await core.jobs.wait(down.jobId)
    expect(job.status, job.error?.message).toBe('done')
    expect(fs.readFileSync(down.file, 'utf8')).toBe(payload)

    const sent = crypto.randomBytes(2000).toString('hex')
    const src = path.join(home, 'from-here.txt')
    fs.writeFileSync(src, sent)
    const up = await core.jobs.wait((await call(core, 'apps.files.upload', { ...ref(), volume: 'data', path: 'docs', files: [src] })).jobId)
    expect(up.status, up.error?.message).toBe('done')
    expect(node2().docker(['exec', containerOnNode2(), 'cat', '/data/docs/from-here.txt'])).toBe(sent)

    expect(await call(core, 'apps.files.remove', { ...ref(), volume: 'data', path: 'docs/from-here.txt', confirm: 'from-here.txt' })).toEqual({ removed: 'docs/from-here.txt' })
    expect(node2().docker(['exec', containerOnNode2(), 'ls', '/data/docs']).trim()).toBe('report.txt')

    // No helper ran on the manager: it has no volume of that name.
    expect(managerHasVolume()).toBe(false)
  })

  it('reaches a stopped service’s volume on the machine it is pinned to, through a helper there (not an empty volume on the manager)', { timeout: 60_000 }, async () => {
    const svc = (await swarm.manager.api('GET', `/services/${stack}_app`)).json as { Version: { Index: number }; Spec: { Mode: unknown } }
    const upd = await swarm.manager.api('POST', `/services/${stack}_app/update?version=${svc.Version.Index}`, { ...svc.Spec, Mode: { Replicated: { Replicas: 0 } } })
    expect(upd.status, upd.text).toBe(200)
    await waitFor('the container on ccd-node-2 to stop', async () => containerOnNode2() === '', 45_000, { everyMs: 500 })

    // Pinned by node.hostname == ccd-node-2: the rule backups use (backups/machines.ts) says its data is there.
    const listed = await call(core, 'apps.files.list', { ...ref(), volume: 'data', path: 'docs' })
    expect(listed.via).toBe('helper')
    expect(listed.entries).toEqual([expect.objectContaining({ name: 'report.txt', type: 'file', bytes: payload.length })])
    const down = await call(core, 'apps.files.download', { ...ref(), volume: 'data', path: 'docs/report.txt' })
    const job = await core.jobs.wait(down.jobId)
    expect(job.status, job.error?.message).toBe('done')
    expect(fs.readFileSync(down.file, 'utf8')).toBe(payload)
    expect(managerHasVolume()).toBe(false)
    // Every helper is gone, on both machines.
    for (const n of swarm.nodes) expect(n.docker(['ps', '-aq', '--filter', 'label=coop-cloud-desktop.backup-helper']).trim()).toBe('')
  })

  it('refuses, naming the service, a stopped service whose machine nothing says (never an empty volume on the manager)', { timeout: 60_000 }, async () => {
    // Never started, free to run on either machine: no past task, no pin.
    await writeAppEnv(core.paths, SERVER, neverDomain, `RECIPE=custom\nDOMAIN=${neverDomain}\n`)
    const r = await swarm.manager.api('POST', '/services/create', {
      Name: `${neverStack}_app`,
      Labels: { 'com.docker.stack.namespace': neverStack },
      TaskTemplate: {
        ContainerSpec: {
          Image: rig.image,
          Command: ['sh', '-c', 'exec sleep 100000'],
          Mounts: [{ Type: 'volume', Source: `${neverStack}_data`, Target: '/data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': neverStack } } }]
        }
      },
      Mode: { Replicated: { Replicas: 0 } }
    })
    expect(r.status, r.text).toBe(201)
    const never = { server: SERVER, domain: neverDomain }
    const e = await callError(core, 'apps.files.list', { ...never, volume: 'data', path: '' })
    expect(e.code).toBe('files-not-running')
    expect(e.message).toContain('app is not running')
    expect((await callError(core, 'apps.files.download', { ...never, volume: 'data', path: 'x' })).code).toBe('files-not-running')
    for (const n of swarm.nodes) expect(n.docker(['volume', 'ls', '-q']).split('\n')).not.toContain(`${neverStack}_data`)
    // The first app's file is still on node 2's volume.
    expect(node2().docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/data`, rig.image, 'cat', '/data/docs/report.txt'])).toBe(payload)
  })
})
