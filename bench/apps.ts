import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import { dispatch } from '../src-main/api/dispatch'
import { stackNameFor } from '../src-main/compose/env'
import type { Input, MethodName, Output } from '../src-main/contract/contract'
import { createCore, type Core } from '../src-main/core/core'
import { dockerLocal } from '../src-main/docker/transport'
import { homeWithSshConfig } from '../test/integration/support'
import { loadRig } from '../test/rig/rig'

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
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const noKeychain = { get: async () => undefined, set: async () => {}, delete: async () => {} }

async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await dispatch(core.handlers, method, input)
  if (!res.ok) throw Object.assign(new Error(`${method}: ${res.error.message}`), { code: res.error.code })
  return res.value as Output<M>
}

async function createApps(docker: Docker, domains: string[]): Promise<void> {
  // A few at a time: 50 at once makes the manager the thing being measured.
  for (let i = 0; i < domains.length; i += 10) {
    await Promise.all(
      domains.slice(i, i + 10).map((domain) => {
        const stack = stackNameFor(domain)
        return docker.createService({
          Name: `${stack}_app`,
          Labels: {
            'com.docker.stack.namespace': stack,
            'com.docker.stack.image': rig.image,
            [`coop-cloud.${stack}.recipe`]: 'ccd-bench',
            [`coop-cloud.${stack}.chaos`]: 'false',
            [`coop-cloud.${stack}.version`]: '1.0.0',
            [benchLabel]: tag
          },
          TaskTemplate: {
            // sleep ignores SIGTERM; SIGKILL keeps the clean-up quick.
            ContainerSpec: { Image: rig.image, Command: ['sleep', '3600'], StopSignal: 'SIGKILL', Labels: { 'com.docker.stack.namespace': stack } }
          },
          Mode: { Replicated: { Replicas: 1 } }
        } as never)
      })
    )
  }
}

async function waitRunning(docker: Docker, count: number, timeoutMs = 90_000): Promise<number> {
  let running = 0
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(500)) {
    // status=true (API 1.41) adds each service's running task count.
    const services = (await docker.listServices({ filters: JSON.stringify({ label: [`${benchLabel}=${tag}`] }), status: true } as Docker.ServiceListOptions)) as Array<{ ServiceStatus?: { RunningTasks?: number } }>
    running = services.filter((s) => (s.ServiceStatus?.RunningTasks ?? 0) >= 1).length
    if (running >= count) break
  }
  return running
}

async function removeApps(docker: Docker): Promise<void> {
  const filters = JSON.stringify({ label: [`${benchLabel}=${tag}`] })
  for (const s of await docker.listServices({ filters })) await docker.getService(s.ID).remove().catch(() => {})
}

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

    await createApps(docker, domains)
    const running = await waitRunning(docker, APPS)
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
    await removeApps(docker)
    await core.close()
    fs.rmSync(home, { recursive: true, force: true })
    console.log(`  (removed the ${APPS} bench stacks; whole run ${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
