import { execFile, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { applyStack } from '../src-main/compose/apply'
import { stackNameFor } from '../src-main/compose/env'
import { renderStack } from '../src-main/compose/pipeline'
import type { Job } from '../src-main/contract/schemas'
import { createCore, type Core } from '../src-main/core/core'
import { dockerLocal, dockerOverSsh } from '../src-main/docker/transport'
import { trustHostKey } from '../src-main/ssh/known-hosts'
import { SshLink } from '../src-main/ssh/link'
import { appEnv, composeFilesOf } from '../test/integration/compose-parity/abra-env'
import { convergeRecipe, waitConverged } from '../test/integration/compose-local-recipe'
import { loadRig } from '../test/rig/rig'
import { startDelayRelay, type DelayRelay } from '../test/support/delay-relay'
import { startSwarmNodes, type SwarmNodes } from '../test/support/swarm-nodes'
import { benchStacks, call, median, noKeychain } from './support'

// The figures of issue 13 at a real network's latency: a one-machine rig
// swarm whose sshd sits behind a delaying relay (25 ms each way, so a 50 ms
// round trip, RT). The core's server and the docker CLI's ssh:// both go
// through the same relay, in the same run, with the same ~/.ssh/config.
//   1. the apps list with APPS apps            target ≤ 1.3 RT
//   2. an app's page (apps.get)                 target ≤ 2 RT
//   3. a 3-service stack, start to converged    target ≤ 0.5× docker -H ssh:// stack deploy
//   4. a log stream's first byte                (vs docker -H ssh:// service logs)
//   5. servers.list with 10 servers vs one      target ≤ 1.5×
//      (10 distinct machines: each its own dockerd and sshd in its own
//      network namespace, each behind its own relay; on this one computer,
//      so they share its CPU). Each core has a home of its own holding
//      exactly the servers it refreshes: one, or the ten.
//   6. a backup's first byte written on this computer (backups.create, the
//      app's own job) vs docker -H ssh:// cp <container>:/data - (first byte
//      and first MiB on its stdout)
// The relay sends each chunk when its time comes, as a wire does (noDelay):
// with the kernel's Nagle on the relay's own sockets, some answers waited
// about 40 ms more, which neither the app nor a network adds. The apps list
// is measured through such a relay too, for comparison with earlier runs.
// Figures, not a test: a MISS is printed, never a failure.

const APPS = Number(process.env.BENCH_APPS ?? 50)
const ROUNDS = Number(process.env.BENCH_NET_ROUNDS ?? 9)
const CLI_ROUNDS = Number(process.env.BENCH_NET_CLI_ROUNDS ?? 3)
const DEPLOY_ROUNDS = Number(process.env.BENCH_NET_DEPLOY_ROUNDS ?? 3)
const SERVERS = 10
const BACKUP_MB = Number(process.env.BENCH_NET_BACKUP_MB ?? 20)
const BACKUP_ROUNDS = Number(process.env.BENCH_NET_BACKUP_ROUNDS ?? 5)
const RT = 50
const rig = loadRig()
const run = promisify(execFile)
const tag = crypto.randomBytes(3).toString('hex')
const benchLabel = 'ccd-bench-net'
const ALIAS = 'ccdnet'
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS')
const line = (label: string, value: number, extra = ''): void =>
  console.log(`  ${label.padEnd(56)} ${value.toFixed(1).padStart(8)} ms = ${(value / RT).toFixed(2).padStart(5)} RT${extra ? `  (${extra})` : ''}`)

async function timed(n: number, fn: () => Promise<unknown>): Promise<{ median: number; note: string }> {
  const note = String((await fn()) ?? '') // warm-up: connecting is not what we measure
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint()
    await fn()
    times.push(ms(t))
  }
  return { median: median(times), note }
}

/** Time to the first byte on stdout of a docker CLI process, which is then ended. */
async function firstByte(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return (await firstBytes(args, env, [1]))[0]
}

/** Times until `counts[i]` bytes had come on stdout of a docker CLI process (ascending), which is then ended. */
function firstBytes(args: string[], env: NodeJS.ProcessEnv, counts: number[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint()
    const child = spawn('docker', args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    let got = 0
    const times: number[] = []
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no output within 30 s: ${err}`))
    }, 30_000)
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const onData = (d: Buffer): void => {
      got += d.length
      while (times.length < counts.length && got >= counts[times.length]) times.push(ms(t))
      if (times.length < counts.length) return
      child.stdout.off('data', onData)
      clearTimeout(timer)
      child.kill('SIGTERM')
      resolve(times)
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (times.length < counts.length) reject(new Error(`docker exited ${code} after ${got} bytes: ${err}`))
    })
  })
}

async function main(): Promise<void> {
  const started = performance.now()
  let swarm: SwarmNodes | undefined
  let relay: DelayRelay | undefined
  const relays: DelayRelay[] = []
  const cores: Core[] = []
  const links: SshLink[] = []
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-net-'))
  const homes: string[] = [home]
  try {
    swarm = await startSwarmNodes({ nodes: 1 })
    const manager = swarm.manager
    relay = await startDelayRelay({ target: { host: manager.address, port: manager.sshPort }, noDelay: true })
    const nagleRelay = await startDelayRelay({ target: { host: manager.address, port: manager.sshPort } })
    relays.push(nagleRelay)
    const user = rig.sshd.users.docker
    const sshDir = path.join(home, '.ssh')
    fs.mkdirSync(sshDir, { mode: 0o700 })
    const knownHosts = path.join(sshDir, 'coopcloud-desktop_known_hosts')
    // The relay shows the manager's host key, at the relay's address.
    const probe = await SshLink.probeHostKey({ hostname: '127.0.0.1', port: relay.port, timeoutMs: 10_000 })
    const [keyType, keyBase64] = manager.hostKeyPub.trim().split(/\s+/)
    if (probe.keyType !== keyType || probe.keyBase64 !== keyBase64) throw new Error('the relay does not show the manager’s host key')
    await trustHostKey(knownHosts, '127.0.0.1', relay.port, probe.keyType, Buffer.from(probe.keyBase64, 'base64'))
    await trustHostKey(knownHosts, '127.0.0.1', nagleRelay.port, probe.keyType, Buffer.from(probe.keyBase64, 'base64'))
    // 10 more machines, each its own engine and sshd, each behind its own relay (started while the apps are made).
    const distinct = Promise.all(
      Array.from({ length: SERVERS }, async () => {
        const node = await swarm!.addNode()
        const r = await startDelayRelay({ target: { host: node.address, port: node.sshPort }, noDelay: true })
        relays.push(r)
        const [kt, kb] = node.hostKeyPub.trim().split(/\s+/)
        await trustHostKey(knownHosts, '127.0.0.1', r.port, kt, Buffer.from(kb, 'base64'))
        return { port: r.port, node }
      })
    )
    const hostEntry = (a: string, port: number, kh = knownHosts): string =>
      `Host ${a}\n  HostName 127.0.0.1\n  Port ${port}\n  User ${user}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n  BatchMode yes\n  UserKnownHostsFile ${kh}\n`
    const sshConfig = path.join(sshDir, 'config')
    const configLines = [hostEntry(ALIAS, relay.port), hostEntry(`${ALIAS}nagle`, nagleRelay.port)]
    fs.writeFileSync(sshConfig, configLines.join(''))
    // OpenSSH finds ~/.ssh through the passwd entry, not $HOME: a wrapper first on PATH hands the docker CLI our config.
    const wrapperDir = path.join(home, 'bin')
    fs.mkdirSync(wrapperDir)
    fs.writeFileSync(path.join(wrapperDir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${sshConfig} "$@"\n`, { mode: 0o755 })
    const cliEnv: NodeJS.ProcessEnv = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), PATH: `${wrapperDir}:${process.env.PATH}` }
    delete cliEnv.DOCKER_HOST
    const hostArg = `ssh://${user}@${ALIAS}`
    const cli = (args: string[]) => run('docker', ['-H', hostArg, ...args], { env: cliEnv, maxBuffer: 16 << 20 })
    const cliVersion = (await cli(['version', '--format', '{{.Client.Version}}/{{.Server.Version}}']).catch((e: Error) => ({ stdout: `? (${e.message.split('\n')[0]})` }))).stdout.trim()

    const newCore = async (servers: string[], inHome = home): Promise<Core> => {
      const core = createCore({ transport: 'cli', home: inHome, env: { HOME: inHome }, keychain: noKeychain })
      cores.push(core)
      for (const s of servers) await call(core, 'servers.add', { kind: 'ssh', host: s })
      return core
    }
    const core = await newCore([ALIAS])

    // The apps: tiny one-service stacks on the manager, with their env files.
    const docker = dockerLocal(manager.socket)
    const stacks = benchStacks(docker, rig.image, benchLabel, tag)
    const domains = Array.from({ length: APPS }, (_, i) => `a${i}-${tag}.bench.example`)
    const logDomain = `logs-${tag}.bench.example`
    const logStack = stackNameFor(logDomain)
    const envDir = path.join(home, '.abra', 'servers', ALIAS)
    fs.mkdirSync(envDir, { recursive: true })
    for (const d of [...domains, logDomain]) fs.writeFileSync(path.join(envDir, `${d}.env`), `TYPE=ccd-bench:1.0.0\nDOMAIN=${d}\n`)
    await stacks.create(domains)
    await docker.createService({
      Name: `${logStack}_app`,
      Labels: { 'com.docker.stack.namespace': logStack, [`coop-cloud.${logStack}.recipe`]: 'ccd-bench', [`coop-cloud.${logStack}.version`]: '1.0.0' },
      TaskTemplate: { ContainerSpec: { Image: rig.image, Command: ['sh', '-c', 'echo ready; exec sleep 3600'], StopSignal: 'SIGKILL' } },
      Mode: { Replicated: { Replicas: 1 } }
    } as never)
    // An app with a volume of random data (incompressible) for a backup's first byte.
    const bkDomain = `bk-${tag}.bench.example`
    const bkStack = stackNameFor(bkDomain)
    fs.writeFileSync(path.join(envDir, `${bkDomain}.env`), `TYPE=ccd-bench:1.0.0\nDOMAIN=${bkDomain}\n`)
    await docker.createService({
      Name: `${bkStack}_app`,
      Labels: { 'com.docker.stack.namespace': bkStack, 'backupbot.backup': 'true', [`coop-cloud.${bkStack}.recipe`]: 'ccd-bench', [`coop-cloud.${bkStack}.version`]: '1.0.0' },
      TaskTemplate: {
        ContainerSpec: {
          Image: rig.image,
          Command: ['sleep', '3600'],
          StopSignal: 'SIGKILL',
          Mounts: [{ Type: 'volume', Source: `${bkStack}_data`, Target: '/data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': bkStack } } }]
        }
      },
      Mode: { Replicated: { Replicas: 1 } }
    } as never)
    const running = await stacks.waitRunning(APPS, 120_000)
    let bkContainer = ''
    for (const end = Date.now() + 60_000; !bkContainer && Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      const [c] = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${bkStack}_app`], status: ['running'] }) })
      bkContainer = c?.Id ?? ''
    }
    if (!bkContainer) throw new Error('the backup app did not start')
    await new Promise<void>((resolve, reject) =>
      execFile('docker', ['-H', `unix://${manager.socket}`, 'exec', bkContainer, 'sh', '-c', `dd if=/dev/urandom of=/data/random.bin bs=1048576 count=${BACKUP_MB} 2>/dev/null && sync`], (err) =>
        err ? reject(err) : resolve()
      )
    )
    const distinctNodes = await distinct
    const distinctPorts = distinctNodes.map((d) => d.port)
    const others = distinctPorts.map((_, i) => `${ALIAS}m${i}`)
    fs.writeFileSync(sshConfig, [...configLines, ...others.map((a, i) => hostEntry(a, distinctPorts[i]))].join(''))
    /** A home of its own holding exactly these servers (its ~/.ssh/config names only them). */
    const homeWith = (aliases: string[]): string => {
      const h = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-net-'))
      homes.push(h)
      const d = path.join(h, '.ssh')
      fs.mkdirSync(d, { mode: 0o700 })
      const kh = path.join(d, 'coopcloud-desktop_known_hosts')
      fs.copyFileSync(knownHosts, kh)
      fs.writeFileSync(path.join(d, 'config'), aliases.map((a) => hostEntry(a, distinctPorts[others.indexOf(a)], kh)).join(''))
      return h
    }
    console.log(
      `Through a ${RT} ms round trip (delay relay in front of a 1-machine swarm's sshd; docker CLI ${cliVersion}; ${running}/${APPS} apps running; set up in ${((performance.now() - started) / 1000).toFixed(1)} s)`
    )

    // 1. The apps list.
    console.log(`1. Apps list, ${APPS} apps (target ≤ 1.3 RT)`)
    const ours = new Set(domains.map(stackNameFor))
    const list = await timed(ROUNDS, async () => {
      const r = await call(core, 'apps.list', { server: ALIAS })
      const calls = r.servers.find((s) => s.name === ALIAS)?.calls
      return `${r.apps.filter((a) => ours.has(a.stackName) && a.deployed).length}/${APPS} deployed${calls === undefined ? '' : `, ${calls} API calls`}`
    })
    line(`core apps.list (median of ${ROUNDS})`, list.median, `${list.note}; ${verdict(list.median <= 1.3 * RT)}`)
    const cliList = await timed(CLI_ROUNDS, async () => {
      const { stdout } = await cli(['service', 'ls', '--format', '{{.Name}} {{.Replicas}}'])
      return `${stdout.split('\n').filter((l) => / 1\/1/.test(l)).length} services at 1/1, 1 docker process`
    })
    line(`docker -H ssh:// service ls (median of ${CLI_ROUNDS})`, cliList.median, `${cliList.note}; ${(cliList.median / list.median).toFixed(1)}x the core`)
    const nagleCore = await newCore([`${ALIAS}nagle`])
    const nagleList = await timed(ROUNDS, async () => `${(await call(nagleCore, 'apps.list', { server: `${ALIAS}nagle` })).apps.length} apps`)
    line(`core apps.list through a relay with Nagle on (as before)`, nagleList.median)

    // 2. An app's page: the window calls apps.get when it opens one.
    console.log("2. Opening an app's page: apps.get (target ≤ 2 RT)")
    const page = await timed(ROUNDS, async () => {
      const r = await call(core, 'apps.get', { server: ALIAS, domain: domains[0] })
      return `${r.app.deployed ? 'deployed' : 'not deployed'}, ${r.app.health ?? '?'}`
    })
    line(`core apps.get (median of ${ROUNDS})`, page.median, `${page.note}; ${verdict(page.median <= 2 * RT)}`)
    const cliPage = await timed(CLI_ROUNDS, () => cli(['stack', 'ps', stackNameFor(domains[0]), '--format', '{{.Name}} {{.CurrentState}}']).then(() => '1 docker process'))
    line(`docker -H ssh:// stack ps (median of ${CLI_ROUNDS})`, cliPage.median, `${(cliPage.median / page.median).toFixed(1)}x the core`)

    // 4. A log stream's first byte.
    console.log('4. Starting a log stream: first byte of apps.logs')
    const firstData = new Map<string, bigint>()
    core.events.subscribe((name, payload) => {
      const p = payload as { streamId: string; data?: string }
      if (name === 'stream.data' && p.data && !firstData.has(p.streamId)) firstData.set(p.streamId, process.hrtime.bigint())
    })
    const logFirstByte = async (service?: string): Promise<number> => {
      const logTimes: number[] = []
      for (let i = 0; i <= ROUNDS; i++) {
        const t = process.hrtime.bigint()
        const { streamId } = await call(core, 'apps.logs', { server: ALIAS, domain: logDomain, tail: 200, follow: true, ...(service ? { service } : {}) })
        for (const end = Date.now() + 30_000; !firstData.has(streamId) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 1))
        const at = firstData.get(streamId)
        await call(core, 'streams.stop', { streamId })
        if (at === undefined) throw new Error('apps.logs: no output within 30 s')
        if (i > 0) logTimes.push(Number(at - t) / 1e6) // the first one warms up
      }
      return median(logTimes)
    }
    const logsAll = await logFirstByte()
    line(`core apps.logs, every service (1 here), first byte (median of ${ROUNDS})`, logsAll)
    const logs = await logFirstByte('app')
    line(`core apps.logs, one service by name, first byte (median of ${ROUNDS})`, logs)
    // The engine's own part: the same request on its local socket, no network.
    const engineLogTimes: number[] = []
    for (let i = 0; i < CLI_ROUNDS; i++) {
      const t = process.hrtime.bigint()
      const stream = (await docker.getService(`${logStack}_app`).logs({ stdout: true, stderr: true, follow: true, tail: 200, timestamps: true })) as unknown as NodeJS.ReadableStream & { destroy(): void }
      await new Promise((r) => stream.once('data', r))
      engineLogTimes.push(ms(t))
      stream.destroy()
    }
    line(`the engine alone (its local socket), first byte (median of ${CLI_ROUNDS})`, median(engineLogTimes))
    const cliLogTimes: number[] = []
    for (let i = 0; i < CLI_ROUNDS; i++) cliLogTimes.push(await firstByte(['-H', hostArg, 'service', 'logs', '--tail', '200', '-f', `${logStack}_app`], cliEnv))
    const cliLogs = median(cliLogTimes)
    line(`docker -H ssh:// service logs -f, first byte (median of ${CLI_ROUNDS})`, cliLogs, `${(cliLogs / logs).toFixed(1)}x the core`)

    // 5. Ten servers refreshed at once against one: two cores, each with a
    // home of its own that holds exactly its servers (so servers.list
    // refreshes those and nothing else), both warm (links open).
    console.log(`5. servers.list: ${SERVERS} distinct machines refreshed in parallel vs one of them (target ≤ 1.5x)`)
    console.log(`  compared: a core whose home holds only ${others[0]} against a core whose home holds exactly the ${SERVERS} machines ${others[0]}…${others.at(-1)};`)
    console.log(`  each machine its own dockerd + sshd in its own network namespace behind its own ${RT} ms relay; one servers.list = docker version + info on each, in parallel`)
    const loneCore = await newCore([others[0]], homeWith([others[0]]))
    const one = await timed(ROUNDS, async () => (await call(loneCore, 'servers.list', {})).map((s) => `${s.name} ${s.state}`).join(','))
    const ten = await newCore(others, homeWith(others))
    const many = await timed(ROUNDS, async () => {
      const states = (await call(ten, 'servers.list', {})).map((s) => s.state)
      return `${states.filter((s) => s === 'connected').length}/${states.length} servers listed and connected`
    })
    line(`servers.list, 1 server (median of ${ROUNDS})`, one.median, one.note)
    line(`servers.list, ${SERVERS} servers (median of ${ROUNDS})`, many.median, `${many.note}; ${(many.median / one.median).toFixed(2)}x one; ${verdict(many.median <= 1.5 * one.median)}`)
    // The engines' own part, no network, no app: the same two calls on their local sockets, one engine vs all ten at once.
    const engineRound = async (nodes: typeof distinctNodes): Promise<void> => {
      await Promise.all(nodes.map(async ({ node }) => Promise.all([node.api('GET', '/version'), node.api('GET', '/info')])))
    }
    const engineOne = await timed(ROUNDS, () => engineRound(distinctNodes.slice(0, 1)))
    const engineTen = await timed(ROUNDS, () => engineRound(distinctNodes))
    line('the engines alone (local sockets): version + info on 1 engine', engineOne.median)
    line(`the engines alone (local sockets): version + info on ${SERVERS} engines at once`, engineTen.median, `${(engineTen.median / engineOne.median).toFixed(2)}x one: this computer's ${os.cpus().length} cores run all ${SERVERS} engines`)

    // 6. The first byte of a backup: backups.create (the app's own job:
    // plan, where the data is, Docker's archive of the volume streamed into
    // the .tar.gz.partial on this computer, its size measured alongside) against
    // `docker -H ssh:// cp <container>:/data -`, through the same relay.
    console.log(`6. A backup's first byte: one volume of ${BACKUP_MB} MiB of random data`)
    const bkDir = path.join(home, '.abra', 'backups', bkDomain)
    const jobSteps = new Map<string, { copying?: bigint }>()
    core.events.subscribe((name, payload) => {
      const j = payload as Job
      if (name !== 'job.update' || j.kind !== 'app-backup') return
      const seen = jobSteps.get(j.id) ?? {}
      // Step 2 is the copy: the step's words change just before Docker's archive is asked for.
      if (j.stepIndex === 2 && seen.copying === undefined) seen.copying = process.hrtime.bigint()
      jobSteps.set(j.id, seen)
    })
    const partialSize = (): number => {
      try {
        for (const f of fs.readdirSync(bkDir)) if (f.endsWith('.partial')) return fs.statSync(path.join(bkDir, f)).size
      } catch {
        // not made yet
      }
      return 0
    }
    // The archive's first bytes are gzip's header and the volume's description,
    // written before Docker is asked: the volume's data shows as the file
    // growing past 64 KiB (random data: gzip's output is as big as its input).
    const KIB64 = 64 << 10
    const MIB = 1 << 20
    const bk = { first: [] as number[], mib: [] as number[], asked: [] as number[], whole: [] as number[] }
    for (let i = 0; i <= BACKUP_ROUNDS; i++) {
      const t = process.hrtime.bigint()
      const { jobId } = await call(core, 'backups.create', { server: ALIAS, domain: bkDomain })
      let first: number | undefined
      let mib: number | undefined
      for (const end = Date.now() + 60_000; mib === undefined && Date.now() < end; await new Promise((r) => setTimeout(r, 1))) {
        const size = partialSize()
        if (first === undefined && size >= KIB64) first = ms(t)
        if (size >= MIB) mib = ms(t)
        else if (core.jobs.get(jobId)?.status !== 'running') break
      }
      const job = await core.jobs.wait(jobId)
      const whole = ms(t)
      if (job.status !== 'done') throw new Error(`backups.create: ${job.error?.message ?? job.status}`)
      if (first === undefined || mib === undefined) throw new Error('backups.create: the archive never reached 1 MiB while it was written')
      const asked = jobSteps.get(jobId)?.copying
      fs.rmSync(bkDir, { recursive: true, force: true })
      if (i === 0) continue // warm-up
      bk.first.push(first)
      bk.mib.push(mib)
      if (asked !== undefined) bk.asked.push(Number(asked - t) / 1e6)
      bk.whole.push(whole)
    }
    const bkFirst = median(bk.first)
    const bkMib = median(bk.mib)
    line(`core backups.create, Docker's archive asked for (median of ${BACKUP_ROUNDS})`, median(bk.asked), 'the plan and where the data is, before the copy (du runs alongside it)')
    line(`core backups.create, first 64 KiB of data in the .partial (median of ${BACKUP_ROUNDS})`, bkFirst)
    line(`core backups.create, first MiB in the .partial (median of ${BACKUP_ROUNDS})`, bkMib, `whole backup, verified, ${median(bk.whole).toFixed(0)} ms`)
    const cliBk = { byte: [] as number[], first: [] as number[], mib: [] as number[] }
    for (let i = 0; i < CLI_ROUNDS; i++) {
      const [b, f, m] = await firstBytes(['-H', hostArg, 'cp', `${bkContainer}:/data`, '-'], cliEnv, [1, KIB64, MIB])
      cliBk.byte.push(b)
      cliBk.first.push(f)
      cliBk.mib.push(m)
    }
    const cliByte = median(cliBk.byte)
    const cliFirst = median(cliBk.first)
    const cliMib = median(cliBk.mib)
    line(`docker -H ssh:// cp <container>:/data -, first byte on stdout (median of ${CLI_ROUNDS})`, cliByte)
    line(`docker -H ssh:// cp <container>:/data -, first 64 KiB (median of ${CLI_ROUNDS})`, cliFirst, `${(cliFirst / bkFirst).toFixed(1)}x the core`)
    line(`docker -H ssh:// cp <container>:/data -, first MiB (median of ${CLI_ROUNDS})`, cliMib, `${(cliMib / bkMib).toFixed(1)}x the core`)

    // 3. Deploy a 3-service stack until it converges: this engine over the
    // app's SSH transport vs `docker -H ssh:// stack deploy`, alternating.
    console.log(`3. Deploy a 3-service stack until it converges (target ≤ 0.5x docker -H ssh:// stack deploy; ${DEPLOY_ROUNDS} rounds each)`)
    const oracle = cliVersion.split('/')[0]
    const link = new SshLink({ hostname: '127.0.0.1', port: relay.port, user, identityFiles: [rig.sshd.key], knownHostsFiles: [knownHosts] })
    links.push(link)
    await link.connect({})
    const viaSsh = dockerOverSsh(link, { socketPath: '/var/run/docker.sock' })
    await viaSsh.version() // warm: a server the app already shows is connected
    const dir = fs.mkdtempSync(path.join(home, 'recipe-'))
    for (const [name, text] of Object.entries(convergeRecipe(rig.image, { appReplicas: 1, third: true }))) fs.writeFileSync(path.join(dir, name), text)
    const envText = fs.readFileSync(path.join(dir, '.env'), 'utf8')
    const abraShText = fs.readFileSync(path.join(dir, 'abra.sh'), 'utf8')
    const res = { ours: [] as number[], theirs: [] as number[], oursSent: [] as number[], theirsSent: [] as number[], oursLast: [] as number[] }
    for (let round = 0; round < DEPLOY_ROUNDS; round++) {
      for (const who of ['ours', 'docker'] as const) {
        const ns = `ccdnet${tag}${round}${who === 'ours' ? 'o' : 'd'}`
        await docker.createSecret({ Name: `${ns}_token_v1`, Data: Buffer.from('x').toString('base64') } as never)
        const t = process.hrtime.bigint()
        let lastCreate: bigint | undefined
        if (who === 'ours') {
          const r = renderStack({ recipeDir: dir, envText, abraShText, stackName: ns })
          if (!r.objects) throw new Error(r.diagnostics.map((d) => d.message).join('\n'))
          await applyStack(viaSsh, r.objects, {
            onProgress: (e) => {
              if (e.type === 'done' && e.kind === 'service') lastCreate = process.hrtime.bigint()
            }
          })
        } else {
          const env = appEnv(envText, abraShText, ns)
          const files = composeFilesOf(env)
          // The CLI first on PATH, not waiting itself (--detach): both are waited for alike below.
          const args = ['-H', hostArg, 'stack', 'deploy', '--detach=true', '--resolve-image', 'never', ...files.flatMap((f) => ['-c', f]), ns]
          // Never spawnSync here: the relay runs in this process and would stop forwarding.
          await run('docker', args, { cwd: dir, env: { ...env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), PATH: cliEnv.PATH ?? '' }, timeout: 60_000 })
        }
        const sent = ms(t)
        // Converged is read the same way for both: through the app's link, as its screen would.
        await waitConverged(viaSsh, ns, 120_000, 3)
        const took = ms(t)
        res[who === 'ours' ? 'ours' : 'theirs'].push(took)
        res[who === 'ours' ? 'oursSent' : 'theirsSent'].push(sent)
        const afterLast = lastCreate === undefined ? undefined : took - Number(lastCreate - t) / 1e6
        if (afterLast !== undefined) res.oursLast.push(afterLast)
        console.log(
          `  round ${round + 1} ${who === 'ours' ? 'this engine, app link   ' : `docker ${oracle} stack deploy`} ${took.toFixed(0).padStart(7)} ms  (deploy returned after ${sent.toFixed(0)} ms; then ${(took - sent).toFixed(0)} ms to converged${afterLast === undefined ? '' : `, ${afterLast.toFixed(0)} ms after the last service was created`})`
        )
      }
    }
    const o = median(res.ours)
    const d = median(res.theirs)
    line('this engine over the app link, start to converged', o, `deploy itself ${median(res.oursSent).toFixed(0)} ms`)
    line('docker -H ssh:// stack deploy, start to converged', d, `deploy itself ${median(res.theirsSent).toFixed(0)} ms`)
    console.log(
      `  ratio ${(o / d).toFixed(2)}x (target ≤ 0.5x: ${verdict(o <= 0.5 * d)}); the deploy call alone ${(median(res.oursSent) / median(res.theirsSent)).toFixed(2)}x; the rest is the swarm starting tasks, the same for both`
    )
    // The floor: from the moment the deploy's calls are done, both wait for the swarm alike (read the same way, every 100 ms through the app's link).
    const oursWait = median(res.ours.map((x, i) => x - res.oursSent[i]))
    const theirsWait = median(res.theirs.map((x, i) => x - res.theirsSent[i]))
    line('this engine: deploy returned → converged (the swarm starting tasks)', oursWait, `after its last service create: ${median(res.oursLast).toFixed(0)} ms`)
    line('docker CLI: deploy returned → converged (the swarm starting tasks)', theirsWait)
    console.log(
      `  floor: a deploy whose calls took no time at all would still be ${(oursWait / d).toFixed(2)}x docker's whole deploy (${verdict(oursWait <= 0.5 * d)} against 0.5x): the swarm's task start, not the calls, decides`
    )

    console.log('Summary')
    console.log(`  apps list ${(list.median / RT).toFixed(2)} RT (≤ 1.3: ${verdict(list.median <= 1.3 * RT)}); through a relay with Nagle on ${(nagleList.median / RT).toFixed(2)} RT`)
    console.log(`  app page ${(page.median / RT).toFixed(2)} RT (≤ 2: ${verdict(page.median <= 2 * RT)})`)
    console.log(`  deploy ${(o / d).toFixed(2)}x docker (≤ 0.5x: ${verdict(o <= 0.5 * d)}); the calls alone ${(median(res.oursSent) / median(res.theirsSent)).toFixed(2)}x; with calls taking no time ${(oursWait / d).toFixed(2)}x (the swarm's task start)`)
    console.log(`  log stream first byte ${(logs / RT).toFixed(2)} RT for one service by name (${(logsAll / RT).toFixed(2)} RT for every service), docker CLI ${(cliLogs / logs).toFixed(1)}x slower`)
    console.log(`  ${SERVERS} distinct servers ${(many.median / one.median).toFixed(2)}x one (≤ 1.5x: ${verdict(many.median <= 1.5 * one.median)}); the engines alone on their sockets ${(engineTen.median / engineOne.median).toFixed(2)}x`)
    console.log(
      `  backup: first 64 KiB of data written ${(bkFirst / RT).toFixed(2)} RT (Docker's archive asked for at ${(median(bk.asked) / RT).toFixed(2)} RT); docker cp ${(cliFirst / bkFirst).toFixed(1)}x slower (first MiB ${(cliMib / bkMib).toFixed(1)}x)`
    )
  } finally {
    for (const l of links) l.close()
    for (const c of cores) await c.close().catch(() => {})
    await relay?.stop()
    for (const r of relays) await r.stop()
    await swarm?.stop()
    for (const h of homes) fs.rmSync(h, { recursive: true, force: true })
    console.log(`  (swarm and relay stopped; whole run ${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
