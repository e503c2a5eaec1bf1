import { execFile, spawn } from 'node:child_process'
import { promises as dnsPromises } from 'node:dns'
import { PerformanceObserver } from 'node:perf_hooks'
import crypto from 'node:crypto'
import fs from 'node:fs'
import readline from 'node:readline'
import inspector from 'node:inspector'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import { stackNameFor } from '../src-main/compose/env'
import type { AppSummary } from '../src-main/contract/apps'
import { createCore, type Core } from '../src-main/core/core'
import { archivePath, ensurePrivateDir, backupDir, newBackupId, writeSidecar } from '../src-main/backups/store'
import { resolvePaths } from '../src-main/core/paths'
import { dockerLocal } from '../src-main/docker/transport'
import { FINE_KEPT_MS, fromHereChecker } from '../src-main/monitoring/from-here'
import { usageCommand } from '../src-main/monitoring/server-usage'
import { SshLink } from '../src-main/ssh/link'
import { homeWithSshConfig } from '../test/integration/support'
import { loadRig, REPO_ROOT } from '../test/rig/rig'
import { benchStacks, call, median, noKeychain } from './support'

// What Health's monitoring costs (issue 11, "Cheap."):
// 1. one round for APPS apps on one server, in Docker API calls, SSH execs
//    and ms, next to a script around the docker CLI asking the same over
//    the same SSH (service ls, service ps, node ls, and one ssh for df and
//    /proc), measured in the same run;
// 2. one round for SERVERS servers (aliases of the rig's sshd in
//    ~/.ssh/config, each its own connection), each with the same APPS apps;
// 3. the CPU this process spends while the core's background monitor
//    watches those servers at the default interval (60 s), checking the
//    apps' certificates and domains from here too, as the window does;
// 4. what one look at every app's certificate and domain costs, spread over
//    the time an answer with nothing wrong is kept (FINE_KEPT_MS), added to
//    3 for the figure judged against the target of under 1% of one core.
// The internet is stood in for by a DNS server and a TLS server (a wildcard
// certificate from the bench's own authority) on loopback.
// The apps are tiny stacks (one busybox `sleep` service, labelled as abra
// labels them), each with BACKUPS verified backups (sidecar and an empty
// archive), so nothing is flagged and a round is one look. The counts come
// from wrapping docker-modem's dial and SshLink here, in the bench only.
// Everything made here is removed at the end, on failure too.

const APPS = Number(process.env.BENCH_APPS ?? 50)
const SERVERS = Number(process.env.BENCH_MONITOR_SERVERS ?? 10)
const BACKUPS = Number(process.env.BENCH_MONITOR_BACKUPS ?? 7)
const ROUNDS = Number(process.env.BENCH_MONITOR_ROUNDS ?? 10)
const CLI_ROUNDS = Number(process.env.BENCH_MONITOR_CLI_ROUNDS ?? 5)
/** Intervals of the background monitor measured for the CPU figure (0: skip it). */
const CPU_ROUNDS = Number(process.env.BENCH_MONITOR_CPU_ROUNDS ?? 3)
const INTERVAL_MS = Number(process.env.BENCH_MONITOR_INTERVAL_MS ?? 60_000)
const CPU_TARGET_PCT = 1
/** A file to write a CPU profile of the measured rounds to (.cpuprofile, for Chrome's DevTools). */
const PROFILE = process.env.BENCH_MONITOR_PROFILE

const rig = loadRig()
const run = promisify(execFile)
const tag = crypto.randomBytes(3).toString('hex')
const benchLabel = 'ccd-bench-monitoring'
// Counters: every Docker API request of this process goes through
// docker-modem's dial, every SSH command through SshLink.exec, every
// sign-in through SshLink's adopt.
const counts = { docker: 0, exec: 0, handshakes: 0 }
{
  const Modem = createRequire(import.meta.url)('docker-modem') as { prototype: { dial: (...a: unknown[]) => unknown } }
  const dial = Modem.prototype.dial
  Modem.prototype.dial = function (this: unknown, ...a: unknown[]) {
    counts.docker++
    return dial.apply(this, a)
  }
  const proto = SshLink.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
  const exec = proto.exec
  proto.exec = function (this: unknown, ...a: unknown[]) {
    counts.exec++
    return exec.apply(this, a)
  }
  const adopt = proto.adopt
  proto.adopt = function (this: unknown, ...a: unknown[]) {
    counts.handshakes++
    return adopt.apply(this, a)
  }
}
/** The V8 profiler through the inspector, so what the CPU figure is spent on can be looked at. */
async function startProfile(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new inspector.Session()
  session.connect()
  const post = <T>(method: string, params?: object): Promise<T> => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))))
  await post('Profiler.enable')
  // Every 4 ms rather than V8's 1 ms: the sampling itself costs CPU, and a round takes a second or so of it.
  await post('Profiler.setSamplingInterval', { interval: 4000 })
  await post('Profiler.start')
  // And what is allocated (the garbage collector's work), sampled every 32 kB.
  await post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  return {
    async stop(file) {
      const { profile } = await post<{ profile: object }>('Profiler.stop')
      const { profile: heap } = await post<{ profile: object }>('HeapProfiler.stopSampling')
      session.disconnect()
      fs.writeFileSync(file, JSON.stringify(profile))
      fs.writeFileSync(file.replace(/\.cpuprofile$/, '') + '.heapprofile', JSON.stringify(heap))
      return `${file} and its .heapprofile`
    }
  }
}

const snapshot = () => ({ ...counts })
const since = (before: typeof counts) => ({ docker: counts.docker - before.docker, exec: counts.exec - before.exec, handshakes: counts.handshakes - before.handshakes })

/** BACKUPS verified daily backups per app, the newest an hour old: what a week of backups leaves. */
async function fakeBackups(home: string, domains: string[]): Promise<void> {
  const paths = resolvePaths({ HOME: home }, home)
  for (const domain of domains) {
    await ensurePrivateDir(paths, backupDir(paths, domain))
    for (let i = 0; i < BACKUPS; i++) {
      const at = new Date(Date.now() - 3600_000 - i * 86_400_000)
      const id = newBackupId(at)
      fs.writeFileSync(archivePath(paths, domain, id), '')
      await writeSidecar(paths, {
        id,
        domain,
        server: 'rigbox',
        file: archivePath(paths, domain, id),
        createdAt: at.toISOString(),
        size: 0,
        services: ['app'],
        verified: true,
        verifiedAt: at.toISOString(),
        stackName: stackNameFor(domain),
        archiveSha256: '0'.repeat(64),
        volumes: [{ service: 'app', volume: 'data', mountPath: '/data', files: 1, bytes: 0 }],
        hooks: []
      })
    }
  }
}

interface Measured {
  ms: number
  calls: ReturnType<typeof since>
  note: string
}

async function rounds(label: string, n: number, fn: () => Promise<{ calls: ReturnType<typeof since>; note: string }>): Promise<Measured | undefined> {
  try {
    await fn() // warm-up: connecting and the once-per-server questions are not a round
    const times: number[] = []
    let last = { calls: { docker: 0, exec: 0, handshakes: 0 }, note: '' }
    for (let i = 0; i < n; i++) {
      const t = performance.now()
      last = await fn()
      times.push(performance.now() - t)
    }
    const m = median(times)
    console.log(`  ${label.padEnd(58)} ${m.toFixed(1).padStart(8)} ms  (median of ${n}; ${last.note})`)
    return { ms: m, ...last }
  } catch (err) {
    console.log(`  ${label.padEnd(58)} skipped: ${(err as Error).message.split('\n')[0]}`)
    return undefined
  }
}

const callWords = (c: ReturnType<typeof since>): string => `${c.docker} Docker API calls, ${c.exec} SSH execs${c.handshakes ? `, ${c.handshakes} sign-ins` : ''}`

async function main(): Promise<void> {
  const docker = dockerLocal(rig.docker.socket)
  const stacks = benchStacks(docker, rig.image, benchLabel, tag)
  const home = homeWithSshConfig(rig)
  const { host, port, users, key, hostKeyFiles } = rig.sshd
  const aliases = Array.from({ length: SERVERS }, (_, i) => (i === 0 ? 'rigbox' : `rigbox-${i}`))
  // More names for the rig's sshd, as someone with several servers has them in ~/.ssh/config.
  fs.appendFileSync(path.join(home, '.ssh/config'), aliases.slice(1).map((a) => `\nHost ${a}\n  HostName ${host}\n  Port ${port}\n  User ${users.docker}\n  IdentityFile ${key}\n  IdentitiesOnly yes\n`).join(''))
  // The docker CLI dials with OpenSSH, which finds ~/.ssh through the passwd
  // entry, not $HOME; a wrapper first on PATH hands it our settings instead.
  const knownHosts = path.join(home, '.ssh', 'bench_known_hosts')
  const hostId = port === 22 ? host : `[${host}]:${port}`
  fs.writeFileSync(knownHosts, hostKeyFiles.map((f) => `${hostId} ${fs.readFileSync(`${f}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`).join(''))
  const cliConfig = path.join(home, '.ssh', 'cli_config')
  fs.writeFileSync(cliConfig, `Host *\n  IdentityFile ${key}\n  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking yes\n  UserKnownHostsFile ${knownHosts}\n`)
  const bin = path.join(home, 'bin')
  fs.mkdirSync(bin)
  fs.writeFileSync(path.join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${cliConfig} "$@"\n`, { mode: 0o755 })
  const cliEnv = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), PATH: `${bin}:${process.env.PATH}` }

  const domains = Array.from({ length: APPS }, (_, i) => `m${i}-${tag}.bench.example`)
  const ours = new Set(domains.map(stackNameFor))
  const started = performance.now()
  let core: Core | undefined
  let closeInternet = async (): Promise<void> => {}
  // Once, from the finally below or from Ctrl-C / a timeout's SIGTERM: the stacks and the home are this run's to remove.
  let tidied: Promise<void> | undefined
  const tidy = (): Promise<void> =>
    (tidied ??= (async () => {
      await core?.close().catch(() => {})
      await closeInternet()
      await stacks.remove()
      fs.rmSync(home, { recursive: true, force: true })
      console.log(`  (removed the ${APPS} bench stacks and the bench's home; whole run ${((performance.now() - started) / 1000).toFixed(1)} s)`)
    })())
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void tidy().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15))))
  try {
    core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain: noKeychain })
    for (const alias of aliases) {
      const probe = await call(core, 'servers.probeHostKey', { hostname: alias, port })
      if (probe.status !== 'known') await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
      const { name } = await call(core, 'servers.add', { kind: 'ssh', host: alias })
      const dir = path.join(home, '.abra', 'servers', name)
      for (const d of domains) fs.writeFileSync(path.join(dir, `${d}.env`), `TYPE=ccd-bench:1.0.0\nDOMAIN=${d}\n`)
    }
    await fakeBackups(home, domains)
    await stacks.create(domains)
    const running = await stacks.waitRunning(APPS)
    console.log(
      `Monitoring: one round of Health's checks (${running}/${APPS} ${rig.image} sleep stacks running, ${BACKUPS} backups each; set up in ${((performance.now() - started) / 1000).toFixed(1)} s)`
    )

    // One round, as the CLI's `health` asks it: every server once, and once
    // more only when something was found (nothing is, here: a second look
    // would show as twice the calls).
    const round = (server?: string) => async () => {
      const before = snapshot()
      const report = await call(core!, 'health.get', server ? { server } : {})
      const c = since(before)
      return { calls: c, note: `${callWords(c)}; ${report.items.length} problems` }
    }
    // The same facts from the docker CLI over ssh://, one process per
    // command: services, then their tasks; nodes; and one ssh for disk,
    // memory and load. What doesn't depend on another runs at once.
    const cliRound = async (): Promise<{ calls: ReturnType<typeof since>; note: string }> => {
      const docker_ = (args: string[]) => run('docker', ['-H', `ssh://${users.docker}@${host}:${port}`, ...args], { env: cliEnv, maxBuffer: 64 << 20 })
      const tasks = async (): Promise<number> => {
        const ls = await docker_(['service', 'ls', '--filter', 'label=com.docker.stack.namespace', '--format', '{{.Name}} {{.Replicas}}'])
        const names = ls.stdout.split('\n').map((l) => l.split(' ')[0]).filter((n) => ours.has(n.replace(/_app$/, '')))
        const ps = await docker_(['service', 'ps', '--format', '{{.Name}} {{.CurrentState}}', ...names])
        return ps.stdout.split('\n').filter((l) => / Running /.test(l)).length
      }
      const usage = run('ssh', [`${users.docker}@${host}`, '-p', String(port), usageCommand()], { env: cliEnv })
      const [runningTasks] = await Promise.all([tasks(), docker_(['node', 'ls', '-q']), usage])
      return { calls: { docker: 0, exec: 0, handshakes: 0 }, note: `${runningTasks} running tasks; 4 processes, 4 SSH sign-ins` }
    }

    console.log(`1. ${APPS} apps on one server (rigbox, over SSH)`)
    const one = await rounds('core health round (services, tasks; df and /proc)', ROUNDS, round('rigbox'))
    const cliOne = await rounds('docker CLI over ssh:// (service ls, service ps, node ls; ssh)', CLI_ROUNDS, cliRound)
    if (one && cliOne) console.log(`  docker CLI / core = ${(cliOne.ms / one.ms).toFixed(1)}x the time of a round`)

    console.log(`2. ${SERVERS} servers (each its own SSH connection to the rig), ${APPS} apps each`)
    const all = await rounds(`core health round, ${SERVERS} servers at once`, ROUNDS, round())
    const cliAll = await rounds(`docker CLI over ssh://, ${SERVERS} servers at once`, CLI_ROUNDS, async () => {
      await Promise.all(aliases.map(() => cliRound()))
      return { calls: { docker: 0, exec: 0, handshakes: 0 }, note: `${SERVERS * 4} processes, ${SERVERS * 4} SSH sign-ins` }
    })
    if (all && cliAll) console.log(`  docker CLI / core = ${(cliAll.ms / all.ms).toFixed(1)}x the time of a round`)
    if (one && all) console.log(`  per server: ${(all.calls.docker / SERVERS).toFixed(1)} Docker API calls and ${(all.calls.exec / SERVERS).toFixed(1)} SSH execs a round, whatever its number of apps`)
    await core.close()
    core = undefined

    // The internet, for the checks from here (bench/stand-in-internet.ts, a
    // process of its own): every app's domain leads to the rig (127.0.0.1,
    // where its servers are), where a TLS server presents a certificate
    // for *.bench.example good for 60 days.
    const list = path.join(home, 'domains.txt')
    fs.writeFileSync(list, domains.join('\n'))
    const standIn = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO_ROOT, 'bench', 'stand-in-internet.ts'), list], { stdio: ['pipe', 'pipe', 'inherit'] })
    closeInternet = async () => {
      standIn.stdin.end()
      await new Promise((resolve) => (standIn.exitCode !== null ? resolve(undefined) : standIn.once('exit', resolve)))
    }
    const replies = readline.createInterface({ input: standIn.stdout })[Symbol.asyncIterator]()
    const reply = async <T>(): Promise<T> => {
      const next = await replies.next()
      if (next.done) throw new Error('the stand-in internet stopped')
      return JSON.parse(next.value) as T
    }
    const started_ = await reply<{ port: number; dnsPort: number; ca: string }>()
    const resolver = new dnsPromises.Resolver({ timeout: 2000, tries: 1 })
    resolver.setServers([`127.0.0.1:${started_.dnsPort}`])
    const internet = { resolver, port: started_.port, ca: started_.ca }
    const visitsNow = async (): Promise<number> => {
      standIn.stdin.write('count\n')
      return (await reply<{ visits: number }>()).visits
    }

    let monitorPct: number | undefined
    if (CPU_ROUNDS > 0) {
      // The window's monitor: in the background at the default interval,
      // writing its history; the rounds after the first (which signs in).
      console.log(`3. CPU of this process while the background monitor watches ${SERVERS} servers every ${INTERVAL_MS / 1000} s`)
      let ends = 0
      // Woken by the events themselves: polling on a timer would add its own
      // wake-ups (3,600 in three rounds at 50 ms) to the CPU being measured.
      let waiter: { n: number; done: () => void } | undefined
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain: noKeychain, monitor: { intervalMs: INTERVAL_MS }, checkFromHere: internet })
      core.events.subscribe((name) => {
        if (name !== 'health.changed') return
        ends++
        if (waiter && ends >= waiter.n) waiter.done()
      })
      const waitEnds = (n: number, timeoutMs: number): Promise<void> =>
        new Promise<void>((resolve, reject) => {
          if (ends >= n) return resolve()
          const timer = setTimeout(() => reject(new Error(`the monitor finished ${ends} of ${n} server checks in time`)), timeoutMs)
          waiter = {
            n,
            done: () => {
              clearTimeout(timer)
              waiter = undefined
              resolve()
            }
          }
        })
      await waitEnds(SERVERS, 60_000)
      // The first round's history write (it makes every series) comes after
      // its events; a server's charts are read after the writes queued, so
      // this waits for it rather than counting it in the measured rounds.
      await call(core, 'health.server', { server: 'rigbox', hours: 1 })
      const firstCpu = process.cpuUsage(cpu0)
      const firstMs = performance.now() - t0
      // And the garbage the earlier parts left is collected now, not in the measured rounds (node --expose-gc).
      ;(globalThis as { gc?: () => void }).gc?.()
      const before = snapshot()
      const visits0 = await visitsNow()
      const profile = PROFILE ? await startProfile() : undefined
      // The garbage collector's pauses on the main thread, by kind (its helper threads' share is only in the CPU figure).
      const gc = new Map<string, { n: number; ms: number }>()
      const gcKinds: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak callbacks' }
      const gcObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const kind = gcKinds[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other'
          const g = gc.get(kind) ?? { n: 0, ms: 0 }
          gc.set(kind, { n: g.n + 1, ms: g.ms + e.duration })
        }
      })
      gcObserver.observe({ entryTypes: ['gc'] })
      const heap0 = process.memoryUsage().heapUsed
      const cpu1 = process.cpuUsage()
      const t1 = performance.now()
      await waitEnds(SERVERS * (1 + CPU_ROUNDS), INTERVAL_MS * CPU_ROUNDS + 60_000)
      const cpu = process.cpuUsage(cpu1)
      const wall = performance.now() - t1
      gcObserver.disconnect()
      if (profile) console.log(`  (profile of these rounds: ${await profile.stop(PROFILE!)})`)
      const c = since(before)
      const pct = ((cpu.user + cpu.system) / 1000 / wall) * 100
      console.log(`  first round (signs in to ${SERVERS} servers): ${((firstCpu.user + firstCpu.system) / 1000).toFixed(0)} ms of CPU in ${firstMs.toFixed(0)} ms`)
      console.log(
        `  next ${CPU_ROUNDS} rounds: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}) in ${(wall / 1000).toFixed(1)} s; ${callWords(c)}`
      )
      const gcWords = [...gc].map(([kind, g]) => `${g.n} ${kind} (${g.ms.toFixed(0)} ms)`).join(', ')
      console.log(`  garbage collection in those rounds: ${gcWords || 'none'}; heap ${(heap0 / 1048576).toFixed(0)} MB then ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`)
      const perRound = (cpu.user + cpu.system) / 1000 / CPU_ROUNDS
      console.log(`  a round: ${perRound.toFixed(0)} ms of CPU (${(perRound / SERVERS).toFixed(1)} ms a server, ${((perRound / SERVERS / APPS) * 1000).toFixed(0)} µs an app)`)
      console.log(`  certificates checked from here in those rounds: ${(await visitsNow()) - visits0} (the first round checked ${SERVERS * APPS}; an answer with nothing wrong is kept up to ${FINE_KEPT_MS / 60_000} min)`)
      console.log(`  = ${pct.toFixed(3)}% of one core`)
      monitorPct = pct
      await core.close()
      core = undefined
    }

    // 4. One look from here at every app, as a round makes when their kept answers come due.
    console.log(`4. checks from this computer: one look at the ${SERVERS * APPS} apps' certificates and domains`)
    const check = fromHereChecker({ hostOf: async (server) => server, ssh: { home, env: { HOME: home } } }, internet)
    const visits1 = await visitsNow()
    const cpu4 = process.cpuUsage()
    const t4 = performance.now()
    const answers = (await Promise.all(aliases.map((server) => Promise.all(domains.map((domain) => check({ server, domain } as AppSummary)))))).flat()
    const sweep = process.cpuUsage(cpu4)
    const handshakes = (await visitsNow()) - visits1
    const sweepMs = (sweep.user + sweep.system) / 1000
    const fine = answers.filter((a) => a.certificate?.state === 'ok' && a.domain?.state === 'ok').length
    console.log(`  ${sweepMs.toFixed(0)} ms of CPU in ${(performance.now() - t4).toFixed(0)} ms (${((sweepMs / answers.length) * 1000).toFixed(0)} µs an app; ${handshakes} TLS handshakes; ${fine} of ${answers.length} fine)`)
    // Kept between three quarters of FINE_KEPT_MS and all of it: on average 7/8 of it.
    const sweepPct = (sweepMs / (FINE_KEPT_MS * 0.875)) * 100
    console.log(`  spread over the ${((FINE_KEPT_MS * 0.875) / 60_000).toFixed(1)} min an answer is kept on average: ${sweepPct.toFixed(3)}% of one core`)
    if (monitorPct !== undefined) {
      const total = monitorPct + sweepPct
      console.log(`Monitoring ${SERVERS} servers of ${APPS} apps, with checks from here: ${total.toFixed(3)}% of one core (target under ${CPU_TARGET_PCT}%: ${total < CPU_TARGET_PCT ? 'PASS' : 'over'})`)
    }
  } finally {
    await tidy()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
