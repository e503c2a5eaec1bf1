import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { PreviewProgress } from '../../src-main/contract/deploy-preview'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { setLanguage } from '../../src-main/i18n/i18n'
import { checkoutVersion } from '../../src-main/recipes/git'
import { loadRig, type Rig } from '../rig/rig'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'

// A deploy started from its preview sends the images the preview's registry
// lookups pinned, without asking the registries again; pins the preview did
// not make are refused; and the preview tells its steps as it goes. The app
// is ccd-web's local copy (chaos) with its image on the rig's registry, seen
// through a small loopback proxy of this test's own that counts what the
// engine asks: tag lookups (a digest being resolved) apart from digest
// fetches (the node pulling the pinned image).
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
let proxy: http.Server
let registry = ''
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `pins-${tag}.example.com`
const stack = stackNameFor(domain)
const secret = `${stack}_token_v1`
const asked: string[] = []
const progress: PreviewProgress[] = []

/** The manifests the engine asked the registry for since `from`, by tag and by digest. */
const manifestAsks = (from: number) => {
  const paths = asked.slice(from).filter((p) => p.includes('/manifests/'))
  return { byTag: paths.filter((p) => !p.includes('/manifests/sha256:')), byDigest: paths.filter((p) => p.includes('/manifests/sha256:')) }
}

beforeAll(async () => {
  setLanguage('en')
  rig = loadRig()
  if (!rig.registry) throw new Error('.rig/rig.json has no registry: run node test/rig/setup.mjs --registry')
  docker = dockerLocal(rig.docker.socket)
  // Every request passed on to the rig's registry as it is, its path noted.
  const [upHost, upPort] = rig.registry.host.split(':')
  proxy = http.createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`)
    const up = http.request({ host: upHost, port: Number(upPort), method: req.method, path: req.url, headers: req.headers, timeout: 30_000 }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers)
      r.pipe(res)
    })
    up.on('timeout', () => up.destroy(new Error('the rig registry did not answer')))
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(up)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  registry = `127.0.0.1:${(proxy.address() as { port: number }).port}`

  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env }, keychain: undefined })
  core.events.subscribe((name, payload) => {
    if (name === 'preview.progress') progress.push(payload as PreviewProgress)
  })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const sample = fs.readFileSync(path.join(FIXTURE_RECIPES, 'ccd-web', 'v1.0.0', '.env.sample'), 'utf8')
  await writeAppEnv(core.paths, server, domain, newEnvFile(sample, { recipe: 'ccd-web', domain }))
  await ensureProxyNetwork(docker)
  await docker.createSecret({ Name: secret, Data: Buffer.from('a stand-in token').toString('base64') } as never)
  // The local copy at v1.0.0, its image the rig registry's busybox (httpd and wget included) through the proxy.
  const dir = (await call(core, 'recipes.get', { recipe: 'ccd-web' })).dir
  await checkoutVersion(dir, 'v1.0.0')
  const compose = path.join(dir, 'compose.yml')
  const text = fs.readFileSync(compose, 'utf8')
  expect(text).toContain('image: ccd-busybox:test')
  fs.writeFileSync(compose, text.replace('image: ccd-busybox:test', `image: ${registry}/ccd/busybox:v1`))
}, 120_000)

afterAll(async () => {
  if (docker) {
    await removeStack(docker, stack)
    await docker.getSecret(secret).remove().catch(() => undefined)
    for (const img of await docker.listImages({ filters: JSON.stringify({ reference: [`${registry}/ccd/busybox`] }) }).catch(() => [])) await docker.getImage(img.Id).remove({ force: true }).catch(() => undefined)
  }
  await core?.close()
  await world?.close()
  if (proxy) await new Promise<void>((resolve) => proxy.close(() => resolve()))
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 120_000)

describe("a deploy with its preview's image pins", () => {
  it('the preview tells its steps in order and pins the image; forged pins are refused; the deploy with the pins asks the registry nothing', { timeout: 110_000 }, async () => {
    const progressId = `pins-${tag}`
    const from = asked.length
    const preview = await call(core, 'apps.preview', { server, domain, kind: 'deploy', chaos: true, progressId })
    const mine = progress.filter((p) => p.progressId === progressId)
    expect(mine.map((p) => p.step)).toEqual(['reading', 'registry', 'comparing'])
    expect(mine.map((p) => p.words)).toEqual(['Reading the server…', `Asking the image registry about ${registry}/ccd/busybox:v1… (1 of 1)`, 'Comparing…'])
    expect(mine.every((p) => p.server === server && p.domain === domain)).toBe(true)
    // The preview asked the registry (through the proxy) for the tag, and pinned what it said.
    expect(manifestAsks(from).byTag.length).toBeGreaterThan(0)
    const head = await fetch(`http://${registry}/v2/ccd/busybox/manifests/v1`, { method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })
    const digest = head.headers.get('docker-content-digest')
    expect(digest).toMatch(/^sha256:/)
    expect(preview.pins).toEqual({ [`${stack}_app`]: `${registry}/ccd/busybox:v1@${digest}` })

    // Pins the preview did not make: another digest, or one more service; and pins without the fingerprint.
    const jobsBefore = core.jobs.list().length
    const forged = [{ [`${stack}_app`]: `${registry}/ccd/busybox:v1@sha256:${'0'.repeat(64)}` }, { ...preview.pins, [`${stack}_db`]: `${registry}/ccd/busybox:v1@${digest}` }, {}]
    for (const pins of forged) {
      const err = await callError(core, 'apps.deploy', { server, domain, kind: 'deploy', chaos: true, expectServerState: preview.serverState, pins })
      expect(err.code).toBe('server-changed')
      expect(err.message).toBe(`The server changed since the preview (the images to send are not the ones the preview found), so nothing was sent to ${domain}. Here is the new preview: check it and confirm again.`)
    }
    expect((await callError(core, 'apps.deploy', { server, domain, kind: 'deploy', chaos: true, pins: preview.pins })).code).toBe('invalid-request')
    expect(core.jobs.list().length).toBe(jobsBefore)
    expect(await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })).toEqual([])

    // The deploy with the preview's pins: the node pulls the pinned digest, and no tag is looked up again.
    const before = asked.length
    const { jobId } = await call(core, 'apps.deploy', { server, domain, kind: 'deploy', chaos: true, expectServerState: preview.serverState, pins: preview.pins })
    const job = await core.jobs.wait(jobId)
    expect(job.status, JSON.stringify(job.error)).toBe('done')
    const spec = ((await docker.getService(`${stack}_app`).inspect()) as Docker.Service).Spec?.TaskTemplate as Docker.ContainerTaskSpec
    expect(spec.ContainerSpec?.Image).toBe(preview.pins[`${stack}_app`])
    const during = manifestAsks(before)
    expect(during.byDigest.length, asked.slice(before).join('\n')).toBeGreaterThan(0)
    expect(during.byTag, asked.slice(before).join('\n')).toEqual([])

    // Without pins, as before: the deploy asks the registry itself.
    const plain = asked.length
    const again = await call(core, 'apps.deploy', { server, domain, kind: 'redeploy', chaos: true })
    expect((await core.jobs.wait(again.jobId)).status).toBe('done')
    expect(manifestAsks(plain).byTag.length).toBeGreaterThan(0)
  })
})
