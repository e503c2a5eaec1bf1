// Recipe commands (`abra app cmd`): the functions a recipe's abra.sh defines,
// read at the version the app runs, and one of them run inside a running
// container of a service, with the app's settings as its environment.
// abra.sh goes in as a tar upload (no shell builds its name or text), and the
// function's name and arguments reach the shell as positional parameters,
// never as part of a script, so nothing a person types is interpreted.
import crypto from 'node:crypto'
import type { Duplex } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type Docker from 'dockerode'
import tarStream from 'tar-stream'
import { ApiError } from '../contract/errors'
import { recipeDir } from '../recipes/git'
import type { AppContext, LoadedApp } from './context'
import { runningContainer, type MachineDocker } from './exec-terminal'
import { appSummary } from './list'
import { lostWords, type Opened } from './logs'
import { recipeFilesAt } from './recipe-files'
import { ensureRecipe } from './recipes-service'
import { dockerMessage } from './secret-errors'
import { t } from '../i18n/i18n'

export interface RecipeCommand {
  name: string
  /** The comment lines just above the function, without their `#`. */
  description?: string
}

// `name() {`, `name () {`, `function name {`, `function name() {`, at the start
// of a line: a function defined inside another one is not a command.
const FUNCTION_LINE = /^(?:function\s+([A-Za-z_][A-Za-z0-9_:.-]*)\s*(?:\(\s*\))?|([A-Za-z_][A-Za-z0-9_:.-]*)\s*\(\s*\))\s*(?:\{|$)/

/** The functions abra.sh defines, in file order, each with the comment above it. */
export function parseAbraSh(text: string): RecipeCommand[] {
  const lines = text.split(/\r?\n/)
  const found: RecipeCommand[] = []
  const seen = new Set<string>()
  for (let i = 0; i < lines.length; i++) {
    const m = FUNCTION_LINE.exec(lines[i])
    if (!m) continue
    const name = m[1] ?? m[2]
    if (seen.has(name)) continue
    seen.add(name)
    const comment: string[] = []
    for (let j = i - 1; j >= 0; j--) {
      const c = /^\s*#(?!!)\s?(.*)$/.exec(lines[j])
      if (!c) break
      comment.unshift(c[1].trimEnd())
    }
    const description = comment.join(' ').replace(/\s+/g, ' ').trim()
    found.push(description ? { name, description } : { name })
  }
  return found
}

/** The recipe's abra.sh at the version the app runs (deployed, else its env's), and that version. */
export async function abraShOf(ctx: AppContext, app: LoadedApp): Promise<{ version?: string; text?: string; dir: string }> {
  if (!app.recipe) throw new ApiError('recipe-unknown', t('commands.noRecipe', { domain: app.domain }))
  const summary = await appSummary(ctx, app.server, app.domain).catch(() => undefined)
  const { dir, versions } = await ensureRecipe(ctx, app.recipe)
  let version: string | undefined = summary?.version ?? app.version ?? versions[0]
  // A version the checkout doesn't know (a chaos deploy's commit) can't be read: the env's then.
  if (version !== undefined && !versions.includes(version)) version = app.version !== undefined && versions.includes(app.version) ? app.version : undefined
  let files
  try {
    files = await recipeFilesAt(dir, version ?? 'HEAD')
  } catch (err) {
    throw new ApiError('recipe-unreadable', t('commands.unreadable', { recipe: app.recipe, version: version ?? 'HEAD' }), err instanceof Error ? err.message : String(err))
  }
  return { version, text: files.get('abra.sh'), dir }
}

export async function listCommands(ctx: AppContext, app: LoadedApp): Promise<{ version?: string; commands: RecipeCommand[] }> {
  const { version, text } = await abraShOf(ctx, app)
  return { ...(version ? { version } : {}), commands: text === undefined ? [] : parseAbraSh(text) }
}

/** Refuses a function abra.sh doesn't define, naming the ones it does. */
export function checkCommand(app: LoadedApp, commands: RecipeCommand[], name: string, version?: string): void {
  if (commands.some((c) => c.name === name)) return
  const where = { recipe: app.recipe ?? '', version: version ?? 'HEAD', name }
  if (commands.length === 0) throw new ApiError('command-unknown', t('commands.noneAtAll', where))
  throw new ApiError('command-unknown', t('commands.unknown', { ...where, names: commands.map((c) => c.name).join(', ') }), undefined, {
    commands: commands.map((c) => c.name)
  })
}

/**
 * The script the shell runs: it reads abra.sh from the file named by its
 * first argument (removed on the way out), then calls the function named by
 * its second with the rest. bash when the container has it, as abra does.
 */
export const INNER_SCRIPT = 'f="$1"; fn="$2"; shift 2; trap \'rm -f "$f"\' EXIT; . "$f"; "$fn" "$@"'
const OUTER_SCRIPT = 'if command -v bash >/dev/null 2>&1; then exec bash -c "$0" abra.sh "$@"; fi; exec sh -c "$0" abra.sh "$@"'

/** The command line for docker exec: no part of it is built from what a person typed. */
export function commandLine(file: string, fn: string, args: string[]): string[] {
  return ['sh', '-c', OUTER_SCRIPT, INNER_SCRIPT, file, fn, ...args]
}

/** The app's settings as an environment, as abra passes them. */
export function envList(values: Record<string, string>): string[] {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`)
}

function tarOf(name: string, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pack = tarStream.pack()
    const chunks: Buffer[] = []
    pack.on('data', (c: unknown) => chunks.push(c as Buffer))
    pack.on('end', () => resolve(Buffer.concat(chunks)))
    pack.on('error', reject)
    pack.entry({ name, mode: 0o644 }, text, (err) => (err ? reject(err) : pack.finalize()))
  })
}

// A non-TTY exec's output comes in frames: 8 bytes (stream, 0, 0, 0, size) then the bytes.
class FrameReader {
  private pending: Buffer = Buffer.alloc(0)
  private readonly decoders = [new StringDecoder('utf8'), new StringDecoder('utf8'), new StringDecoder('utf8')]
  constructor(private readonly out: (text: string) => void) {}
  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4)
      if (this.pending.length < 8 + size) return
      const kind = Math.min(this.pending[0], 2)
      const text = this.decoders[kind].write(this.pending.subarray(8, 8 + size))
      this.pending = this.pending.subarray(8 + size)
      if (text) this.out(text)
    }
  }
  end(): void {
    for (const d of this.decoders) {
      const rest = d.end()
      if (rest) this.out(rest)
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function withCommandWords<T>(service: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ApiError && err.code === 'service-not-running') {
      throw new ApiError(err.code, t('commands.notRunning', { name: service }))
    }
    if (err instanceof ApiError && err.code === 'service-elsewhere') {
      const nodes = (err.data as { nodes?: string[] } | undefined)?.nodes ?? []
      throw new ApiError(err.code, t('commands.elsewhere', { name: service, nodes: nodes.join(', ') }), undefined, { nodes })
    }
    throw err
  }
}

/**
 * Copies abra.sh into a running container of `service` and runs `fn` there.
 * Stopping only stops following: like `docker exec` without a terminal (and
 * abra), the function goes on to its end in the container, since cutting a
 * migration or an account creation halfway would do more harm.
 */
export async function openCommand(
  docker: Docker,
  app: LoadedApp,
  opts: { service: string; script: string; fn: string; args: string[]; claim?: (connections: number, engine?: Docker) => void; machine?: MachineDocker }
): Promise<Opened & { container: string }> {
  const { docker: engine, containerId } = await withCommandWords(opts.service, () => runningContainer(docker, app, opts.service, opts.machine))
  opts.claim?.(1, engine)
  const container = engine.getContainer(containerId)
  const base = `abra-${crypto.randomBytes(6).toString('hex')}.sh`
  const file = `/tmp/${base}`
  const cmd = commandLine(file, opts.fn, opts.args)
  let exec: Docker.Exec
  let sock: Duplex
  try {
    await container.putArchive(await tarOf(base, opts.script), { path: '/tmp' })
  } catch (err) {
    throw new ApiError('command-copy-failed', t('commands.copyFailed', { service: opts.service }), dockerMessage(err))
  }
  try {
    exec = await container.exec({ Cmd: cmd, Env: envList(app.values), Tty: false, AttachStdin: false, AttachStdout: true, AttachStderr: true } as Docker.ExecCreateOptions)
    sock = (await exec.start({ hijack: true, stdin: false, Detach: false } as Docker.ExecStartOptions)) as unknown as Duplex
  } catch (err) {
    await removeFile(container, file)
    throw new ApiError('exec-failed', t('commands.execFailed', { name: opts.fn, service: opts.service }), dockerMessage(err))
  }
  // Not read until start(): paused, the socket holds output for the caller.
  sock.pause()
  sock.on('error', () => {})

  let stopping = false
  let started = false
  let resolveDone: () => void = () => {}
  const done = new Promise<void>((resolve) => (resolveDone = resolve))

  const exitCode = async (): Promise<number | undefined> => {
    for (let i = 0; i < 20; i++) {
      try {
        const r = await exec.inspect()
        if (!r.Running) return r.ExitCode ?? undefined
      } catch {
        return undefined
      }
      await sleep(100)
    }
    return undefined
  }

  return {
    container: containerId.slice(0, 12),
    start(sink) {
      started = true
      const frames = new FrameReader((text) => sink.data(text))
      let ended = false
      const finish = async (err?: unknown): Promise<void> => {
        if (ended) return
        ended = true
        frames.end()
        if (stopping) {
          sink.end({})
        } else {
          const code = await exitCode()
          // The shell removes the file as it ends; this covers a function that replaced its trap.
          await removeFile(container, file)
          sink.end(err !== undefined && code === undefined ? { error: lostWords(err) } : code === undefined ? {} : { exitCode: code })
        }
        resolveDone()
      }
      sock.on('data', (chunk: Buffer) => frames.push(chunk))
      sock.on('end', () => void finish())
      sock.on('close', () => void finish())
      sock.on('error', (err) => void finish(err))
      sock.resume()
    },
    async stop() {
      stopping = true
      sock.destroy()
      if (started) await done
    }
  }
}

async function removeFile(container: Docker.Container, file: string): Promise<void> {
  try {
    const exec = await container.exec({ Cmd: ['rm', '-f', file], AttachStdout: false, AttachStderr: false })
    await exec.start({ Detach: true } as Docker.ExecStartOptions)
  } catch {
    // The shell's own trap removes it; nothing more to do here.
  }
}

/** abra.sh of a recipe already in ~/.abra/recipes, at `version` (else HEAD): what `app cmd --local` runs. */
export async function abraShAt(recipesDir: string, recipe: string, version?: string): Promise<string | undefined> {
  return (await recipeFilesAt(recipeDir(recipesDir, recipe), version ?? 'HEAD')).get('abra.sh')
}
