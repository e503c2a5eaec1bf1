import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { startBrowserServer, type BrowserServer } from '../../src-main/browser/server'
import { stackNameFor } from '../../src-main/compose/env'
import type { EventPayload } from '../../src-main/contract/contract'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { call, deployShellService, homeWithSshConfig, runningExecs, waitFor, waitServiceRunning } from './support'

// Logs and terminals belong to the page that opened them: when its
// WebSocket closes (the tab is closed or reloaded, or killed), they close,
// on the laptop and on the server. Through browser mode against the rig's
// swarm, locally and through dial-stdio, where each one holds one of the
// server's few SSH sessions.

let rig: Rig
let home: string
let core: Core
let server: BrowserServer
let docker: Docker
let staticDir: string
const tag = crypto.randomBytes(3).toString('hex')
const local = { server: 'default', domain: `own-${tag}.example.com` }
// sshd forbids forwarding for this user: Docker goes through `docker system dial-stdio`.
const stdio = { server: 'rig-stdio', domain: `ownd-${tag}.example.com` }
const created: string[] = []
const ends: EventPayload<'stream.end'>[] = []
const data: EventPayload<'stream.data'>[] = []

const ended = (id: string): boolean => ends.some((e) => e.streamId === id)




// One browser page: a WebSocket to the server, as the renderer opens it.
async function page(): Promise<{ ws: WebSocket; call(method: string, input: unknown): Promise<Record<string, unknown>> }> {
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const s = new WebSocket(`ws://127.0.0.1:${server.port}/api`, ['coopcloud', `coopcloud.token.${server.token}`], { origin: `http://127.0.0.1:${server.port}` })
    s.once('open', () => resolve(s))
    s.once('error', reject)
  })
  let nextId = 1
  return {
    ws,
    call: (method, input) => {
      const id = nextId++
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method}`)), 30_000)
        const onMessage = (raw: WebSocket.RawData): void => {
          const msg = JSON.parse(raw.toString()) as { id?: number; result?: { ok: boolean; value?: Record<string, unknown>; error?: { code: string } } }
          if (msg.id !== id) return
          clearTimeout(timer)
          ws.off('message', onMessage)
          if (!msg.result?.ok) return reject(new Error(`${method} failed: ${JSON.stringify(msg.result?.error)}`))
          resolve(msg.result.value!)
        }
        ws.on('message', onMessage)
        ws.send(JSON.stringify({ id, method, input }))
      })
    }
  }
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home } })
  core.events.subscribe((name, payload) => {
    if (name === 'stream.end') ends.push(payload as EventPayload<'stream.end'>)
    if (name === 'stream.data') data.push(payload as EventPayload<'stream.data'>)
  })
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-owner-static-'))
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  server = await startBrowserServer({ core, staticDir })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  fs.appendFileSync(`${home}/.ssh/config`, `\nHost rig-stdio\n  HostName ${rig.sshd.host}\n  Port ${rig.sshd.port}\n  User ${rig.sshd.users.noForwarding}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`)
  await call(core, 'servers.add', { kind: 'ssh', host: 'rig-stdio' })
  for (const app of [local, stdio]) await writeAppEnv(core.paths, app.server, app.domain, `RECIPE=custom\nDOMAIN=${app.domain}\n`)
  const counter = `i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done`
  created.push(await deployShellService(docker, rig.image, stackNameFor(local.domain), 'app', counter))
  created.push(await deployShellService(docker, rig.image, stackNameFor(stdio.domain), 'app', counter))
  await Promise.all(created.map((name) => waitServiceRunning(docker, name)))
}, 120_000)

afterAll(async () => {
  await server?.close()
  await core?.close()
  if (docker) for (const s of created) await docker.getService(s).remove().catch(() => undefined)
  if (home) fs.rmSync(home, { recursive: true, force: true })
  if (staticDir) fs.rmSync(staticDir, { recursive: true, force: true })
})

describe('a page’s logs and terminals', () => {
  it('close, here and on the server, when the page closes its connection', async () => {
    const p = await page()
    const logs = (await p.call('apps.logs', { ...local, service: 'app', tail: 1 })).streamId as string
    const term = await p.call('apps.exec', { ...local, service: 'app', cols: 80, rows: 24 })
    const termId = term.streamId as string
    await p.call('streams.write', { streamId: termId, data: 'echo ready-$((6*7))\n' })
    await waitFor('the terminal to answer', () => data.some((d) => d.streamId === termId && d.data.includes('ready-42')))
    const container = term.container as string
    expect(await runningExecs(docker, container)).toBe(1)

    p.ws.close()
    await waitFor('both to end', () => ended(logs) && ended(termId))
    await waitFor('the shell in the container to end', async () => (await runningExecs(docker, container)) === 0)
  })

  it('close when the page is gone without a goodbye (a killed tab)', async () => {
    const p = await page()
    const logs = (await p.call('apps.logs', { ...local, service: 'app', tail: 1 })).streamId as string
    const term = (await p.call('apps.exec', { ...local, service: 'app', cols: 80, rows: 24 })).streamId as string
    p.ws.terminate()
    await waitFor('both to end', () => ended(logs) && ended(term))
  })

  it('leave no shell behind when the page goes while its terminal is still opening', async () => {
    const [task] = await docker.listTasks({ filters: JSON.stringify({ service: [`${stackNameFor(local.domain)}_app`], 'desired-state': ['running'] }) })
    const container = task!.Status!.ContainerStatus!.ContainerID!
    // The engine's own record of shells started and ended in the container.
    const seen = { started: 0, died: 0 }
    const events = (await docker.getEvents({ filters: { container: [container], event: ['exec_start', 'exec_die'] } })) as NodeJS.ReadableStream & { destroy(): void }
    events.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const e = JSON.parse(line) as { status?: string; Action?: string }
        const action = e.Action ?? e.status ?? ''
        if (action.startsWith('exec_start')) seen.started++
        if (action.startsWith('exec_die')) seen.died++
      }
    })
    try {
      for (let i = 0; i < 5; i++) {
        const p = await page()
        // Asks for a terminal and goes at once, without waiting for the answer.
        p.ws.send(JSON.stringify({ id: 1, method: 'apps.exec', input: { ...local, service: 'app', cols: 80, rows: 24 } }))
        p.ws.close()
      }
      // Each request was read before its page's goodbye, so each starts a shell...
      await waitFor('the five shells to start', () => seen.started === 5)
      // ...which must end, since nobody can ever type into it.
      await waitFor(`the five shells to end (ended: ${seen.died})`, () => seen.died === 5, 30_000)
      expect(await runningExecs(docker, container)).toBe(0)
    } finally {
      events.destroy()
    }
  })

  it('belong to their page only: another page’s streams go on', async () => {
    const a = await page()
    const b = await page()
    const mine = (await a.call('apps.logs', { ...local, service: 'app', tail: 1 })).streamId as string
    const theirs = (await b.call('apps.logs', { ...local, service: 'app', tail: 1 })).streamId as string
    a.ws.close()
    await waitFor('the closed page’s log to end', () => ended(mine))
    const seen = data.filter((d) => d.streamId === theirs).length
    await waitFor('the other page’s log to keep flowing', () => data.filter((d) => d.streamId === theirs).length > seen + 2)
    expect(ended(theirs)).toBe(false)
    await b.call('streams.stop', { streamId: theirs })
    b.ws.close()
  })

  it('give their SSH sessions back: a server at its limit serves the next page again', async () => {
    // rig-stdio allows 4 logs or terminals at once (see apps-streams.test.ts).
    for (let round = 0; round < 3; round++) {
      const p = await page()
      const ids: string[] = []
      for (let i = 0; i < 3; i++) ids.push((await p.call('apps.logs', { ...stdio, service: 'app', tail: 1 })).streamId as string)
      ids.push((await p.call('apps.exec', { ...stdio, service: 'app', cols: 80, rows: 24 })).streamId as string)
      await expect(p.call('apps.logs', { ...stdio, service: 'app', tail: 1 })).rejects.toThrow(/server-busy/)
      p.ws.close()
      await waitFor(`round ${round}'s streams to end`, () => ids.every(ended))
    }
    // Docker over that server still answers.
    const ps = await call(core, 'apps.ps', stdio)
    expect(ps.services).toHaveLength(1)
  }, 120_000)
})
