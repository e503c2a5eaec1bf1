import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyStack } from '../../src-main/compose/apply'
import { renderStack } from '../../src-main/compose/pipeline'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { convergeRecipe, waitConverged } from './compose-local-recipe'

// A tiny recipe on the rig's local busybox image, deployed by this engine,
// must actually run: every replica up, the config and secret in place, the
// named volume created, and one service reaching another over the stack's
// overlay network by its service name (dnsrr: IPVS is not available here).
let rig: Rig
let docker: Docker
let dir: string
const stack = `ccdcvg-${crypto.randomBytes(3).toString('hex')}`
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] })

function containerOf(service: string): string {
  const out = execFileSync('docker', ['-H', `unix://${rig.docker.socket}`, 'ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`], { encoding: 'utf8' })
  const id = out.trim().split('\n')[0]
  if (!id) throw new Error(`no running container for ${service}`)
  return id
}

const exec = (container: string, ...cmd: string[]): string =>
  execFileSync('docker', ['-H', `unix://${rig.docker.socket}`, 'exec', container, ...cmd], { encoding: 'utf8', timeout: 30_000 })

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  dir = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || os.tmpdir(), 'ccdcvg-'))
  for (const [name, text] of Object.entries(convergeRecipe(rig.image))) fs.writeFileSync(path.join(dir, name), text)
  await docker.createSecret({ Name: `${stack}_token_v1`, Data: Buffer.from('t0ken\n').toString('base64') } as never)
})

afterAll(async () => {
  for (const s of await docker.listServices({ filters })) await docker.getService(s.ID).remove().catch(() => {})
  for (let i = 0; i < 150; i++) {
    const [tasks, containers] = await Promise.all([docker.listTasks({ filters }), docker.listContainers({ all: true, filters })])
    if (tasks.length + containers.length === 0) break
    await sleep(200)
  }
  const [networks, configs] = await Promise.all([docker.listNetworks({ filters }), docker.listConfigs({ filters })])
  await Promise.all([...networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})), ...configs.map((c) => docker.getConfig(c.ID).remove().catch(() => {}))])
  await docker.getSecret(`${stack}_token_v1`).remove().catch(() => {})
  const volumes = await docker.listVolumes({ filters })
  await Promise.all((volumes.Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => {})))
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('a local-image stack deployed by this engine', () => {
  it('converges, and its services reach each other over the overlay network', async () => {
    const rendered = renderStack({
      recipeDir: dir,
      envText: fs.readFileSync(path.join(dir, '.env'), 'utf8'),
      envFile: 'converge.example.org.env',
      abraShText: fs.readFileSync(path.join(dir, 'abra.sh'), 'utf8'),
      stackName: stack
    })
    expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const result = await applyStack(docker, rendered.objects!)
    expect(result.created.sort()).toEqual([`config ${stack}_index_v1`, `network ${stack}_internal`, `service ${stack}_app`, `service ${stack}_worker`])

    await waitConverged(docker, stack, 90_000, 2)

    const worker = containerOf(`${stack}_worker`)
    expect(exec(worker, 'cat', '/run/secrets/token')).toBe('t0ken\n')
    // By service name and by the alias, over the stack's network; retried while
    // DNS catches up. (busybox wget's own -T crashes in this build: timeout instead.)
    let page = ''
    for (let i = 0; i < 50 && !page; i++) {
      try {
        page = exec(worker, 'timeout', '5', 'wget', '-q', '-O', '-', `http://${stack}_app:8080/`)
      } catch {
        await sleep(200)
      }
    }
    expect(page).toBe('hello from the converge test\n')
    expect(exec(worker, 'timeout', '5', 'wget', '-q', '-O', '-', 'http://app:8080/')).toBe(page)

    const volumes = await docker.listVolumes({ filters })
    expect((volumes.Volumes ?? []).map((v) => v.Name)).toEqual([`${stack}_data`])
  })
})
