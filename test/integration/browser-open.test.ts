import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openInBrowser } from '../../src-main/browser/open'
import { REPO_ROOT } from '../rig/rig'

// `--open` hands the address to the desktop's opener, whose arguments any
// user of the machine can read (`ps`, /proc/*/cmdline). The token must not
// be among them. A stand-in xdg-open on PATH records what it was given.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-open-'))
const bin = path.join(tmp, 'bin')
const record = path.join(tmp, 'argv.txt')
const token = 'Zm9vYmFyLXNlY3JldC10b2tlbi1mb3ItdGhlLXRlc3Q'
const url = `http://127.0.0.1:4567/#token=${token}`
const savedPath = process.env.PATH
fs.mkdirSync(bin)
// Records its arguments, then stays a moment, as a real opener would.
fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}.part'\nmv '${record}.part' '${record}'\nsleep 1\n`, { mode: 0o755 })

afterAll(() => {
  process.env.PATH = savedPath
  fs.rmSync(tmp, { recursive: true, force: true })
})

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
async function waitFor<T>(what: string, get: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(20)) {
    const v = get()
    if (v) return v
  }
  throw new Error(`timed out waiting for ${what}`)
}

function readOr(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

describe.runIf(process.platform === 'linux')('opening the browser', () => {
  it('gives the opener a private file, not the address with the token', async () => {
    process.env.PATH = `${bin}:${savedPath}`

    const file = openInBrowser(url, { keepMs: 1500 })
    expect(file).not.toBeNull()
    const argv = await waitFor('the opener to run', () => fs.existsSync(record) && fs.readFileSync(record, 'utf8'))
    expect(argv).toBe(`${file}\n`)
    expect(argv).not.toContain(token)
    // No process on the machine shows the token in its command line.
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      const cmdline = readOr(`/proc/${pid}/cmdline`)
      // A process that ended meanwhile has nothing to show.
      if (cmdline !== null) expect(cmdline, `process ${pid}`).not.toContain(token)
    }

    // The file is this user's alone, and sends the browser on to the address.
    expect(fs.statSync(file!).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.dirname(file!)).mode & 0o777).toBe(0o700)
    const html = fs.readFileSync(file!, 'utf8')
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${url}">`)
    expect(html).toContain(`<a href="${url}">`)

    // ...and is gone once the browser has had time to read it.
    await waitFor('the file to be removed', () => !fs.existsSync(path.dirname(file!)), 5_000)
  })

  it('removes the file when browser mode is stopped with Ctrl+C or a TERM signal, before its timer', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const tmpdir = fs.mkdtempSync(path.join(tmp, `serve-${signal}-`))
      fs.rmSync(record, { force: true })
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src-main/browser/serve.ts'), '--open'], {
        cwd: REPO_ROOT,
        env: { ...process.env, PATH: `${bin}:${savedPath}`, HOME: tmpdir, TMPDIR: tmpdir },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      try {
        const argv = await waitFor(`the opener to run (${output})`, () => fs.existsSync(record) && fs.readFileSync(record, 'utf8'), 60_000)
        const file = argv.trim()
        expect(file.startsWith(tmpdir)).toBe(true)
        expect(fs.existsSync(file)).toBe(true)
        child.kill(signal)
        expect(await exited, output).toBe(0)
        // Stopped long before its two-minute timer: the folder went with the process.
        expect(fs.existsSync(path.dirname(file))).toBe(false)
        expect(fs.readdirSync(tmpdir).filter((n) => n.startsWith('coopcloud-desktop-open-'))).toEqual([])
      } finally {
        child.kill('SIGKILL')
      }
    }
  })

  it('still opens nothing, without failing, when there is no opener', () => {
    process.env.PATH = path.join(tmp, 'nowhere')
    expect(() => openInBrowser(url, { keepMs: 100 })).not.toThrow()
  })
})
