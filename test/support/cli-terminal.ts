// The real command-line program on a terminal: util-linux's `script` gives it
// one, as a person's shell would, so it shows its preview and asks. Each time
// `question` appears on screen, the answer `answer` returns is typed.
import { spawn } from 'node:child_process'
import { cliBin } from './cli'

export function cliOnTerminal(
  home: string,
  env: Record<string, string>,
  args: string[],
  question: string,
  answer: (nth: number) => string,
  timeoutMs = 100_000
): Promise<{ code: number | null; out: string }> {
  const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`
  const command = [process.execPath, cliBin, ...args].map(quote).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: home, env: { PATH: process.env.PATH, HOME: home, TERM: 'dumb', ...env } })
    let out = ''
    let asked = 0
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8')
      const questions = out.split(question).length - 1
      while (asked < questions) child.stdin.write(`${answer(++asked)}\n`)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}
