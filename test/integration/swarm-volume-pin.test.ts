import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { startSwarmNodes, type SwarmNodes } from '../support/swarm-nodes'
import { coreOnSwarm } from '../support/swarm-server'
import { call, callError, waitFor } from './support'

// Where an app's data lives on a swarm of two machines (issue 13): the app's
// one service runs on ccd-node-2 with its volume there, its placement letting
// it run on either machine. apps.volumeLocality names node 2 as holding the
// volume and warns (unpinned); apps.pinService writes the pin in the app's
// env file; the app's own preview and deploy then redeploy it with
// node.hostname == ccd-node-2, still on node 2 with its file, and the
// recipe's checkout stays clean for git (and so for abra). Everything here
// is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let core: Core
let home = ''
let closeCore: (() => Promise<void>) | undefined
const SERVER = 'swarm1'
const RECIPE = `pinrec${crypto.randomBytes(2).toString('hex')}`
const VERSION = '1.0.0+1'
const domain = `p${crypto.randomBytes(3).toString('hex')}.apps.test`
const stack = stackNameFor(domain)
const volume = `${stack}_data`
const payload = crypto.randomBytes(2000).toString('hex')
const ref = () => ({ server: SERVER, domain })
const node2 = () => swarm.nodes[1]
const recipeDir = (): string => path.join(core.paths.recipesDir, RECIPE)
const containerOn = (i: number): string => swarm.nodes[i].docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_app`]).trim()

async function makeRecipe(image: string): Promise<void> {
  const dir = recipeDir()
  fs.mkdirSync(dir, { recursive: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  fs.writeFileSync(
    path.join(dir, 'compose.yml'),
    `version: "3.8"\nservices:\n  app:\n    image: ${image}\n    command: ["sh", "-c", "exec sleep 100000"]\n    stop_grace_period: 1s\n    volumes:\n      - data:/data\n    deploy:\n      endpoint_mode: dnsrr\nvolumes:\n  data:\n`
  )
  fs.writeFileSync(path.join(dir, '.env.sample'), `TYPE=${RECIPE}\nDOMAIN=${RECIPE}.example.com\n`)
  for (const f of ['compose.yml', '.env.sample']) await git.add({ fs, dir, filepath: f })
  await git.commit({ fs, dir, message: VERSION, author: { name: 'test', email: 'test@example.org' } })
  await git.tag({ fs, dir, ref: VERSION })
}

/** Previews, then deploys exactly what was previewed; the preview is returned. */
async function previewAndDeploy(kind: 'deploy' | 'redeploy') {
  const preview = await call(core, 'apps.preview', { ...ref(), kind })
  const { jobId } = await call(core, 'apps.deploy', { ...ref(), kind, expectServerState: preview.serverState, pins: preview.pins })
  const job = await core.jobs.wait(jobId)
  expect(job.status, job.error?.message).toBe('done')
  return preview
}

const constraints = async (): Promise<string[]> => {
  const r = await swarm.manager.api('GET', `/services/${stack}_app`)
  return ((r.json as { Spec: { TaskTemplate: { Placement?: { Constraints?: string[] } } } }).Spec.TaskTemplate.Placement?.Constraints ?? []).slice()
}

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 2 })
  ;({ core, home, close: closeCore } = await coreOnSwarm(rig, swarm, SERVER, 'ccd-pin-'))
  await makeRecipe(rig.image)
  await writeAppEnv(core.paths, SERVER, domain, `RECIPE=${RECIPE}:${VERSION}\nDOMAIN=${domain}\n`)
  // The manager paused while the app is first deployed: the swarm puts it on node 2, whose rules would let it run on either.
  swarm.manager.docker(['node', 'update', '--availability', 'pause', swarm.manager.name])
  try {
    await previewAndDeploy('deploy')
  } finally {
    swarm.manager.docker(['node', 'update', '--availability', 'active', swarm.manager.name])
  }
  await waitFor('the app running on ccd-node-2', async () => containerOn(1) !== '', 60_000, { everyMs: 500 })
  node2().docker(['exec', '-i', containerOn(1), 'sh', '-c', 'cat > /data/kept.txt'], Buffer.from(payload))
}, 240_000)

afterAll(async () => {
  await closeCore?.()
  await swarm?.stop()
}, 90_000)

describe('keeping a service on the machine that holds its volume', () => {
  it('names where the volume lives and warns that the service may start elsewhere', { timeout: 60_000 }, async () => {
    const l = await call(core, 'apps.volumeLocality', ref())
    expect(l.machines).toBe(2)
    expect(l.volumes).toEqual([{ name: 'data', volume, machines: [node2().name], services: ['app'] }])
    expect(l.services).toEqual([
      { name: 'app', volumes: ['data'], machine: node2().name, runningOn: [node2().name], allowedOn: [swarm.manager.name, node2().name].sort(), state: 'unpinned', canPin: true }
    ])
    expect(l.unreached).toBeUndefined()
  })

  it('pins it through the env file and the preview, redeployed on node 2 with its data; the recipe checkout stays clean', { timeout: 120_000 }, async () => {
    const before = fs.readFileSync(appEnvPath(core.paths, SERVER, domain), 'utf8')
    expect(await call(core, 'apps.pinService', { ...ref(), service: 'app', machine: node2().name })).toEqual({ changed: true, composeFile: 'compose.pin.app.yml', variable: 'PIN_APP_MACHINE' })
    const env = fs.readFileSync(appEnvPath(core.paths, SERVER, domain), 'utf8')
    expect(env.startsWith(before)).toBe(true)
    expect(env.slice(before.length)).toBe(`\n# Keep app on the machine that holds its data (Co-op Cloud Desktop)\nCOMPOSE_FILE="compose.yml:compose.pin.app.yml"\nPIN_APP_MACHINE=${node2().name}\n`)
    // Nothing sent yet.
    expect(await constraints()).toEqual([])

    const preview = await previewAndDeploy('redeploy')
    // The preview says the app restarts because of where it may run.
    const app = preview.services.find((s) => s.name === 'app')
    expect(app?.change).not.toBe('unchanged')
    expect(app?.changed.join(' ')).toContain('Placement')
    // Its volume is on node 2, not a new empty one: the preview asks every machine.
    expect(preview.volumes).toEqual([expect.objectContaining({ name: volume, exists: true })])
    expect(await constraints()).toEqual([`node.hostname == ${node2().name}`])
    await waitFor('the redeployed app running', async () => containerOn(1) !== '', 60_000, { everyMs: 500 })
    expect(containerOn(0)).toBe('')
    expect(node2().docker(['exec', containerOn(1), 'cat', '/data/kept.txt'])).toBe(payload)
    // The manager never got a volume of that name.
    expect(swarm.manager.docker(['volume', 'ls', '-q']).split('\n')).not.toContain(volume)

    const l = await call(core, 'apps.volumeLocality', ref())
    expect(l.services).toEqual([expect.objectContaining({ name: 'app', machine: node2().name, allowedOn: [node2().name], state: 'pinned', canPin: false, pinnedBy: node2().name })])

    // The overlay is in the checkout, and git (as abra's go-git) leaves it out.
    expect(fs.existsSync(path.join(recipeDir(), 'compose.pin.app.yml'))).toBe(true)
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: recipeDir(), encoding: 'utf8' })).toBe('')
    expect(fs.readFileSync(path.join(recipeDir(), '.git', 'info', 'exclude'), 'utf8')).toContain('/compose.pin.*.yml')

    // Taken out again: the env file is as it was.
    expect(await call(core, 'apps.pinService', { ...ref(), service: 'app', machine: null })).toMatchObject({ changed: true })
    expect(fs.readFileSync(appEnvPath(core.paths, SERVER, domain), 'utf8')).toBe(before)
    expect(home).not.toBe('')
  })

  it('refuses a machine the swarm does not have, changing nothing', { timeout: 30_000 }, async () => {
    const before = fs.readFileSync(appEnvPath(core.paths, SERVER, domain), 'utf8')
    const e = await callError(core, 'apps.pinService', { ...ref(), service: 'app', machine: 'ccd-node-9' })
    expect(e.code).toBe('machine-unknown')
    expect(e.message).toContain('ccd-node-9')
    expect(fs.readFileSync(appEnvPath(core.paths, SERVER, domain), 'utf8')).toBe(before)
  })
})
