import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from '../../src-main/cli/index'

// `coopcloud-desktop team …` through the real CLI entry point, on a
// throw-away home; the remote is a port where nothing listens (the sharing
// itself is proven against a git server in test/integration/team-share).
describe('coopcloud-desktop team', () => {
  const saved = { ...process.env }
  let out = ''
  let err = ''
  let home = ''
  const writes = { out: process.stdout.write, err: process.stderr.write }
  const capture = (append: (s: string) => void) =>
    ((chunk: unknown, done?: unknown) => {
      append(String(chunk))
      if (typeof done === 'function') done()
      return true
    }) as typeof process.stdout.write

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cli-team-'))
    process.env.HOME = home
    process.env.XDG_CONFIG_HOME = path.join(home, '.config')
    process.env.XDG_DATA_HOME = path.join(home, '.local', 'share')
    delete process.env.ABRA_DIR
    process.env.LANG = 'C'
    out = ''
    err = ''
    process.stdout.write = capture((s) => (out += s))
    process.stderr.write = capture((s) => (err += s))
  })
  afterEach(() => {
    process.stdout.write = writes.out
    process.stderr.write = writes.err
    process.env = { ...saved }
    fs.rmSync(home, { recursive: true, force: true })
  })

  it('status says when nothing is shared; the usage lists the team commands', async () => {
    expect(await run(['team', 'status'])).toBe(0)
    expect(out.trim()).toBe('App settings are not shared with a team.')
    expect(await run(['team', 'status', '--json'])).toBe(0)
    expect(JSON.parse(out.slice(out.indexOf('{')))).toEqual({ connected: false, unshared: 0, conflicts: [] })
    expect(await run(['--help'])).toBe(0)
    expect(out).toContain('coopcloud-desktop team connect <https://…/repo.git> --name "Your name"')
  })

  it('refuses a bad command line with exit code 2, and says what to type', async () => {
    expect(await run(['team', 'frobnicate'])).toBe(2)
    expect(err).toContain('“frobnicate” is not a team command')
    expect(await run(['team', 'connect', 'https://git.example.org/coop/abra.git'])).toBe(2)
    expect(err).toContain('--name "Your name"')
    expect(await run(['team', 'resolve', 'example.org/a.example.org.env', 'both'])).toBe(2)
    // Which servers are shared: names, or --all, not both.
    expect(await run(['team', 'servers'])).toBe(2)
    expect(err).toContain('team servers example.org b.example.net')
    expect(await run(['team', 'servers', '--all', 'x.example.org'])).toBe(2)
  })

  it('team servers says when nothing is shared yet', async () => {
    fs.mkdirSync(path.join(home, '.abra', 'servers', 'x.example.org'), { recursive: true })
    expect(await run(['team', 'servers', 'x.example.org'])).toBe(1)
    expect(err).toContain('not shared with a team')
  })

  it('an unreachable remote fails with exit code 1 in words, and makes nothing', async () => {
    fs.mkdirSync(path.join(home, '.abra', 'servers', 'example.org'), { recursive: true })
    fs.writeFileSync(path.join(home, '.abra', 'servers', 'example.org', 'a.example.org.env'), 'TYPE=x\n')
    process.env.COOPCLOUD_TEAM_TOKEN = 'tok-from-env-1234'
    // Nothing listens on port 1.
    expect(await run(['team', 'connect', 'http://127.0.0.1:1/team.git', '--name', 'Alice'])).toBe(1)
    expect(err).toContain('http://127.0.0.1:1/team.git could not be reached')
    expect(err).not.toContain('tok-from-env-1234')
    expect(fs.existsSync(path.join(home, '.abra', 'servers', '.git'))).toBe(false)
    expect(await run(['team', 'status'])).toBe(0)
    expect(out).toContain('not shared')
  })
})
