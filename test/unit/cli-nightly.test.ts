import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from '../../src-main/cli/index'

// `coopcloud-desktop nightly …` through the real CLI entry point, on a
// throw-away home with no server (setting up, listing and restoring against
// a swarm are proven in test/integration/nightly-backups).
describe('coopcloud-desktop nightly', () => {
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
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cli-nightly-'))
    process.env.HOME = home
    process.env.XDG_CONFIG_HOME = path.join(home, '.config')
    process.env.XDG_DATA_HOME = path.join(home, '.local', 'share')
    delete process.env.ABRA_DIR
    delete process.env.COOPCLOUD_S3_SECRET
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

  it('lists its commands in the usage, and says when nothing is set up', async () => {
    expect(await run(['--help'])).toBe(0)
    expect(out).toContain('coopcloud-desktop nightly setup <server>')
    expect(out).toContain('coopcloud-desktop nightly restore <domain> [snapshot] [--yes]')
    out = ''
    expect(await run(['nightly', 'status', 'example.org'])).toBe(0)
    expect(out.trim()).toBe('Nightly backups are not set up on example.org.')
    out = ''
    expect(await run(['nightly', 'status', 'example.org', '--json'])).toBe(0)
    expect(JSON.parse(out)).toEqual({ server: 'example.org', configured: false, running: false, apps: [] })
  })

  it('refuses a bad command line with exit code 2 and says what to type; secrets never come from arguments', async () => {
    expect(await run(['nightly', 'frobnicate'])).toBe(2)
    expect(err).toContain('“frobnicate” is not a nightly command')
    expect(await run(['nightly', 'setup'])).toBe(2)
    expect(err).toContain('Give the server: nightly setup <server>.')
    expect(await run(['nightly', 'setup', 'example.org', '--to', 'ftp://x'])).toBe(2)
    expect(err).toContain('is not a destination')
    expect(await run(['nightly', 'setup', 'example.org', '--to', 's3:https://s3.example.org/bucket', '--key-id', 'AKID'])).toBe(2)
    expect(err).toContain('COOPCLOUD_S3_SECRET')
    expect(await run(['nightly', 'setup', 'example.org', '--to', 'sftp://coop@backup.example.org/srv/restic'])).toBe(2)
    expect(err).toContain('--ssh-key FILE')
  })

  it('setting up on an unknown server fails with exit code 1 in words, and makes nothing', async () => {
    expect(await run(['nightly', 'setup', 'nowhere.example.org'])).toBe(1)
    expect(err).toMatch(/nowhere\.example\.org/)
    expect(fs.existsSync(path.join(home, '.abra', 'servers', 'nowhere.example.org'))).toBe(false)
  })
})
