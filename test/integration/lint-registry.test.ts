import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseImage } from '../../src-main/lint/images'
import { registryChecker } from '../../src-main/lint/registry'
import { lintFolder } from '../../src-main/lint/service'
import { loadRig, type Rig } from '../rig/rig'

// The registry rule (D001) against a real registry: this file's own
// docker-registry (Debian's 2.8) on a free loopback port, with its own
// storage and config, holding one image pushed by the rig's engine. Another
// loopback server stands in front of it the way Docker Hub does (401 with a
// Bearer challenge, an anonymous token from a realm), to prove the token
// flow; it forwards to the real registry only with the token it handed out.

let rig: Rig
let tmp: string
let registry: ChildProcess | undefined
let front: http.Server | undefined
let host = ''
let frontHost = ''
let tokenAsks = 0
const repo = `ccd-lint-${process.pid}`
const docker = (...args: string[]) => execFileSync('docker', args, { env: { ...process.env, DOCKER_HOST: `unix://${rig.docker.socket}` }, stdio: 'pipe', timeout: 60_000 }).toString()

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

async function waitForRegistry(url: string): Promise<void> {
  const until = Date.now() + 15_000
  while (Date.now() < until) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 200) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`docker-registry did not answer at ${url}`)
}

beforeAll(async () => {
  rig = loadRig()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-lint-registry-'))
  const port = await freePort()
  host = `127.0.0.1:${port}`
  const config = path.join(tmp, 'config.yml')
  fs.writeFileSync(config, `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(tmp, 'data')}\nhttp:\n  addr: ${host}\n`)
  registry = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' })
  await waitForRegistry(`http://${host}/v2/`)
  docker('tag', rig.image, `${host}/${repo}:1.0.0`)
  docker('push', `${host}/${repo}:1.0.0`)
  docker('rmi', `${host}/${repo}:1.0.0`)

  front = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${frontHost}`)
    if (url.pathname === '/token') {
      tokenAsks++
      const ok = url.searchParams.get('service') === 'front' && url.searchParams.get('scope') === `repository:${repo}:pull`
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' })
      res.end(ok ? JSON.stringify({ token: 'anonymous-pull' }) : '{}')
      return
    }
    if (req.headers.authorization !== 'Bearer anonymous-pull') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${frontHost}/token",service="front",scope="repository:${repo}:pull"` })
      res.end()
      return
    }
    const upstream = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: { accept: req.headers.accept ?? '' } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    upstream.end()
  })
  await new Promise<void>((resolve) => front?.listen(0, '127.0.0.1', resolve))
  frontHost = `127.0.0.1:${(front.address() as net.AddressInfo).port}`
}, 90_000)

afterAll(async () => {
  if (registry?.pid) process.kill(registry.pid, 'SIGTERM')
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()))
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

const check = registryChecker({ timeoutMs: 3000 })
const ref = (s: string) => {
  const r = parseImage(s)
  if (!r) throw new Error(`not an image: ${s}`)
  return r
}

describe('images in their registry (D001)', () => {
  it('finds a pushed tag, and not one never pushed', async () => {
    expect(await check(ref(`${host}/${repo}:1.0.0`))).toBe('present')
    expect(await check(ref(`${host}/${repo}:9.9.9`))).toBe('absent')
    expect(await check(ref(`${host}/${repo}-nothing:1.0.0`))).toBe('absent')
  })

  it('asks for an anonymous token when the registry wants one, as for Docker Hub', async () => {
    const before = tokenAsks
    expect(await check(ref(`${frontHost}/${repo}:1.0.0`))).toBe('present')
    expect(await check(ref(`${frontHost}/${repo}:9.9.9`))).toBe('absent')
    expect(tokenAsks - before).toBe(2)
  })

  it('says unreachable, not absent, when nothing answers', async () => {
    const closed = await freePort()
    const started = Date.now()
    expect(await check(ref(`127.0.0.1:${closed}/${repo}:1.0.0`))).toBe('unreachable')
    expect(Date.now() - started).toBeLessThan(3500)
  })

  it('lints a recipe folder: fails for the image never pushed, passes once it is, skips when the registry is down', async () => {
    const dir = path.join(tmp, 'recipe')
    fs.cpSync(path.resolve(__dirname, '../fixtures/lint/good'), dir, { recursive: true })
    const compose = path.join(dir, 'compose.yml')
    const original = fs.readFileSync(compose, 'utf8')
    fs.writeFileSync(compose, original.replace('image: nginx:1.25.3', `image: ${host}/${repo}:1.0.0`).replace('image: postgres:16.1-alpine', `image: ${host}/${repo}:2.0.0`))
    const d001 = async () => (await lintFolder(dir, check)).results.find((r) => r.id === 'D001')
    expect(await d001()).toMatchObject({ status: 'fails', items: [`db: ${host}/${repo}:2.0.0`] })

    docker('tag', rig.image, `${host}/${repo}:2.0.0`)
    docker('push', `${host}/${repo}:2.0.0`)
    docker('rmi', `${host}/${repo}:2.0.0`)
    expect(await d001()).toMatchObject({ status: 'ok' })

    const closed = await freePort()
    fs.writeFileSync(compose, original.replace('image: nginx:1.25.3', `image: 127.0.0.1:${closed}/${repo}:1.0.0`).replace('image: postgres:16.1-alpine', `image: 127.0.0.1:${closed}/${repo}:2.0.0`))
    const skipped = await d001()
    expect(skipped).toMatchObject({ status: 'skipped', detail: `Not checked: registry not reachable (127.0.0.1:${closed}).` })
  })
})
