import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import { dockerLocal, dockerOverSsh } from '../src-main/docker/transport'
import { trustHostKey } from '../src-main/ssh/known-hosts'
import { SshLink } from '../src-main/ssh/link'
import { loadRig } from '../test/rig/rig'

// Docker API round trips three ways, in one run on the same engine:
// the app's persistent SSH transport, the local unix socket, and the docker
// CLI over ssh:// started once per call (how scripts around abra work).

const CALLS = Number(process.env.BENCH_CALLS ?? 200)
const CLI_CALLS = Number(process.env.BENCH_CLI_CALLS ?? CALLS)
const run = promisify(execFile)
const rig = loadRig()

async function time(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn() // warm-up: connection set-up is not what we measure
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) await fn()
  const perCall = Number(process.hrtime.bigint() - start) / 1e6 / n
  console.log(`  ${label.padEnd(44)} ${perCall.toFixed(3).padStart(9)} ms/call  (${n} calls)`)
  return perCall
}

async function main(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-'))
  const sshDir = path.join(home, '.ssh')
  fs.mkdirSync(sshDir, { mode: 0o700 })
  const appKnownHosts = path.join(sshDir, 'coopcloud-desktop_known_hosts')
  const { host, port, users, key } = rig.sshd
  const probe = await SshLink.probeHostKey({ hostname: host, port, timeoutMs: 10_000 })
  await trustHostKey(appKnownHosts, host, port, probe.keyType, Buffer.from(probe.keyBase64, 'base64'))
  // The docker CLI dials with OpenSSH, which finds ~/.ssh through the passwd
  // entry, not $HOME; a wrapper first on PATH hands it our config instead.
  const sshConfig = path.join(sshDir, 'config')
  fs.writeFileSync(sshConfig, `Host *\n  IdentityFile ${key}\n  IdentitiesOnly yes\n  BatchMode yes\n  UserKnownHostsFile ${appKnownHosts}\n`)
  const wrapperDir = path.join(home, 'bin')
  fs.mkdirSync(wrapperDir)
  fs.writeFileSync(path.join(wrapperDir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${sshConfig} "$@"\n`, { mode: 0o755 })

  const link = new SshLink({ hostname: host, port, user: users.docker, identityFiles: [key], knownHostsFiles: [appKnownHosts] })
  await link.connect({})
  const viaSsh = dockerOverSsh(link, { socketPath: rig.docker.socket })
  const viaSocket = dockerLocal(rig.docker.socket)
  const cliEnv = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), PATH: `${wrapperDir}:${process.env.PATH}` }
  const cli = (args: string[]) => () => run('docker', ['-H', `ssh://${users.docker}@${host}:${port}`, ...args], { env: cliEnv })

  const results: Record<string, Record<string, number>> = {}
  const endpoints: Array<[string, (d: Docker) => Promise<unknown>, string[]]> = [
    ['GET /version', (d) => d.version(), ['version', '--format', '{{.Server.Version}}']],
    ['GET /services', (d) => d.listServices(), ['service', 'ls', '-q']]
  ]
  console.log(`Docker API round trips (${CALLS} calls each; CLI ${CLI_CALLS})`)
  for (const [name, fn, args] of endpoints) {
    console.log(name)
    results[name] = {
      app: await time("app's persistent SSH transport", CALLS, () => fn(viaSsh)),
      unix: await time('local unix socket', CALLS, () => fn(viaSocket)),
      cli: await time('docker -H ssh://… (one process per call)', CLI_CALLS, cli(args))
    }
  }
  console.log('\nRatios (lower is better for the first, higher for the second)')
  for (const [name, r] of Object.entries(results)) {
    const vsUnix = r.app / r.unix
    const vsCli = r.cli / r.app
    console.log(
      `  ${name.padEnd(14)} app/unix = ${vsUnix.toFixed(2)}x (target ≤ 1.5x ${vsUnix <= 1.5 ? 'met' : 'NOT met'})   cli/app = ${vsCli.toFixed(1)}x faster (target ≥ 10x ${vsCli >= 10 ? 'met' : 'NOT met'})`
    )
  }
  console.log(`  SSH handshakes used by the app for all calls: ${link.handshakes}`)
  link.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
