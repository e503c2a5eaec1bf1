// Runs the real command-line program (bin/coopcloud-desktop.mjs) as a person
// would, with its own HOME and nothing else from this process's environment.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export type CliResult = { code: number | null; stdout: string; stderr: string }

export function runCli(bin: string, home: string, env: Record<string, string>, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: home, env: { PATH: process.env.PATH, HOME: home, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(opts.input ?? '')
  })
}

const root = path.resolve(import.meta.dirname, '../..')

/** The command-line program the tests run. CCD_TEST_BIN points at a build made
 * elsewhere (e.g. while this checkout's out/ is in use). */
export const cliBin = process.env.CCD_TEST_BIN ?? path.join(root, 'bin/coopcloud-desktop.mjs')

/** Fails the test file's set-up when the program isn't built. A test never
 * builds it itself: `npm test` builds once, before any test file runs, and a
 * build made from inside one would rewrite out/ under the files running
 * beside it. */
export function requireBuiltCli(): void {
  if (process.env.CCD_TEST_BIN) return
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: npm test builds it first (or run `npx electron-vite build`).')
}
