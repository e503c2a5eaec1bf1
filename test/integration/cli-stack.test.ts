import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { convergeRecipe } from './compose-local-recipe'
import { homeWithSshConfig, hostKeyFingerprints } from './support'
import { cliBin, requireBuiltCli } from '../support/cli'

// `coopcloud-desktop stack render|deploy` as a person runs it: the built bin,
// a fresh process, a temp HOME; deploys go to the rig's swarm through "This
// computer" and through an SSH server.
const bin = cliBin
const run = crypto.randomBytes(3).toString('hex')
let rig: Rig
let docker: Docker
let home: string
let recipe: string
const stacks: string[] = []
const secrets: string[] = []

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: home, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, HOME: home } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const filters = (ns: string) => JSON.stringify({ label: [`com.docker.stack.namespace=${ns}`] })

beforeAll(() => {
  requireBuiltCli()
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  recipe = path.join(home, 'recipe')
  fs.mkdirSync(recipe)
  for (const [name, text] of Object.entries(convergeRecipe(rig.image))) fs.writeFileSync(path.join(recipe, name), text.replace(/replicas: 2/, 'replicas: 0'))
  fs.writeFileSync(path.join(home, 'broken.env'), 'DOMAIN=broken.example.org\nINDEX_VERSION=\n')
  fs.mkdirSync(path.join(home, 'bad'))
  fs.writeFileSync(path.join(home, 'bad', 'compose.yml'), 'version: "3.8"\nservices:\n  app:\n    image: x\n    stop_grace_period: soon\n')
})

afterAll(async () => {
  for (const ns of stacks) {
    for (const s of await docker.listServices({ filters: filters(ns) })) await docker.getService(s.ID).remove().catch(() => {})
  }
  for (let i = 0; i < 50; i++) {
    const left = (await Promise.all(stacks.map(async (ns) => [...(await docker.listNetworks({ filters: filters(ns) })), ...(await docker.listConfigs({ filters: filters(ns) }))]))).flat() as { Id?: string; ID?: string }[]
    if (left.length === 0) break
    await Promise.all(left.map((o) => (o.Id ? docker.getNetwork(o.Id).remove() : docker.getConfig(o.ID!).remove()).catch(() => {})))
    await new Promise((r) => setTimeout(r, 200))
  }
  await Promise.all(secrets.map((s) => docker.getSecret(s).remove().catch(() => {})))
  fs.rmSync(home, { recursive: true, force: true })
})

describe('coopcloud-desktop stack', () => {
  it('render prints the Docker objects as JSON', () => {
    const r = cli(['stack', 'render', recipe, '--env', path.join(recipe, '.env'), '--stack', 'ccdcli-render'])
    expect(r.code, r.stderr).toBe(0)
    const objects = JSON.parse(r.stdout)
    expect(objects.namespace).toBe('ccdcli-render')
    expect(objects.services.map((s: { name: string }) => s.name).sort()).toEqual(['ccdcli-render_app', 'ccdcli-render_worker'])
    expect(objects.configs[0].name).toBe('ccdcli-render_index_v1')
    expect(objects.externalSecrets).toEqual(['ccdcli-render_token_v1'])
  })

  it('render derives the stack name from the domain as abra does', () => {
    const r = cli(['stack', 'render', recipe, '--env', path.join(recipe, '.env'), '--domain', 'my.site.example'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).namespace).toBe('my_site_example')
  })

  it('render names the file and key of a problem in plain words, exit 1, nothing on stdout', () => {
    const r = cli(['stack', 'render', path.join(home, 'bad'), '--env', path.join(home, 'broken.env')])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^Error: .*compose\.yml.*stop_grace_period/m)
  })

  it('exits 2 on bad usage and 1 on a missing env file', () => {
    for (const args of [['stack'], ['stack', 'explode'], ['stack', 'render'], ['stack', 'render', recipe], ['stack', 'deploy', recipe, '--env', 'x.env'], ['stack', 'render', 'a', 'b', '--env', 'e']]) {
      const r = cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('Usage:')
    }
    const r = cli(['stack', 'render', recipe, '--env', path.join(home, 'nope.env')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('There is no env file at')
  })

  it('deploy to an unknown server fails before anything is sent', () => {
    const r = cli(['stack', 'deploy', recipe, '--env', path.join(recipe, '.env'), '--server', 'nowhere.example', '--stack', `ccdcli-${run}-x`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('There is no server called "nowhere.example"')
  })

  for (const via of ['local', 'ssh'] as const) {
    it(`deploy applies the stack to ${via === 'local' ? '"This computer"' : 'a server over SSH'}, with progress and abra's labels`, async () => {
      const ns = `ccdcli-${run}-${via}`
      stacks.push(ns)
      secrets.push(`${ns}_token_v1`)
      await docker.createSecret({ Name: `${ns}_token_v1`, Data: Buffer.from('x').toString('base64') } as never)
      let server: string
      if (via === 'local') {
        expect(cli(['server', 'add', '--local', '--socket', rig.docker.socket]).code).toBe(0)
        server = 'default'
      } else {
        const added = cli(['server', 'add', 'rigbox', '--trust-host-key', hostKeyFingerprints(rig)[0]])
        expect(added.code, added.stderr).toBe(0)
        server = 'rigbox'
      }
      const args = ['stack', 'deploy', recipe, '--env', path.join(recipe, '.env'), '--server', server, '--stack', ns, '--recipe', 'converge', '--recipe-version', '1.0.0+1']
      const r = cli(args)
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(`Deployed ${ns} to ${server}.`)
      expect(r.stderr).toContain('==> Creating and updating services')
      expect(r.stderr).toContain(`Created service ${ns}_app`)
      const services = await docker.listServices({ filters: filters(ns) })
      expect(services.map((s) => s.Spec!.Name).sort()).toEqual([`${ns}_app`, `${ns}_worker`])
      const app = services.find((s) => s.Spec!.Name === `${ns}_app`)!
      expect(app.Spec!.Labels).toMatchObject({ [`coop-cloud.${ns}.recipe`]: 'converge', [`coop-cloud.${ns}.version`]: '1.0.0+1', [`coop-cloud.${ns}.chaos`]: 'false' })

      // Again: the services are updated in place.
      const again = cli(args)
      expect(again.code, again.stderr).toBe(0)
      expect(again.stderr).toContain(`Updated service ${ns}_app`)
      expect(again.stderr).toContain(`Kept network ${ns}_internal`)
    })
  }
})
