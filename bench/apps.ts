import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { stackNameFor } from '../src-main/compose/env'
import { createCore } from '../src-main/core/core'
import { dockerLocal } from '../src-main/docker/transport'
import { homeWithSshConfig } from '../test/integration/support'
import { loadRig } from '../test/rig/rig'
import { benchStacks, call, median, noKeychain } from './support'

// The apps screen's refresh: the status of APPS apps on one server, through
// the core's apps.list (this computer's socket, and over SSH to the rig),
// against what a script around the docker CLI does for the same facts
// (`docker stack ls`, then `docker stack services` for each stack).
// The apps are tiny stacks: one busybox `sleep` service, labelled as abra
// labels what it deploys; everything made here is removed at the end.

const APPS = Number(process.env.BENCH_APPS ?? 50)
const ROUNDS = Number(process.env.BENCH_APPS_ROUNDS ?? 10)
const CLI_ROUNDS = Number(process.env.BENCH_APPS_CLI_ROUNDS ?? 3)
const rig = loadRig()
const run = promisify(execFile)
const tag = crypto.randomBytes(3).toString('hex')
const benchLabel = 'ccd-bench-apps'

async function rounds(label: string, n: number, fn: () => Promise<string>): Promise<number | undefined> {
  try {
    const first = await fn() // warm-up: connecting is not what we measure
    const times: number[] = []
    for (let i = 0; i < n; i++) {
      const t = performance.now()
      await fn()
      times.push(performance.now() - t)
    }
    const m = median(times)
    console.log(`  ${label.padEnd(52)} ${m.toFixed(1).padStart(8)} ms  (median of ${n}; ${first})`)
    return m
  } catch (err) {
    console.log(`  ${label.padEnd(52)} skipped: ${(err as Error).message.split('\n')[0]}`)
    return undefined
  }
}

async function main(): Promise<void> {
  const docker = dockerLocal(rig.docker.socket)
  const stacks = benchStacks(docker, rig.image, benchLabel, tag)
  const home = homeWithSshConfig(rig)
  const core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain: noKeychain })
  const domains = Array.from({ length: APPS }, (_, i) => `a${i}-${tag}.bench.example`)
  const started = performance.now()
  try {
    await call(core, 'servers.add', { kind: 'local' })
    let sshServer: string | undefined
    try {
      const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
      if (probe.status !== 'known') await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
      sshServer = (await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })).name
    } catch (err) {
      console.log(`  (over SSH skipped: ${(err as Error).message})`)
    }
    for (const server of ['default', sshServer].filter((s): s is string => s !== undefined)) {
      const dir = path.join(home, '.abra', 'servers', server)
      fs.mkdirSync(dir, { recursive: true })
      for (const d of domains) fs.writeFileSync(path.join(dir, `${d}.env`), `TYPE=ccd-bench:1.0.0\nDOMAIN=${d}\n`)
    }

    await stacks.create(domains)
    const running = await stacks.waitRunning(APPS, 90_000)
    console.log(`Apps status refresh: ${APPS} apps on one server (${running} running ${rig.image} sleep stacks; set up in ${((performance.now() - started) / 1000).toFixed(1)} s)`)

    const ours = new Set(domains.map(stackNameFor))
    const list = (server: string) => async (): Promise<string> => {
      const r = await call(core, 'apps.list', { server })
      const mine = r.apps.filter((a) => ours.has(a.stackName))
      const calls = r.servers.find((s) => s.name === server)?.calls
      return `${mine.filter((a) => a.deployed && a.health === 'running').length}/${mine.length} running${calls === undefined ? '' : `, ${calls} API calls`}`
    }
    const cliEnv = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), DOCKER_HOST: `unix://${rig.docker.socket}` }
    const viaCli = async (): Promise<string> => {
      const { stdout } = await run('docker', ['stack', 'ls', '--format', '{{.Name}}'], { env: cliEnv })
      const stacks = stdout.split('\n').filter((s) => ours.has(s))
      let replicas = 0
      for (const s of stacks) {
        const out = await run('docker', ['stack', 'services', s, '--format', '{{.Replicas}}'], { env: cliEnv })
        if (/^1\/1/.test(out.stdout.trim())) replicas++
      }
      return `${replicas}/${stacks.length} at 1/1, ${stacks.length + 1} docker processes`
    }

    const local = await rounds("core apps.list, this computer's socket", ROUNDS, list('default'))
    const ssh = sshServer ? await rounds('core apps.list, over SSH (rigbox)', ROUNDS, list(sshServer)) : undefined
    const cli = await rounds('docker stack ls + stack services ×N (unix socket)', CLI_ROUNDS, viaCli)
    if (cli !== undefined && local !== undefined) console.log(`  docker CLI / core (this computer) = ${(cli / local).toFixed(1)}x`)
    if (cli !== undefined && ssh !== undefined) console.log(`  docker CLI (local socket) / core over SSH = ${(cli / ssh).toFixed(1)}x`)
  } finally {
    await stacks.remove()
    await core.close()
    fs.rmSync(home, { recursive: true, force: true })
    console.log(`  (removed the ${APPS} bench stacks; whole run ${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
