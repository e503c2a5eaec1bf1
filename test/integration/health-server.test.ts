import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerHealth } from '../../src-main/contract/health-server'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, resetDocker2, type Rig } from '../rig/rig'
import { call, callError, homeWithSshConfig, waitFor } from './support'

// A server's page against the rig: the background monitor's real rounds over
// SSH (disk, memory and load read with one exec, the swarm's machines with
// docker node ls) give health.server its series and its Docker and swarm;
// engine 2, which has no swarm, says so.
let rig: Rig
let home: string
let core: Core
let docker: Docker
let docker2: Docker

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  docker2 = dockerLocal(rig.docker2.socket)
  // Engine 2 stands for a fresh server: other files turn its swarm on (the wizard's fix), so it is reset first.
  await resetDocker2(rig)
  home = homeWithSshConfig(rig)
  const setup = createCore({ transport: 'cli', env: { HOME: home }, home })
  const probe = await call(setup, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(setup, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(setup, 'servers.add', { kind: 'ssh', host: 'rigbox' })
  await call(setup, 'servers.add', { kind: 'ssh', host: 'rigbox', name: 'fresh', socketPath: rig.docker2.socket })
  await setup.close()
  core = createCore({ transport: 'cli', env: { HOME: home }, home, monitor: { intervalMs: 1500 } })
}, 60_000)

afterAll(async () => {
  await core?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

const pointsOk = (points: ServerHealth['memory'], max: number) => points.length > 0 && points.every((p) => Number.isFinite(p.value) && p.value >= 0 && p.value <= max && p.spanMs === 60_000)

describe('a server\'s page on the rig', () => {
  it('charts disk, memory and load from the monitor\'s rounds, and shows the swarm\'s real machine', async () => {
    const started = Date.now()
    // A few rounds: the page's series are the history the monitor wrote, read back through health.server.
    const page = await waitFor(
      'two rounds of rigbox recorded',
      async () => {
        const h = await call(core, 'health.server', { server: 'rigbox' })
        return h.checkedAt !== undefined && h.checkedAt > started + 1000 && h.memory.length > 0 && h.load.length > 0 && h.docker ? h : undefined
      },
      30_000,
      { everyMs: 500 }
    )
    expect(page.history).toBe(true)
    expect(page.unreachable).toBeUndefined()
    expect(page.to - page.from).toBe(24 * 60 * 60_000)
    expect(pointsOk(page.memory, 100)).toBe(true)
    // Load per processor: a busy machine may pass 1, never 100 per processor.
    expect(pointsOk(page.load, 100)).toBe(true)
    expect(page.cpus).toBeGreaterThanOrEqual(1)
    expect(page.memoryTotalBytes).toBeGreaterThan(0)
    // "/" and Docker's data folder, each on the disk that holds it, "/" first.
    const root = ((await docker.info()) as { DockerRootDir: string }).DockerRootDir
    expect(page.disks[0].mount).toBe('/')
    expect(page.disks.flatMap((d) => d.paths).sort()).toEqual(['/', root].sort())
    for (const d of page.disks) {
      expect(pointsOk(d.points, 100)).toBe(true)
      expect(d.totalBytes).toBeGreaterThan(d.freeBytes ?? Infinity)
    }
    // The latest point is this minute's (or the last one's, at a minute's turn).
    expect(page.memory.at(-1)!.at).toBeGreaterThanOrEqual(Math.floor(started / 60_000) * 60_000)

    // The Docker and swarm: what the engine itself says.
    const version = ((await docker.version()) as { Version: string }).Version
    const nodes = (await docker.listNodes()) as Array<{ ID: string; Description: { Hostname: string }; Spec: { Role: string; Availability: string }; Status: { State: string } }>
    expect(page.docker).toMatchObject({ version, swarm: 'manager' })
    expect(page.docker!.nodes.map((n) => [n.id, n.hostname, n.role, n.state, n.availability])).toEqual(nodes.map((n) => [n.ID, n.Description.Hostname, n.Spec.Role, n.Status.State, n.Spec.Availability]))
    expect(page.docker!.nodes[0]).toMatchObject({ role: 'manager', leader: true, state: 'ready', availability: 'active', unreachable: false })

    // Its machine is ready: Health has nothing about it.
    const report = await call(core, 'health.get', { server: 'rigbox' })
    expect(report.items.filter((i) => i.kind === 'node-down')).toEqual([])
  }, 60_000)

  it('says a server without a swarm has none, with its Docker version; an unknown server is refused', async () => {
    const page = await waitFor(
      'a round of fresh',
      async () => {
        const h = await call(core, 'health.server', { server: 'fresh', hours: 1 })
        return h.docker ? h : undefined
      },
      30_000,
      { everyMs: 500 }
    )
    const version = ((await docker2.version()) as { Version: string }).Version
    expect(page.docker).toEqual({ version, swarm: 'off', nodes: [] })
    expect(page.to - page.from).toBe(60 * 60_000)
    expect(page.disks.flatMap((d) => d.paths)).toContain('/')
    expect((await callError(core, 'health.server', { server: 'nowhere' })).code).toBe('server-unknown')
  }, 60_000)
})
