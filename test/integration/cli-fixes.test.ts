import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRig, resetDocker2, type Rig } from '../rig/rig'
import { cliBin, requireBuiltCli } from '../support/cli'

// The checks' fixes from a terminal, on the rig's second engine (no swarm),
// added as "This computer" with its own socket: what check says to run works.
const bin = cliBin
let rig: Rig
let home: string

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  await resetDocker2(rig)
  home = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? os.tmpdir(), 'ccd-cli-fix-'))
})

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: home, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, HOME: home } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('server fixes from the CLI', () => {
  it('check names the command to run, and running it turns the check green', () => {
    expect(cli(['server', 'add', '--local', '--socket', rig.docker2.socket]).code).toBe(0)
    let check = cli(['server', 'check', 'default'])
    expect(check.code).toBe(1)
    expect(check.stdout).toContain('Run: coopcloud-desktop server swarm-init default')

    const init = cli(['server', 'swarm-init', 'default', '--advertise-addr', '127.0.0.2:2378', '--listen-addr', '127.0.0.2:2378', '--data-path-port', '4790'])
    expect(init.code, init.stderr).toBe(0)
    check = cli(['server', 'check', 'default'])
    expect(check.stdout).toContain('Run: coopcloud-desktop server proxy-network default')

    expect(cli(['server', 'proxy-network', 'default']).code).toBe(0)
    const results = JSON.parse(cli(['server', 'check', 'default', '--json']).stdout) as Array<{ id: string; ok: boolean | null }>
    expect(Object.fromEntries(results.map((r) => [r.id, r.ok]))).toMatchObject({ swarm: true, 'proxy-network': true })
  })

  it('prepare explains that it is for servers reached over SSH', () => {
    const r = cli(['server', 'prepare', 'default'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Preparing works on servers reached over SSH')
  })

  it('refuses a bad port with a usage error', () => {
    const r = cli(['server', 'swarm-init', 'default', '--advertise-addr', '127.0.0.2', '--data-path-port', 'x'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--data-path-port must be a number from 1 to 65535')
  })
})
