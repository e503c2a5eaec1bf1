import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AppSummary } from '../src-main/contract/apps'
import type { History as HistoryClass } from '../src-main/monitoring/history'
import type { ServerCheck } from '../src-main/monitoring/monitor'
import { roundSamples } from '../src-main/monitoring/recorder'
import type { DiskUsage } from '../src-main/monitoring/server-usage'
import { median } from './support'

// What keeping Health's history costs the laptop, without the rig (issue 11,
// "Cheap."): the background monitor's samples for SERVERS servers of APPS
// apps (recorder.ts's roundSamples), into a fresh history file in a
// temporary folder, for ROUNDS rounds a minute apart on an injected clock
// (so thin() runs once an hour of that clock, as in the app); once with one
// record() per server and round, and once with one record() for all the
// servers' rounds (what service.ts does with rounds that end close
// together). Prints the CPU this process spends per round (user + system,
// all threads: proper-lockfile's file work runs on libuv's pool), the median
// and the mean (the mean carries the hourly thin()), after WARMUP rounds
// that create the series. A figure, not a test.
// BENCH_HISTORY_MODULE=/path/to/history.ts measures another version of
// history.ts (e.g. `git show <commit>:src-main/monitoring/history.ts`, saved
// next to a node_modules link) for a before/after in the same conditions.

const SERVERS = Number(process.env.BENCH_MONITOR_SERVERS ?? 10)
const APPS = Number(process.env.BENCH_APPS ?? 50)
const ROUNDS = Number(process.env.BENCH_HISTORY_ROUNDS ?? 180)
const WARMUP = 3
const MINUTE = 60_000

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

const disk = (mount: string, usedPct: number): DiskUsage => ({ mount, paths: [mount], totalBytes: 100e9, usedBytes: usedPct * 1e9, usedPct }) as DiskUsage

function checkOf(server: string): ServerCheck {
  const apps: AppSummary[] = Array.from({ length: APPS }, (_, i) => ({
    server,
    domain: `app${i}.${server}.example.org`,
    envFile: `/home/me/.abra/servers/${server}/app${i}.env`,
    stackName: `app${i}_${server}`,
    deployed: true,
    chaos: false,
    health: 'healthy',
    words: 'Your app is running and healthy',
    services: []
  })) as unknown as AppSummary[]
  return {
    reached: true,
    usage: {
      disks: [
        disk('/', 40),
        disk('/var/lib/docker', 25)
      ],
      memory: { totalBytes: 8e9, availableBytes: 3e9, usedPct: 62.5 },
      load: { one: 0.4, five: 0.3, fifteen: 0.2, cpus: 2 }
    },
    apps
  }
}

/** Rounds on a fresh file: one record() per server (`together` false) or one for all servers' rounds (service.ts batches them). */
async function measure(History: typeof HistoryClass, together: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-history-'))
  const servers = Array.from({ length: SERVERS }, (_, i) => `server${i}`)
  const checks = new Map(servers.map((s) => [s, checkOf(s)]))
  let clock = Date.UTC(2026, 0, 5, 9, 0, 30)
  const h = await History.open({ file: path.join(dir, 'history.sqlite'), now: () => clock })
  try {
    const perRound: number[] = []
    const wall: number[] = []
    for (let r = 0; r < WARMUP + ROUNDS; r++) {
      const startCpu = cpuMs()
      const startWall = performance.now()
      const rounds = servers.map((server) => roundSamples(server, checks.get(server) as ServerCheck, [], clock))
      if (together) await h.record(rounds.flat())
      else for (const samples of rounds) await h.record(samples)
      if (r >= WARMUP) {
        perRound.push(cpuMs() - startCpu)
        wall.push(performance.now() - startWall)
      }
      clock += MINUTE
    }
    const mean = perRound.reduce((a, b) => a + b, 0) / perRound.length
    console.log(`  ${together ? 'one record() a round  ' : 'one record() a server '}  CPU per round: median ${median(perRound).toFixed(1)} ms, mean ${mean.toFixed(1)} ms (with the hourly thin), max ${Math.max(...perRound).toFixed(1)} ms; ${((mean / 60_000) * 100).toFixed(3)} % of one core at 60 s; wall median ${median(wall).toFixed(1)} ms`)
  } finally {
    await h.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const module_ = process.env.BENCH_HISTORY_MODULE ? path.resolve(process.env.BENCH_HISTORY_MODULE) : '../src-main/monitoring/history'
  const { History } = (await import(module_)) as { History: typeof HistoryClass }
  const samples = roundSamples('s', checkOf('s'), [], 0).length * SERVERS
  console.log(`\nHistory writes (${process.env.BENCH_HISTORY_MODULE ?? 'src-main/monitoring/history.ts'}), ${SERVERS} servers × ${APPS} apps (${samples} samples a round), ${ROUNDS} rounds a minute apart on an injected clock, no rig:`)
  await measure(History, false)
  await measure(History, true)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
