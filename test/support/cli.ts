// Runs the real command-line program (bin/coopcloud-desktop.mjs) as a person
// would, with its own HOME and nothing else from this process's environment.
import { spawn } from 'node:child_process'

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
