import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HealthAlert, HealthReport } from '../../src-main/contract/health'
import { createCore, type Core, type CoreOptions } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { sizeText } from '../../src-main/i18n/i18n'
import { loadRig, type Rig } from '../rig/rig'
import { startOwnSshd, type OwnSshd } from '../support/faults'
import { call, homeWithSshConfig, sleep, waitFor } from './support'

// Health when something goes wrong on a server, against the rig: its disk
// fills up, and its sshd dies and comes back. Each fault is made on an sshd
// of the test's own (test/support/faults.ts), so the rig's sshd, dockerd and
// disk stay as every other test needs them.
let rig: Rig
const cores: Core[] = []
const sshds: OwnSshd[] = []
const homes: string[] = []

/** A home whose ~/.ssh/config has the rig's aliases (rigbox…) and `alias` for our own sshd on `port`, as the rig's docker user. */
function homeWith(alias: string, port: number): string {
  const home = homeWithSshConfig(rig)
  homes.push(home)
  fs.appendFileSync(path.join(home, '.ssh/config'), `\nHost ${alias}\n  HostName 127.0.0.1\n  Port ${port}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`)
  return home
}

function newCore(home: string, options: Pick<CoreOptions, 'monitor'>): Core {
  const core = createCore({ transport: 'cli', env: { HOME: home }, home, ...options })
  cores.push(core)
  return core
}

async function addServer(core: Core, alias: string, port: number): Promise<void> {
  const probe = await call(core, 'servers.probeHostKey', { hostname: alias, port })
  if (probe.status !== 'known') await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(core, 'servers.add', { kind: 'ssh', host: alias })
}

/** Every health.changed report and health.alert from now on, in order. */
function heard(core: Core): { reports: HealthReport[]; alerts: HealthAlert[] } {
  const out = { reports: [] as HealthReport[], alerts: [] as HealthAlert[] }
  core.events.subscribe((name, payload) => {
    if (name === 'health.changed') out.reports.push(payload as HealthReport)
    if (name === 'health.alert') out.alerts.push(payload as HealthAlert)
  })
  return out
}

const at = (r: HealthReport): number => Date.parse(r.checkedAt ?? '')

beforeAll(() => {
  rig = loadRig()
})

afterAll(async () => {
  for (const core of cores) await core.close()
  for (const sshd of sshds) await sshd.close()
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

describe('Health when a server’s disk fills up', () => {
  it('a data root filled past 90% gives a disk alert naming the server and the free space, cleared once space is freed', async () => {
    // The path the check reads: Docker's data root as the engine reports it.
    const dataRoot = ((await dockerLocal(rig.docker.socket).info()) as { DockerRootDir: string }).DockerRootDir
    // A 16 MiB tmpfs there, seen only by this sshd's sessions (its own mount namespace).
    const sshd = await startOwnSshd(rig, { mountNamespace: { tmpfs: dataRoot, sizeMb: 16 } })
    sshds.push(sshd)
    const fill = path.join(dataRoot, 'ccd-health-fill')
    const total = 16 * 1024 * 1024
    sshd.run(['sh', '-c', 'head -c "$1" /dev/zero > "$2"', 'sh', String(Math.floor((0.91 * total) / 4096) * 4096), fill])
    // What df says there (1 KiB blocks), as the app's check reads it.
    const [, size, used, avail] = sshd.run(['df', '-P', '-k', dataRoot]).trim().split('\n')[1].split(/\s+/).map(Number)
    expect(size * 1024).toBe(total)
    const usedPct = (100 * used) / (used + avail)
    expect(usedPct).toBeGreaterThanOrEqual(90)
    expect(usedPct).toBeLessThan(95)
    // Only there: this process (and dockerd) still see the real disk.
    expect(fs.statfsSync(dataRoot).blocks * fs.statfsSync(dataRoot).bsize).not.toBe(total)

    const intervalMs = 2000
    const core = newCore(homeWith('diskbox', sshd.port), { monitor: { intervalMs } })
    const { reports, alerts } = heard(core)
    await addServer(core, 'diskbox', sshd.port)
    const key = `disk:diskbox:${dataRoot}`
    const shown = await waitFor('the disk item', () => reports.find((r) => r.items.some((i) => i.key === key)), 30_000, {
      detail: () => `last report: ${JSON.stringify(reports.at(-1))}`
    })
    const item = shown.items.find((i) => i.key === key)!
    const free = sizeText(avail * 1024)
    expect(item).toMatchObject({
      kind: 'disk-full',
      // 85% needs attention, 95% is critical.
      severity: 'warning',
      server: 'diskbox',
      title: `diskbox’s disk is ${Math.floor(usedPct)}% full`,
      detail: `${free} free of ${sizeText(total)} on the disk that holds ${dataRoot}.`
    })
    // In plain words: about 1.5 MB free of 17 MB.
    expect(item.detail).toMatch(/^1\.\d MB free of 17 MB on the disk that holds /)
    // Confirmed by a second round: it has been seen since before this report.
    expect(Date.parse(item.since)).toBeLessThan(at(shown))
    // Announced once, with the same words (once the history has it: alerts may come a moment after the report).
    await waitFor('the disk alert', () => alerts.some((a) => a.item.key === key), 10_000)
    expect(alerts.filter((a) => a.item.key === key)).toEqual([{ change: 'became', item: expect.objectContaining({ key }), title: item.title, body: item.detail }])
    // The disk holding "/" is not that one, and is not flagged for it.
    expect(shown.items.filter((i) => i.kind === 'disk-full' && i.server === 'diskbox').map((i) => i.key)).toEqual([key])

    sshd.run(['rm', fill])
    const freedAt = Date.now()
    // One good round clears it: the one under way may still have read the full disk, the next cannot.
    const cleared = await waitFor('the disk item to clear', () => reports.find((r) => at(r) > freedAt && !r.items.some((i) => i.key === key)), 3 * intervalMs + 5000, {
      detail: () => `last report: ${JSON.stringify(reports.at(-1))}`
    })
    expect(cleared.items.filter((i) => i.kind === 'disk-full' && i.server === 'diskbox')).toEqual([])
    await waitFor('the disk alert’s “fixed”', () => alerts.some((a) => a.item.key === key && a.change === 'cleared'), 10_000)
    expect(alerts.filter((a) => a.item.key === key).map((a) => [a.change, a.title])).toEqual([
      ['became', item.title],
      ['cleared', `Fixed: ${item.title}`]
    ])
  }, 60_000)
})

describe('Health when a server’s sshd dies', () => {
  it('is unreachable from the second failed round, the other server is still checked on time, and it clears once sshd is back', async () => {
    const sshd = await startOwnSshd(rig)
    sshds.push(sshd)
    // A check's time limit is half the interval, at least 1 s (monitor.ts).
    const intervalMs = 2000
    const timeoutMs = 1000
    const home = homeWith('abox', sshd.port)
    // Added before the monitor starts, so it finds both at once and checks them at the same moments.
    const setup = createCore({ transport: 'cli', env: { HOME: home }, home })
    try {
      await addServer(setup, 'abox', sshd.port)
      await addServer(setup, 'rigbox', rig.sshd.port)
    } finally {
      await setup.close()
    }
    const core = newCore(home, { monitor: { intervalMs } })
    const { reports, alerts } = heard(core)

    // Each server's rounds as its page sees them (health.server: the latest round's time and whether it answered).
    type Round = { at: number; reached: boolean }
    const rounds: Record<'abox' | 'rigbox', Round[]> = { abox: [], rigbox: [] }
    let polling = true
    let slowestPollMs = 0
    let pollError: unknown
    const poller = (async () => {
      while (polling && !pollError) {
        const started = Date.now()
        await Promise.all(
          (['abox', 'rigbox'] as const).map(async (server) => {
            const h = await call(core, 'health.server', { server, hours: 1 })
            const list = rounds[server]
            if (h.checkedAt !== undefined && list.at(-1)?.at !== h.checkedAt) list.push({ at: h.checkedAt, reached: h.unreachable === undefined })
          })
        ).catch((err: unknown) => (pollError = err))
        slowestPollMs = Math.max(slowestPollMs, Date.now() - started)
        await sleep(25)
      }
    })()
    const timeline = (): string => `rounds ${JSON.stringify(rounds)}, slowest poll ${slowestPollMs} ms${pollError ? `, poll failed: ${String(pollError)}` : ''}`
    try {
      // Both answered, twice (the links are up and settled).
      await waitFor('both servers to answer twice', () => rounds.abox.filter((r) => r.reached).length >= 2 && rounds.rigbox.filter((r) => r.reached).length >= 2, 30_000, { detail: timeline })
      expect(reports.at(-1)!.items.filter((i) => i.kind === 'server-unreachable')).toEqual([])

      // sshd and its sessions are killed: the app's connection drops, new ones are refused.
      const killedAt = Date.now()
      await sshd.kill()
      const isDown = (r: HealthReport): boolean => r.items.some((i) => i.key === 'server:abox')
      const first = await waitFor('abox to be reported unreachable', () => reports.find(isDown), 10 * intervalMs, { detail: timeline })
      const item = first.items.find((i) => i.key === 'server:abox')!
      expect(item).toMatchObject({ kind: 'server-unreachable', severity: 'critical', server: 'abox', title: 'The server abox can’t be reached' })
      // The first failed round (the streak's start) was reported, without the item; the next one of abox's rounds confirmed it.
      const since = Date.parse(item.since)
      expect(since).toBeGreaterThanOrEqual(killedAt)
      const atFirstFailure = reports.filter((r) => at(r) === since)
      expect(atFirstFailure.length).toBeGreaterThan(0)
      expect(atFirstFailure.some(isDown)).toBe(false)
      await waitFor('abox’s confirming round to be seen on its page', () => rounds.abox.some((r) => r.at >= at(first)), 5 * intervalMs, { detail: timeline })
      const aboxRounds = rounds.abox.filter((r) => r.at >= since && r.at <= at(first))
      expect(aboxRounds, timeline()).toEqual([
        { at: since, reached: false },
        { at: at(first), reached: false }
      ])

      // Down for a few more of its rounds (each waits out its time limit), while rigbox goes on.
      await waitFor('three more failed rounds of abox', () => rounds.abox.filter((r) => r.at > at(first)).length >= 3, 10 * intervalMs, { detail: timeline })
      const restartAt = Date.now()
      await sshd.start()
      const back = await waitFor('abox to be fine again', () => reports.find((r) => at(r) > restartAt && !isDown(r)), 40_000, { detail: timeline })
      expect(back.items.filter((i) => i.kind === 'server-unreachable')).toEqual([])
      await waitFor('abox’s “fixed” alert', () => alerts.some((a) => a.item.key === 'server:abox' && a.change === 'cleared'), 10_000)
      expect(alerts.filter((a) => a.item.key === 'server:abox').map((a) => a.change)).toEqual(['became', 'cleared'])
      await waitFor('abox’s good round to be seen on its page', () => rounds.abox.some((r) => r.at >= at(back) && r.reached), 5 * intervalMs, { detail: timeline })

      // While abox was down (from the kill until it answered again) its
      // rounds waited out their time limit, and rigbox's came on time. Each
      // server's next check starts one interval after its last one started,
      // so rigbox's rounds end an interval apart, give or take how long one
      // check of rigbox takes: had abox's checks held rigbox's up (one loop
      // for all servers, or a lock they share), they would end later than
      // that, by up to abox's time limit, or further apart. Their ends keep
      // the place they had before the kill in the interval (the time limit
      // is half the interval, so a shift by it can't pass for a whole round).
      const down = rounds.abox.filter((r) => r.at > killedAt && r.at <= at(back))
      expect(down.filter((r) => !r.reached).length).toBeGreaterThanOrEqual(5)
      const other = rounds.rigbox.filter((r) => r.at > killedAt && r.at <= at(back))
      expect(other.every((r) => r.reached), timeline()).toBe(true)
      const gaps = other.slice(1).map((r, i) => r.at - other[i].at)
      expect(gaps.length).toBeGreaterThanOrEqual(Math.floor((at(back) - killedAt) / intervalMs) - 2)
      expect(Math.max(...gaps), timeline()).toBeLessThan(intervalMs + timeoutMs / 2)
      const before = rounds.rigbox.filter((r) => r.at <= killedAt).at(-1)!
      const shift = (t: number): number => {
        const d = (t - before.at) % intervalMs
        return d > intervalMs / 2 ? d - intervalMs : d
      }
      const shifts = other.map((r) => shift(r.at))
      expect(Math.max(...shifts.map(Math.abs)), `shifts ${JSON.stringify(shifts)}; ${timeline()}`).toBeLessThan(timeoutMs / 2)
      expect(reports.some((r) => r.items.some((i) => i.key === 'server:rigbox'))).toBe(false)
    } finally {
      polling = false
      await poller
    }
  }, 90_000)
})
