import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { EventPayload } from '../../src-main/contract/contract'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { call, callError, deployShellService, homeWithSshConfig, sleep, waitFor as waitForIt, waitServiceRunning } from './support'

// Logs and terminals against real swarm services, through dispatch, on the
// local engine and over SSH (the same engine reached as ccdtest@rigbox).

let rig: Rig
let home: string
let core: Core
let docker: Docker
const tag = crypto.randomBytes(3).toString('hex')
const local = { server: 'default', domain: `str-${tag}.example.com` }
const remote = { server: 'rigbox', domain: `strs-${tag}.example.com` }
const idle = { server: 'default', domain: `stri-${tag}.example.com` }
// A server whose sshd forbids forwarding: Docker is reached through `docker system dial-stdio`.
const stdio = { server: 'rig-stdio', domain: `strd-${tag}.example.com` }
const created: string[] = []

type Data = EventPayload<'stream.data'>
type End = EventPayload<'stream.end'>
const data: Data[] = []
const ends: End[] = []

const waitFor = <T>(what: string, get: () => T | null | undefined | false, timeoutMs = 20_000): Promise<T> =>
  waitForIt(what, get, timeoutMs, { detail: () => `got ${JSON.stringify(data.slice(-5))}` })
const textOf = (id: string): string => data.filter((d) => d.streamId === id).map((d) => d.data).join('')
const endOf = (id: string): End | undefined => ends.find((e) => e.streamId === id)
const counter = `i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done`



beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home } })
  core.events.subscribe((name, payload) => {
    if (name === 'stream.data') data.push(payload as Data)
    if (name === 'stream.end') ends.push(payload as End)
  })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
  fs.appendFileSync(`${home}/.ssh/config`, `\nHost rig-stdio\n  HostName ${rig.sshd.host}\n  Port ${rig.sshd.port}\n  User ${rig.sshd.users.noForwarding}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`)
  await call(core, 'servers.add', { kind: 'ssh', host: 'rig-stdio' })

  for (const app of [local, remote, idle, stdio]) await writeAppEnv(core.paths, app.server, app.domain, `RECIPE=custom\nDOMAIN=${app.domain}\n`)
  const ls = stackNameFor(local.domain)
  const rs = stackNameFor(remote.domain)
  const ds = stackNameFor(stdio.domain)
  created.push(await deployShellService(docker, rig.image, ls, 'app', counter))
  created.push(await deployShellService(docker, rig.image, ls, 'worker', 'echo worker ready; echo worker oops >&2; exec sleep 3600'))
  created.push(await deployShellService(docker, rig.image, rs, 'app', counter))
  created.push(await deployShellService(docker, rig.image, ds, 'app', counter))
  await Promise.all([`${ls}_app`, `${ls}_worker`, `${rs}_app`, `${ds}_app`].map((name) => waitServiceRunning(docker, name)))
})

afterAll(async () => {
  if (docker) for (const s of created) await docker.getService(s).remove().catch(() => undefined)
  await core?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe.each([
  ['locally', local],
  ['over SSH', remote],
  ['over SSH through dial-stdio', stdio]
])('logs %s', (_how, app) => {
  it('follows new lines as the service prints them, and stops when asked', async () => {
    const { streamId } = await call(core, 'apps.logs', { ...app, service: 'app', tail: 2 })
    const first = await waitFor('a first line', () => /line (\d+)/.exec(textOf(streamId)))
    const n = Number(first[1])
    // Lines printed after the stream opened arrive while it stays open.
    await waitFor('newer lines', () => textOf(streamId).includes(`line ${n + 5}\n`))
    const lines = textOf(streamId).trimEnd().split('\n')
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line \d+$/)
    expect(new Set(data.filter((d) => d.streamId === streamId).map((d) => d.service))).toEqual(new Set(['app']))

    await call(core, 'streams.stop', { streamId })
    expect(endOf(streamId)).toEqual({ streamId })
    const after = textOf(streamId).length
    await sleep(700)
    expect(textOf(streamId).length).toBe(after)
  })
})

describe('logs', () => {
  it('shows every service of the app, stdout and stderr, and ends on its own without follow', async () => {
    const { streamId } = await call(core, 'apps.logs', { ...local, tail: 3, follow: false })
    const end = await waitFor('the end', () => endOf(streamId))
    expect(end.error).toBeUndefined()
    const worker = data.filter((d) => d.streamId === streamId && d.service === 'worker').map((d) => d.data).join('')
    expect(worker).toMatch(/Z worker ready\n/)
    expect(worker).toMatch(/Z worker oops\n/)
    expect(data.some((d) => d.streamId === streamId && d.service === 'app' && /Z line \d+\n/.test(d.data))).toBe(true)
  })

  it('says plainly when the app has no such service, or is not deployed', async () => {
    const unknown = await callError(core, 'apps.logs', { ...local, service: 'nope', tail: 10 })
    expect(unknown.code).toBe('service-unknown')
    expect(unknown.message).toContain('"nope"')
    const notDeployed = await callError(core, 'apps.logs', { ...idle, tail: 10 })
    expect(notDeployed.code).toBe('app-not-deployed')
    expect(notDeployed.message).toBe(`${idle.domain} isn't deployed, so it has no logs to show. Deploy it first.`)
  })

  it('refuses typing into logs, and a stream that has ended', async () => {
    const { streamId } = await call(core, 'apps.logs', { ...local, service: 'app', tail: 1 })
    expect((await callError(core, 'streams.write', { streamId, data: 'x' })).code).toBe('stream-read-only')
    await call(core, 'streams.stop', { streamId })
    expect((await callError(core, 'streams.write', { streamId, data: 'x' })).code).toBe('stream-closed')
    // Stopping twice is harmless.
    expect(await call(core, 'streams.stop', { streamId })).toEqual({})
  })
})

describe.each([
  ['locally', local],
  ['over SSH', remote],
  ['over SSH through dial-stdio', stdio]
])('terminal %s', (_how, app) => {
  it('runs a command and reports its output and exit code', async () => {
    const r = await call(core, 'apps.exec', { ...app, service: 'app', command: ['sh', '-c', "printf 'hello caf\\303\\251 \\342\\234\\223\\n'; exit 3"] })
    expect(r.container).toMatch(/^[0-9a-f]{12}$/)
    const end = await waitFor('the end', () => endOf(r.streamId))
    expect(end).toEqual({ streamId: r.streamId, exitCode: 3 })
    // A TTY turns \n into \r\n.
    expect(textOf(r.streamId)).toBe('hello café ✓\r\n')
  })

  it('runs an interactive shell: reads what is typed, follows resizes, and ends with its exit code', async () => {
    const { streamId } = await call(core, 'apps.exec', { ...app, service: 'app', cols: 80, rows: 24 })
    await call(core, 'streams.write', { streamId, data: 'stty size\n' })
    await waitFor('the first size', () => textOf(streamId).includes('24 80'))

    await call(core, 'streams.resize', { streamId, cols: 120, rows: 40 })
    await call(core, 'streams.write', { streamId, data: 'stty size\n' })
    await waitFor('the new size', () => textOf(streamId).includes('40 120'))

    await call(core, 'streams.write', { streamId, data: 'read x; echo "got:$x"\n' })
    await sleep(200)
    await call(core, 'streams.write', { streamId, data: 'typed words\n' })
    await waitFor('the echo of what was read', () => textOf(streamId).includes('got:typed words'))

    await call(core, 'streams.write', { streamId, data: 'exit 5\n' })
    expect(await waitFor('the end', () => endOf(streamId))).toEqual({ streamId, exitCode: 5 })
  })
})

describe('a server reached through dial-stdio', () => {
  it('keeps a few of its pooled connections free: extra logs are refused in plain words instead of freezing the server', async () => {
    const open = async (): Promise<string> => (await call(core, 'apps.logs', { ...stdio, service: 'app', tail: 1 })).streamId
    const ids = [await open(), await open(), await open()]
    const term = await call(core, 'apps.exec', { ...stdio, service: 'app' })
    const err = await callError(core, 'apps.logs', { ...stdio, service: 'app', tail: 1 })
    expect(err.code).toBe('server-busy')
    expect(err.message).toBe(
      "rig-stdio lets the app keep only 4 logs or terminals open at once, because its SSH server doesn't allow forwarding. Close another log or terminal of this server, then try again."
    )
    // The server still answers everything else meanwhile.
    expect((await callError(core, 'apps.exec', { ...stdio, service: 'nope' })).code).toBe('service-unknown')

    await call(core, 'streams.stop', { streamId: term.streamId })
    ids.push(await open())
    // A stream that ends on its own gives its place back too.
    const once = await callError(core, 'apps.logs', { ...stdio, service: 'app', tail: 1, follow: false })
    expect(once.code).toBe('server-busy')
    await call(core, 'streams.stop', { streamId: ids.pop()! })
    const short = await call(core, 'apps.logs', { ...stdio, service: 'app', tail: 1, follow: false })
    await waitFor('the short log to end', () => endOf(short.streamId))
    ids.push(await open())
    for (const streamId of ids) await call(core, 'streams.stop', { streamId })
  })
})

describe('terminal', () => {
  it('says plainly when the service does not exist', async () => {
    const err = await callError(core, 'apps.exec', { ...local, service: 'nope' })
    expect(err.code).toBe('service-unknown')
  })

  it('closing the core ends every open log and terminal', async () => {
    const logs = await call(core, 'apps.logs', { ...remote, service: 'app', tail: 1 })
    const term = await call(core, 'apps.exec', { ...local, service: 'app' })
    await waitFor('the log to flow', () => textOf(logs.streamId).length > 0)
    await core.close()
    expect(endOf(logs.streamId)).toEqual({ streamId: logs.streamId })
    expect(endOf(term.streamId)?.streamId).toBe(term.streamId)
  })
})

