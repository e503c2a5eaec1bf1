// Issue 9, section 9: "Prepare this server" runs shell commands as root with
// the Docker socket path from the user's server settings in them. A path
// holding spaces, quotes or `$(...)` must stay one path, never run anything.
// The commands run here under a real sh, with a stand-in `docker` (and
// `sudo`, for when the tests don't run as root) that record their arguments.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeScript } from '../../src-main/servers/facts'
import { asRoot, dockerAnswers } from '../../src-main/servers/prepare'
import { parseKeyValues } from '../../src-main/core/shell'

let dir: string
let bin: string
const servers: net.Server[] = []

// Each would leave a file named pwned* in the working directory if the shell ran it.
const HOSTILE = `s p'q"$(touch pwned1)\`touch pwned2\`;touch pwned3&&x`
// Without quotes to break the syntax, an unquoted path would run this one.
const SUBST = 'a $(touch pwned5) b'

function run(script: string): { code: number | null; stdout: string; stderr: string; dockerArgs?: string[] } {
  const argsFile = path.join(dir, 'docker-args')
  fs.rmSync(argsFile, { force: true })
  const r = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: `${bin}:${process.env.PATH}`, DOCKER_ARGS_FILE: argsFile } })
  const dockerArgs = fs.existsSync(argsFile) ? fs.readFileSync(argsFile, 'utf8').split('\0').slice(0, -1) : undefined
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, dockerArgs }
}

const pwned = (): string[] => fs.readdirSync(dir).filter((f) => f.startsWith('pwned'))

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-q-'))
  bin = path.join(dir, 'bin')
  fs.mkdirSync(bin)
  fs.writeFileSync(path.join(bin, 'docker'), '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$DOCKER_ARGS_FILE"\n', { mode: 0o755 })
  fs.writeFileSync(path.join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n', { mode: 0o755 })
  // A real socket at the hostile path, so `test -S` passes and docker is asked.
  fs.mkdirSync(path.join(dir, HOSTILE))
  const socket = path.join(dir, HOSTILE, 'd.sock')
  fs.mkdirSync(path.join(dir, SUBST))
  for (const s of [socket, path.join(dir, SUBST, 'd.sock')]) {
    const srv = net.createServer()
    servers.push(srv)
    await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(s, resolve))
  }
})

afterAll(async () => {
  await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))))
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the socket path in prepare’s root commands', () => {
  it('reaches docker as one argument, and nothing in it runs', () => {
    const socket = path.join(dir, HOSTILE, 'd.sock')
    const r = run(asRoot(dockerAnswers(socket)))
    expect(r.code, r.stderr).toBe(0)
    expect(r.dockerArgs).toEqual(['-H', `unix://${socket}`, 'info'])
    expect(pwned()).toEqual([])
  })

  it('a command substitution in the path stays text', () => {
    const socket = path.join(dir, SUBST, 'd.sock')
    const r = run(asRoot(dockerAnswers(socket)))
    expect(r.code, r.stderr).toBe(0)
    expect(r.dockerArgs).toEqual(['-H', `unix://${socket}`, 'info'])
    expect(pwned()).toEqual([])
  })

  it('a path that is not a socket stops before docker is asked', () => {
    const r = run(asRoot(dockerAnswers(path.join(dir, HOSTILE, 'missing.sock'))))
    expect(r.code).not.toBe(0)
    expect(r.dockerArgs).toBeUndefined()
    expect(pwned()).toEqual([])
  })

  it('the probe run before and after sees the same socket', () => {
    const r = run(probeScript(path.join(dir, HOSTILE, 'd.sock')))
    expect(parseKeyValues(r.stdout)).toMatchObject({ socket_exists: '1', socket_access: '1' })
    expect(pwned()).toEqual([])
  })

  it('asRoot keeps a command with quotes whole, through sudo too', () => {
    const r = run(asRoot(`printf '%s\\n' "it's" '$(touch pwned4)'`))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(`it's\n$(touch pwned4)\n`)
    expect(pwned()).toEqual([])
  })
})
