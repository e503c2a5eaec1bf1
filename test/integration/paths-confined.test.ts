import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { API_PATH, PROTOCOL, startBrowserServer, TOKEN_PROTOCOL_PREFIX, type BrowserServer } from '../../src-main/browser/server'
import { createCore, type Core } from '../../src-main/core/core'

// Issue 9, defect 1: an app's domain (and every other name that becomes a
// path) must never lead outside ~/.abra. Tried through browser mode, the door
// a hostile page would use: a real core on a temp home, behind the real
// server, called over its WebSocket with the token, as the page calls it.
let tmp: string
let home: string
let core: Core
let server: BrowserServer
let ws: WebSocket

const SENTINEL = 'SENTINEL=do-not-touch\n'
// What must stay exactly as it is, byte for byte: outside the test home, and
// outside ~/.abra inside it (~/projects/shop/.env, the example).
let sentinels: string[]
// Every file outside ~/.abra, to prove nothing was created or removed there.
let before: string[]

function tree(dir: string, skip: string): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (p === skip) continue
    out.push(p)
    if (e.isDirectory()) out.push(...tree(p, skip))
  }
  return out.sort()
}

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-paths-')))
  home = path.join(tmp, 'home')
  const abra = path.join(home, '.abra')
  const servers = path.join(abra, 'servers')
  fs.mkdirSync(path.join(servers, 'rig'), { recursive: true })
  fs.mkdirSync(path.join(abra, 'backups'), { recursive: true })

  const outsideHome = path.join(tmp, 'projects', 'shop', '.env')
  const outsideAbra = path.join(home, 'projects', 'shop', '.env')
  const outsideServer = path.join(tmp, 'other-server', 'inside.example.org.env')
  const outsideBackup = path.join(tmp, 'other-backups', '2026-01-01T00-00-00.000Z.tar.gz')
  const outsideSidecar = path.join(tmp, 'other-backups', '2026-01-01T00-00-00.000Z.json')
  sentinels = [outsideHome, outsideAbra, outsideServer, outsideBackup, outsideSidecar]
  for (const f of sentinels) {
    fs.mkdirSync(path.dirname(f), { recursive: true })
    fs.writeFileSync(f, SENTINEL)
  }
  // Symlinks planted in ~/.abra, by another program or a hostile recipe:
  // an app's env file, a whole server folder, and an app's backups folder.
  fs.symlinkSync(outsideHome, path.join(servers, 'rig', 'evil.example.org.env'))
  fs.symlinkSync(path.join(tmp, 'projects', 'shop', 'gone.env'), path.join(servers, 'rig', 'dangling.example.org.env'))
  fs.symlinkSync(path.dirname(outsideServer), path.join(servers, 'linked'))
  fs.symlinkSync(path.dirname(outsideBackup), path.join(abra, 'backups', 'evil.example.org'))
  before = tree(tmp, abra)

  core = createCore({ transport: 'browser', env: {}, home })
  const staticDir = path.join(tmp, 'renderer')
  fs.mkdirSync(staticDir)
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  server = await startBrowserServer({ core, staticDir })
  // Authenticated as the page is: the token rides in a WebSocket subprotocol.
  ws = new WebSocket(`ws://127.0.0.1:${server.port}${API_PATH}`, [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${server.token}`], { origin: `http://127.0.0.1:${server.port}` })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
})

afterAll(async () => {
  ws?.close()
  await server?.close()
  await core?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; detail?: string } }

let nextId = 1
function call(method: string, input: unknown): Promise<Reply> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${method}: no answer in 20 s`)), 20_000)
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString()) as { id?: number; result?: Reply }
      if (msg.id !== id) return
      ws.off('message', onMessage)
      clearTimeout(timer)
      resolve(msg.result!)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, method, input }))
  })
}

// Every method that takes a domain, with otherwise valid input.
const byDomain: Record<string, (domain: string) => Record<string, unknown>> = {
  'apps.get': (domain) => ({ server: 'rig', domain }),
  'apps.new': (domain) => ({ server: 'rig', domain, recipe: 'custom-html' }),
  'apps.envForm': (domain) => ({ recipe: 'custom-html', domain }),
  'apps.saveEnv': (domain) => ({ server: 'rig', domain, envText: 'RECIPE=custom-html\nEVIL=1\n' }),
  'apps.deploy': (domain) => ({ server: 'rig', domain }),
  'apps.upgradeInfo': (domain) => ({ server: 'rig', domain }),
  'apps.ps': (domain) => ({ server: 'rig', domain }),
  'apps.restart': (domain) => ({ server: 'rig', domain, service: 'app' }),
  'apps.undeploy': (domain) => ({ server: 'rig', domain }),
  'apps.remove': (domain) => ({ server: 'rig', domain, confirm: domain }),
  'apps.logs': (domain) => ({ server: 'rig', domain }),
  'apps.exec': (domain) => ({ server: 'rig', domain, service: 'app' }),
  'apps.move': (domain) => ({ server: 'rig', domain, toServer: 'linked', mode: 'move' }),
  'secrets.list': (domain) => ({ server: 'rig', domain }),
  'secrets.create': (domain) => ({ server: 'rig', domain }),
  'secrets.rotate': (domain) => ({ server: 'rig', domain, name: 'db' }),
  'secrets.remove': (domain) => ({ server: 'rig', domain, name: 'db' }),
  'servers.deployProxy': (domain) => ({ name: 'rig', domain }),
  'servers.prepareProxy': (domain) => ({ name: 'rig', domain }),
  'backups.plan': (domain) => ({ server: 'rig', domain }),
  'backups.create': (domain) => ({ server: 'rig', domain }),
  'backups.list': (domain) => ({ domain }),
  'backups.verify': (domain) => ({ domain, id: '2026-01-01T00-00-00.000Z' }),
  'backups.remove': (domain) => ({ domain, id: '2026-01-01T00-00-00.000Z' }),
  'backups.restorePlan': (domain) => ({ domain, id: '2026-01-01T00-00-00.000Z', server: 'rig' }),
  'backups.restore': (domain) => ({ domain, id: '2026-01-01T00-00-00.000Z', server: 'rig' })
}

const LONG = 'a'.repeat(10_000)
const hostileDomains = [
  '../../../projects/shop/',
  '../../../../projects/shop/',
  '../../../projects/shop',
  '/etc/passwd',
  `${'/'}${path.join(os.tmpdir(), 'x')}`,
  'a\u0000b',
  'shop.example.org\u0000',
  LONG,
  `${LONG}.org`,
  'ａｂｃ.org',
  'ｅｖｉｌ．ｅｘａｍｐｌｅ．ｏｒｇ',
  '\u202eorg.evil',
  'evil\u200b.example.org',
  '..',
  '.',
  'shop.example.org/../../x',
  'shop\\..\\..\\x',
  '%2e%2e%2f%2e%2e'
]

// Plain words for a person: a reason, no stack, not the whole hostile input.
function expectPlainRefusal(reply: Reply, codes: string[], label: string): void {
  expect(reply.ok, label).toBe(false)
  if (reply.ok) return
  expect(codes, `${label}: ${reply.error.code} ${reply.error.message}`).toContain(reply.error.code)
  expect(reply.error.message.length, label).toBeGreaterThan(10)
  expect(reply.error.message.length, label).toBeLessThan(400)
  expect(reply.error.message, label).not.toMatch(/\n\s+at |Error:|ENOENT|EACCES/)
  expect(JSON.stringify(reply), label).not.toContain('do-not-touch')
}

function expectSentinelsUntouched(): void {
  for (const f of sentinels) expect(fs.readFileSync(f, 'utf8'), f).toBe(SENTINEL)
  expect(tree(tmp, path.join(home, '.abra')).filter((p) => !p.startsWith(path.join(tmp, 'renderer')))).toEqual(before)
}

describe('names that would lead outside ~/.abra, through browser mode', () => {
  it('refuses hostile domains at the contract, for every method that takes one', async () => {
    let calls = 0
    for (const [method, input] of Object.entries(byDomain)) {
      for (const domain of hostileDomains) {
        expectPlainRefusal(await call(method, input(domain)), ['invalid-request'], `${method} ${JSON.stringify(domain.slice(0, 40))}`)
        calls++
      }
    }
    // apps.move's new domain for a copy is checked the same way.
    for (const domain of hostileDomains) {
      expectPlainRefusal(await call('apps.move', { server: 'rig', domain: 'shop.example.org', toServer: 'linked', newDomain: domain }), ['invalid-request'], `apps.move newDomain ${JSON.stringify(domain.slice(0, 40))}`)
      calls++
    }
    expect(calls).toBe((Object.keys(byDomain).length + 1) * hostileDomains.length)
    expectSentinelsUntouched()
  })

  it('says why, without echoing a long value whole', async () => {
    const reply = await call('apps.get', { server: 'rig', domain: '../../../projects/shop/' })
    expect(reply.ok ? '' : reply.error.message).toMatch(/isn't a domain/)
    const long = await call('apps.saveEnv', { server: 'rig', domain: LONG, envText: 'A=1\n' })
    expect(long.ok ? '' : long.error.message).toMatch(/too long/)
  })

  it('refuses hostile server, recipe and backup names too', async () => {
    const names = ['..', '../..', '/etc', 'a/b', 'a\u0000b', 'x..y', LONG, 'ｒｉｇ', '.hidden']
    for (const name of names) {
      const label = JSON.stringify(name.slice(0, 40))
      expectPlainRefusal(await call('apps.get', { server: name, domain: 'shop.example.org' }), ['invalid-request'], `server ${label}`)
      expectPlainRefusal(await call('apps.list', { server: name }), ['invalid-request'], `apps.list ${label}`)
      expectPlainRefusal(await call('servers.remove', { name }), ['invalid-request'], `servers.remove ${label}`)
      expectPlainRefusal(await call('apps.move', { server: 'rig', domain: 'shop.example.org', toServer: name }), ['invalid-request'], `toServer ${label}`)
      expectPlainRefusal(await call('recipes.get', { recipe: name }), ['invalid-request'], `recipe ${label}`)
      expectPlainRefusal(await call('backups.verify', { domain: 'shop.example.org', id: name }), ['invalid-request'], `backup ${label}`)
      expectPlainRefusal(await call('backups.botDownload', { server: 'rig', snapshot: `../${name}` }), ['invalid-request'], `snapshot ${label}`)
    }
    expectSentinelsUntouched()
  })

  // The domain is a good one; the file it names is a symlink someone planted.
  it('refuses an app whose env file is a symlink out of ~/.abra, in every method', async () => {
    for (const domain of ['evil.example.org', 'dangling.example.org']) {
      for (const method of ['apps.get', 'apps.saveEnv', 'apps.deploy', 'apps.upgradeInfo', 'apps.undeploy', 'apps.remove', 'secrets.list', 'secrets.rotate', 'backups.plan', 'backups.create', 'apps.move']) {
        expectPlainRefusal(await call(method, byDomain[method](domain)), ['forbidden-path'], `${method} ${domain}`)
      }
      // Creating it would write through the planted link.
      expectPlainRefusal(await call('apps.new', byDomain['apps.new'](domain)), ['forbidden-path', 'app-exists'], `apps.new ${domain}`)
    }
    expectSentinelsUntouched()
    expect(fs.existsSync(path.join(tmp, 'projects', 'shop', 'gone.env'))).toBe(false)
  })

  it('refuses a server folder that is a symlink out of ~/.abra', async () => {
    for (const method of ['apps.get', 'apps.saveEnv', 'apps.remove', 'apps.deploy']) {
      expectPlainRefusal(await call(method, { ...byDomain[method]('inside.example.org'), server: 'linked' }), ['forbidden-path'], method)
    }
    expectPlainRefusal(await call('apps.new', { server: 'linked', domain: 'new.example.org', recipe: 'custom-html' }), ['forbidden-path'], 'apps.new')
    expectPlainRefusal(await call('servers.remove', { name: 'linked' }), ['forbidden-path'], 'servers.remove')
    // Listing skips it rather than reading the files it points at.
    const list = await call('apps.list', { server: 'linked' })
    expect(JSON.stringify(list)).not.toContain('inside.example.org')
    expectSentinelsUntouched()
  })

  it("refuses an app's backups folder that is a symlink out of ~/.abra", async () => {
    for (const method of ['backups.verify', 'backups.remove', 'backups.restorePlan', 'backups.restore']) {
      expectPlainRefusal(await call(method, byDomain[method]('evil.example.org')), ['forbidden-path'], method)
    }
    const list = await call('backups.list', { domain: 'evil.example.org' })
    expectPlainRefusal(list, ['forbidden-path'], 'backups.list')
    expectSentinelsUntouched()
  })
})
