import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { startSwarmNodes, type SwarmNodes } from '../support/swarm-nodes'
import { coreOnSwarm } from '../support/swarm-server'
import { call, waitFor } from './support'

// A terminal in an app's container on another machine of the swarm (issue
// 13): the server's connection lands on the manager, the container runs on
// ccd-node-2, and the app reaches node 2's engine through the manager's SSH
// link as a jump host. Everything asserted on is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let core: Core
let closeCore: (() => Promise<void>) | undefined
const SERVER = 'swarm1'
const domain = `r${crypto.randomBytes(3).toString('hex')}.apps.test`
const stack = stackNameFor(domain)
const data: { streamId: string; data: string }[] = []
const ends: { streamId: string; exitCode?: number }[] = []
const textOf = (id: string): string => data.filter((d) => d.streamId === id).map((d) => d.data).join('')

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 2 })
  ;({ core, close: closeCore } = await coreOnSwarm(rig, swarm, SERVER, 'ccd-reach-'))
  core.events.subscribe((name, payload) => {
    if (name === 'stream.data') data.push(payload as { streamId: string; data: string })
    if (name === 'stream.end') ends.push(payload as { streamId: string; exitCode?: number })
  })
  await writeAppEnv(core.paths, SERVER, domain, `RECIPE=custom\nDOMAIN=${domain}\n`)
  const r = await swarm.manager.api('POST', '/services/create', {
    Name: `${stack}_app`,
    Labels: { 'com.docker.stack.namespace': stack },
    TaskTemplate: { ContainerSpec: { Image: rig.image, Command: ['sh', '-c', 'exec sleep 100000'] }, Placement: { Constraints: ['node.hostname==ccd-node-2'] } },
    Mode: { Replicated: { Replicas: 1 } }
  })
  expect(r.status, r.text).toBe(201)
  await waitFor(
    'the service running on ccd-node-2',
    async () => swarm.nodes[1].docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_app`]).trim() !== '',
    90_000,
    { everyMs: 500 }
  )
}, 240_000)

afterAll(async () => {
  await closeCore?.()
  await swarm?.stop()
}, 90_000)

describe('an app’s container on another machine of the swarm', () => {
  it('opens its terminal there, through the manager as a jump host, reading and writing as on the manager', { timeout: 90_000 }, async () => {
    const { streamId, container } = await call(core, 'apps.exec', { server: SERVER, domain, service: 'app', cols: 80, rows: 24 })
    // The container is node 2's, not the manager's.
    expect(swarm.nodes[1].docker(['ps', '-q']).split('\n')).toContain(container)
    expect(swarm.manager.docker(['ps', '-q']).split('\n')).not.toContain(container)
    await call(core, 'streams.write', { streamId, data: 'echo "sum:$((6*7))"; stty size\n' })
    await waitFor('the answer from node 2', async () => textOf(streamId).includes('sum:42') && textOf(streamId).includes('24 80'), 30_000)
    await call(core, 'streams.write', { streamId, data: 'exit 4\n' })
    expect(await waitFor('the end', async () => ends.find((e) => e.streamId === streamId), 30_000)).toEqual({ streamId, exitCode: 4 })
  })

  it('runs a one-off command there and reports its exit code', { timeout: 60_000 }, async () => {
    const { streamId } = await call(core, 'apps.exec', { server: SERVER, domain, service: 'app', command: ['sh', '-c', 'hostname >/dev/null; echo from-$((40+2)); exit 3'] })
    expect(await waitFor('the end', async () => ends.find((e) => e.streamId === streamId), 30_000)).toEqual({ streamId, exitCode: 3 })
    expect(textOf(streamId)).toContain('from-42')
  })
})
