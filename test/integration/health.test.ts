import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import tls from 'node:tls'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { HealthReport } from '../../src-main/contract/health'
import { createCore, type Core, type CoreOptions } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { History } from '../../src-main/monitoring/history'
import { loadRig, type Rig } from '../rig/rig'
import { daysFromNow, dnsServer, Openssl, type DnsServer } from '../support/monitoring-net'
import { removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig, waitFor } from './support'

// The Health overview against the rig: a real swarm over SSH, a server that
// can't be reached, and apps that are broken the way Docker breaks them.
let rig: Rig
let docker: Docker
let home: string
const cores: Core[] = []
const id = crypto.randomBytes(3).toString('hex')
const sick = `sick-${id}.health.test`
const fine = `fine-${id}.health.test`
const s = (n: number): number => n * 1e9
const VOLUME_BYTES = 1024 * 1024

/** A one-service app on the rig, failing its health check or not; the swarm restarts it as it would a real app's. */
async function deployApp(domain: string, healthy: boolean): Promise<void> {
  const stack = stackNameFor(domain)
  const spec = {
    Name: `${stack}_app`,
    Labels: { 'com.docker.stack.namespace': stack },
    TaskTemplate: {
      ContainerSpec: {
        Image: rig.image,
        // 1 MiB written to its volume, for the app page's volume size.
        Command: ['sh', '-c', `head -c ${VOLUME_BYTES} /dev/zero > /data/blob && exec sleep 3600`],
        Mounts: [{ Type: 'volume', Source: `${stack}_data`, Target: '/data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': stack } } }],
        StopGracePeriod: s(1),
        Healthcheck: { Test: ['CMD', healthy ? 'true' : 'false'], Interval: s(1), Timeout: s(1), Retries: 1 }
      },
      RestartPolicy: { Condition: 'any', Delay: s(1) }
    },
    Mode: { Replicated: { Replicas: 1 } }
  }
  const existing = await docker.getService(spec.Name).inspect().catch(() => undefined)
  if (!existing) await docker.createService(spec as unknown as Docker.CreateServiceOptions)
  else await docker.getService(spec.Name).update({ ...spec, version: existing.Version.Index } as never)
}

function newCore(options: Pick<CoreOptions, 'monitor' | 'checkFromHere'> = {}): Core {
  const core = createCore({ transport: 'cli', env: { HOME: home }, home, ...options })
  cores.push(core)
  return core
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  // A server abra knows by its folder, whose SSH port answers nothing.
  fs.appendFileSync(path.join(home, '.ssh/config'), '\nHost ghost\n  HostName 127.0.0.1\n  Port 1\n')
  const setup = newCore()
  const probe = await call(setup, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(setup, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(setup, 'servers.add', { kind: 'ssh', host: 'rigbox' })
  fs.mkdirSync(path.join(setup.paths.serversDir, 'ghost'))
  for (const domain of [sick, fine]) await writeAppEnv(setup.paths, 'rigbox', domain, `TYPE=custom\nDOMAIN=${domain}\n`)
  await Promise.all([deployApp(sick, false), deployApp(fine, true)])
}, 120_000)

afterAll(async () => {
  for (const core of cores) await core.close()
  if (docker) for (const domain of [sick, fine]) await removeStack(docker, stackNameFor(domain))
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 120_000)

const ours = (r: HealthReport) => r.items.filter((i) => i.server === 'ghost' || i.domain === sick || i.domain === fine)

describe('the Health overview on the rig', () => {
  it('asked once (as the CLI does), lists the unreachable server, the app in a restart loop and the apps never backed up', async () => {
    const core = newCore()
    // The swarm needs a few failed health checks before it restarts the task.
    await waitFor('the sick app to be restarted by the swarm', async () => (await docker.listTasks({ filters: JSON.stringify({ service: [`${stackNameFor(sick)}_app`] }) })).length >= 4, 60_000)
    const report = await call(core, 'health.get', {})
    const items = ours(report)
    // Most serious first (then by what they are about).
    expect(items.map((i) => [i.kind, i.server, i.domain ?? ''])).toEqual([
      ['app-restarting', 'rigbox', sick],
      ['server-unreachable', 'ghost', ''],
      ['backup-never', 'rigbox', fine],
      ['backup-never', 'rigbox', sick]
    ])
    const [loop, ghost] = items
    expect(ghost).toMatchObject({ severity: 'critical', title: 'The server ghost can’t be reached' })
    expect(ghost.detail).toMatch(/^The app could not reach its Docker over SSH: /)
    // Dialled as ~/.ssh/config says (127.0.0.1, port 1), not looked up by its name.
    expect(ghost.detail).not.toMatch(/could not be found/)
    expect(loop.title).toBe(`${sick} keeps restarting`)
    expect(loop.detail).toMatch(/^Its part “app” kept failing its health check and was started again \d+ times\./)
    expect(loop.next).toMatch(/logs/)
    expect(report.summary).toMatch(/^\d+ things need attention\.$/)
    expect(report.checkedAt).toBeDefined()
    // The rig's disk and memory were read and judged (whatever they are on this machine, they were not left out).
    expect(report.servers).toBeGreaterThanOrEqual(2)
  }, 120_000)

  it('watching in the background: the problem is confirmed by the second round, announced, and cleared once the app is fixed', async () => {
    const core = newCore({ monitor: { intervalMs: 1500 } })
    const reports: HealthReport[] = []
    core.events.subscribe((name, payload) => {
      if (name === 'health.changed') reports.push(payload as HealthReport)
    })
    const has = (r: HealthReport | undefined, domain: string) => !!r?.items.some((i) => i.domain === domain && i.kind.startsWith('app-'))
    await waitFor('the restart loop to show', () => has(reports.at(-1), sick), 30_000)
    // Confirmed by a later round than the one that first saw it: it has been a problem since before this report.
    const shown = reports.at(-1)!
    const item = shown.items.find((i) => i.domain === sick && i.kind.startsWith('app-'))!
    expect(Date.parse(item.since)).toBeLessThan(Date.parse(shown.checkedAt!))
    await deployApp(sick, true)
    await waitFor('the app to be fine again', async () => {
      const r = await call(core, 'health.get', {})
      return !has(r, sick) && r.items.some((i) => i.server === 'ghost')
    }, 60_000)

    // The history file (SQLite, read here by a second History on the same
    // file, as the CLI would): the incident from start to end, the app's
    // minutes down and up, and the rig's disk and memory.
    const history = await History.open({ file: core.paths.historyFile })
    try {
      const range = { from: Date.now() - 10 * 60_000, to: Date.now() + 60_000 }
      let seen: Awaited<ReturnType<History['incidents']>> = []
      await waitFor(
        'the incident to be closed in the history',
        async () => {
          seen = await history.incidents(`app:rigbox/${sick}`, range)
          const troubles = seen.filter((i) => i.kind === 'app')
          return troubles.length === 1 && troubles[0].end !== null
        },
        10_000,
        { detail: () => `the history has ${JSON.stringify(seen)}` }
      )
      // The restart loop, from start to end; its never-made backup is an incident of its own, still open.
      const [incident, backup] = [seen.find((i) => i.kind === 'app')!, seen.find((i) => i.kind === 'backup')]
      expect(incident).toMatchObject({ reason: 'app-restarting' })
      expect(backup).toMatchObject({ reason: 'backup-never', end: null })
      expect(incident.end!).toBeGreaterThan(incident.start)
      const up = await history.series(`app:rigbox/${sick}`, 'up', range)
      expect(up.some((p) => p.min === 0)).toBe(true)
      expect((await history.incidents('server:ghost', range)).map((i) => [i.kind, i.end])).toEqual([['server', null]])
      const disk = await history.series('server:rigbox', 'disk.used.pct:/', range)
      expect(disk.length).toBeGreaterThan(0)
      expect(disk[0].value).toBeGreaterThan(0)
      expect((await history.series('server:rigbox', 'memory.used.pct', range)).length).toBeGreaterThan(0)
    } finally {
      await history.close()
    }
  }, 120_000)
})

describe('an app’s page on the rig', () => {
  it('uptime and the restart loop from the history, CPU and memory measured now, and the volume’s size', async () => {
    // A core without a monitor reads the history file the monitor above wrote (same data folder), as the window would after a restart.
    const core = newCore()
    const h = await call(core, 'health.app', { server: 'rigbox', domain: sick })
    expect(h.history).toBe(true)
    expect([h.day.slots.length, h.week.slots.length]).toEqual([48, 42])
    const seen = h.day.slots.filter((x) => x.state !== 'none')
    expect(seen.length).toBeGreaterThan(0)
    // The restart loop's down minutes are in the strip; the time before the tests is no data, not up.
    expect(seen.some((x) => x.state === 'partial' || x.state === 'down')).toBe(true)
    expect(h.day.slots[0].state).toBe('none')
    expect(h.day.upPct).toBeLessThan(100)
    expect(h.day.downTimes).toBe(1)
    expect(h.incidents.filter((i) => i.kind === 'app')).toEqual([{ kind: 'app', reason: 'app-restarting', start: expect.any(String), end: expect.any(String) }])
    expect(h.incidents.some((i) => i.kind === 'backup')).toBe(false)

    // Docker's one-shot stats, over SSH, for the app shown only.
    const usage = await call(core, 'health.appUsage', { server: 'rigbox', domain: fine, hours: 1 })
    expect(usage.error).toBeUndefined()
    expect(usage.services.map((x) => x.service)).toEqual(['app'])
    const [app] = usage.services
    expect(app.now!.memBytes).toBeGreaterThan(0)
    expect(app.now!.cpuPct).toBeGreaterThanOrEqual(0)
    expect(app.memory.map((p) => p.value)).toEqual([app.now!.memBytes])
    const kept = await History.open({ file: core.paths.historyFile })
    try {
      const mem = await kept.series(`app:rigbox/${fine}`, 'mem.bytes:app', { from: Date.now() - 5 * 60_000, to: Date.now() + 60_000 })
      expect(mem.map((p) => p.value)).toEqual([app.now!.memBytes])
    } finally {
      await kept.close()
    }
    // Asked again at once: read from the history, not measured again.
    const again = await call(core, 'health.appUsage', { server: 'rigbox', domain: fine, hours: 1 })
    expect(again.measuredAt).toBe(usage.measuredAt)

    // The volume the app wrote 1 MiB to, sized by Docker's disk usage.
    const { volumes } = await call(core, 'health.appVolumes', { server: 'rigbox', domain: fine })
    expect(volumes).toEqual([{ name: 'data', volume: `${stackNameFor(fine)}_data`, bytes: expect.any(Number) }])
    expect(volumes[0].bytes).toBeGreaterThanOrEqual(VOLUME_BYTES)
    expect(volumes[0].bytes).toBeLessThan(VOLUME_BYTES + 64 * 1024)
    // An app this computer doesn't know is refused, not measured.
    expect((await callError(core, 'health.appUsage', { server: 'rigbox', domain: `nope-${id}.health.test`, hours: 1 })).code).toBe('app-unknown')
  }, 60_000)
})

describe('certificates and domains, checked from this computer', () => {
  // A DNS server and a TLS server on loopback stand in for the internet: the
  // fine app's domain points at the rig (127.0.0.1, where rigbox is) and its
  // certificate runs out in 3 days; the sick app's domain points at another
  // machine (127.0.0.2), where nothing answers on the port.
  let dns: DnsServer
  let site: net.Server
  let openssl: Openssl
  let caCert: string

  beforeAll(async () => {
    openssl = new Openssl()
    const ca = openssl.authority('health-ca', 'Health Test CA')
    const soon = openssl.leaf(ca, 'fine', [fine], daysFromNow(-80), daysFromNow(3))
    site = tls.createServer({ key: soon.key, cert: soon.cert })
    site.on('tlsClientError', () => {})
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    dns = await dnsServer({ [fine]: ['127.0.0.1'], [sick]: ['127.0.0.2'] })
    caCert = ca.cert
  })

  afterAll(async () => {
    await dns?.close()
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()))
    openssl?.cleanup()
  })

  it('flags a certificate about to run out and a domain that points elsewhere, in plain words', async () => {
    const port = (site.address() as net.AddressInfo).port
    const core = newCore({ checkFromHere: { resolver: dns.resolver(), port, ca: caCert } })
    const report = await call(core, 'health.get', {})
    const byKind = (domain: string) => report.items.filter((i) => i.domain === domain).map((i) => i.kind).sort()
    expect(byKind(fine)).toEqual(['backup-never', 'cert-expiring'])
    // (The sick app was fixed by the test above.)
    expect(byKind(sick)).toEqual(['backup-never', 'domain-elsewhere', 'site-unreachable'])
    const expiring = report.items.find((i) => i.domain === fine && i.kind === 'cert-expiring')!
    expect(expiring.title).toBe(`${fine}’s certificate runs out in 3 days`)
    expect(expiring.detail).toMatch(new RegExp(`^The certificate for ${fine.replace(/\./g, '\\.')} runs out in 3 days`))
    const elsewhere = report.items.find((i) => i.domain === sick && i.kind === 'domain-elsewhere')!
    expect(elsewhere.detail).toContain('127.0.0.2')
    expect(report.cantCheckFromHere).toBeUndefined()
  }, 120_000)
})
