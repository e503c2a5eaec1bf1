// Recipe commands (abra app cmd) on the rig: a recipe of this test's own
// whose abra.sh functions take arguments, print, fail and read the app's
// settings, run in a running container of the app's service (busybox: sh,
// no bash) through the core, and through the command line, also --local.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { EventPayload } from '../../src-main/contract/contract'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { cliBin, requireBuiltCli, runCli, type CliResult } from '../support/cli'
import { hostileArgs, makeCommandRecipe } from '../support/command-recipe'
import { call, callError, deployShellService, homeWithSshConfig, waitFor, waitServiceRunning } from './support'

const bin = cliBin
const tag = crypto.randomBytes(3).toString('hex')
const recipe = `cmdfix-${tag}`
const app = { server: 'default', domain: `cmd-${tag}.example.com` }
const stack = stackNameFor(app.domain)
let rig: Rig
let home: string
let core: Core
let docker: Docker
const created: string[] = []

type Data = EventPayload<'stream.data'>
type End = EventPayload<'stream.end'>
const data: Data[] = []
const ends: End[] = []
const textOf = (id: string): string => data.filter((d) => d.streamId === id).map((d) => d.data).join('')
const endOf = (id: string): Promise<End> => waitFor(`the end of ${id}`, () => ends.find((e) => e.streamId === id), 30_000, { detail: () => textOf(id) })

const cli = (args: string[]): Promise<CliResult> => runCli(bin, home, {}, args, { timeoutMs: 60_000 })

async function inContainer(script: string): Promise<string> {
  const [task] = (await docker.listTasks({ filters: JSON.stringify({ service: [`${stack}_app`], 'desired-state': ['running'] }) })).filter((t) => t.Status?.ContainerStatus?.ContainerID)
  const exec = await docker.getContainer(task.Status!.ContainerStatus!.ContainerID!).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true, Tty: true })
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true } as Docker.ExecStartOptions)
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  await new Promise((resolve) => stream.on('end', resolve))
  return Buffer.concat(chunks).toString('utf8').trim()
}

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home } })
  core.events.subscribe((name, payload) => {
    if (name === 'stream.data') data.push(payload as Data)
    if (name === 'stream.end') ends.push(payload as End)
  })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  await makeCommandRecipe(core.paths.recipesDir, recipe)
  await writeAppEnv(core.paths, app.server, app.domain, `TYPE=${recipe}:1.0.0+1\nDOMAIN=${app.domain}\nGREETING=bonjour tout le monde\n`)
  created.push(await deployShellService(docker, rig.image, stack, 'app', 'exec sleep 3600'))
  await waitServiceRunning(docker, `${stack}_app`)
})

afterAll(async () => {
  if (docker) for (const s of created) await docker.getService(s).remove().catch(() => undefined)
  await core?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('recipe commands through the core', () => {
  it("lists the functions of abra.sh at the app's version, with their descriptions", async () => {
    const { version, commands } = await call(core, 'apps.commands', app)
    expect(version).toBe('1.0.0+1')
    expect(commands).toEqual([
      { name: 'greet', description: 'Says hello to each name it is given, one line each.' },
      { name: 'show_env', description: "Prints settings from the app's env file." },
      { name: 'fail_with', description: 'Fails on purpose with the code given (3 by default).' },
      { name: 'slow' },
      { name: '_helper' }
    ])
  })

  it('runs a function with hostile arguments taken literally, and leaves no abra.sh behind', async () => {
    const marker = `/tmp/pwned-${tag}`
    const args = hostileArgs(marker)
    const { streamId, version } = await call(core, 'apps.runCommand', { ...app, service: 'app', command: 'greet', args })
    expect(version).toBe('1.0.0+1')
    const end = await endOf(streamId)
    expect(end).toEqual({ streamId, exitCode: 0 })
    expect(textOf(streamId)).toBe(`${args.map((a) => `hello [${a}]`).join('\n')}\ncount=${args.length}\n`)
    expect(await inContainer(`ls /tmp; test -e ${marker} && echo PWNED`)).not.toMatch(/PWNED|abra-.*\.sh/)
  })

  it("reads the app's settings, and reports a failure's exit code with its output", async () => {
    const env = await call(core, 'apps.runCommand', { ...app, service: 'app', command: 'show_env' })
    expect((await endOf(env.streamId)).exitCode).toBe(0)
    expect(textOf(env.streamId)).toBe(`domain=${app.domain}\ngreeting=bonjour tout le monde\n`)

    const failed = await call(core, 'apps.runCommand', { ...app, service: 'app', command: 'fail_with', args: ['5'] })
    expect(await endOf(failed.streamId)).toEqual({ streamId: failed.streamId, exitCode: 5 })
    expect(textOf(failed.streamId)).toBe('about to fail\n')
  })

  it("refuses a function the app's version doesn't define, and a service that isn't there", async () => {
    const newer = await callError(core, 'apps.runCommand', { ...app, service: 'app', command: 'newer_only' })
    expect(newer.code).toBe('command-unknown')
    expect(newer.message).toContain('"newer_only"')
    expect(newer.message).toContain('greet, show_env, fail_with, slow, _helper')
    const notAName = await callError(core, 'apps.runCommand', { ...app, service: 'app', command: 'rm -rf /' } as never)
    expect(notAName.code).toBe('invalid-request')
    const noService = await callError(core, 'apps.runCommand', { ...app, service: 'nope', command: 'greet' })
    expect(noService.code).toBe('service-unknown')
  })

  it('stops following when asked; the stream ends once and the slot is given back', async () => {
    const { streamId } = await call(core, 'apps.runCommand', { ...app, service: 'app', command: 'slow', args: ['3'] })
    await waitFor('the first line', () => textOf(streamId).includes('slow start'))
    await call(core, 'streams.stop', { streamId })
    expect(ends.filter((e) => e.streamId === streamId)).toEqual([{ streamId }])
    // Stopping it again is no error.
    expect(await call(core, 'streams.stop', { streamId })).toEqual({})
  })
})

describe('app cmd on the command line', () => {
  it('lists the commands', async () => {
    const r = await cli(['app', 'cmd', app.domain, '--list'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^greet +Says hello to each name it is given, one line each\.$/m)
    expect(r.stdout).toMatch(/^slow$/m)
    expect(r.stdout).not.toContain('newer_only')
  })

  it('runs a function in the only service, with arguments after --, and says how it ended', async () => {
    const ok = await cli(['app', 'cmd', app.domain, 'greet', '--', 'a b', '$(id)', '--list'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toBe('hello [a b]\nhello [$(id)]\nhello [--list]\ncount=3\n')
    expect(ok.stderr).toContain('The command finished without errors (exit code 0).')

    const failed = await cli(['app', 'cmd', app.domain, 'app', 'fail_with', '--', '4'])
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('about to fail\n')
    expect(failed.stderr).toContain('The command ended with an error (exit code 4).')

    const unknown = await cli(['app', 'cmd', app.domain, 'newer_only'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('has no command called "newer_only"')
  })

  it('--local runs it on this computer with the same settings, arguments literal', async () => {
    const marker = path.join(home, `pwned-${tag}`)
    const r = await cli(['app', 'cmd', app.domain, '--local', 'greet', '--', ...hostileArgs(marker)])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`hello [$(touch ${marker})]\n`)
    expect(fs.existsSync(marker)).toBe(false)
    const env = await cli(['app', 'cmd', app.domain, '--local', 'show_env'])
    expect(env.stdout).toBe(`domain=${app.domain}\ngreeting=bonjour tout le monde\n`)
  })
})
