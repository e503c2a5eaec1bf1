import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliBin, requireBuiltCli } from '../support/cli'

// The CLI as a person runs it: the built bin, in a fresh process, against a
// temp HOME that holds one abra server folder with one app.
const bin = cliBin
let home: string

beforeAll(() => {
  requireBuiltCli()
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cli-'))
  fs.mkdirSync(path.join(home, '.abra/servers/example.org'), { recursive: true })
  fs.writeFileSync(path.join(home, '.abra/servers/example.org/a.example.org.env'), 'TYPE=traefik\nDOMAIN=a.example.org\n')
})

afterAll(() => fs.rmSync(home, { recursive: true, force: true }))

function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: home,
    encoding: 'utf8',
    input,
    timeout: 30_000,
    env: { PATH: process.env.PATH, HOME: home, ABRA_DIR: path.join(home, '.abra'), ...env }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('coopcloud-desktop CLI', () => {
  it('server ls --json lists the abra server folders', () => {
    const r = cli(['server', 'ls', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const servers = JSON.parse(r.stdout)
    expect(servers).toHaveLength(1)
    expect(servers[0]).toMatchObject({ name: 'example.org', kind: 'ssh', hostname: 'example.org', appCount: 1 })
    expect(['unknown', 'connecting', 'connected', 'reconnecting', 'offline']).toContain(servers[0].state)
    for (const key of ['user', 'port', 'socketPath']) expect(servers[0]).toHaveProperty(key)
  })

  it('server ls prints a table for people', () => {
    const r = cli(['server', 'ls'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^NAME\s+ADDRESS\s+STATE\s+APPS/)
    expect(r.stdout).toMatch(/^example\.org\s/m)
  })

  it('exits 2 on bad usage, with the usage text', () => {
    for (const args of [[], ['frobnicate'], ['server'], ['server', 'explode'], ['server', 'ls', '--nope'], ['server', 'ls', 'extra'], ['server', 'check'], ['server', 'add', 'example.org', '--port', 'ssh'], ['server', 'add', 'a', 'b']]) {
      const r = cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toContain('Usage:')
      expect(r.stdout).toBe('')
    }
  })

  it('exits 1 with the message when the core refuses', () => {
    const r = cli(['server', 'rm', '../etc'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('name')
    expect(r.stdout).toBe('')
  })

  it('--help exits 0', () => {
    const r = cli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('server add <host>')
  })

  it('speaks French under LANG=fr_FR.UTF-8, and English again without it', () => {
    const fr = { LANG: 'fr_FR.UTF-8' }
    const table = cli(['server', 'ls'], undefined, fr)
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^NOM\s+ADRESSE\s+ÉTAT\s+APPLIS/)
    // The CLI's own words, with its usage text.
    const unknown = cli(['frobnicate'], undefined, fr)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('« frobnicate » n’est pas une commande.')
    expect(unknown.stderr).toContain('Co-op Cloud Desktop en ligne de commande.')
    // The core's (servers) and the contract's (a refused name) words too.
    const missing = cli(['server', 'rm', 'nowhere.example'], undefined, fr)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('Il n’y a pas de serveur nommé « nowhere.example » dans votre liste.')
    const refused = cli(['server', 'rm', '../etc'], undefined, fr)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('name: Utilisez seulement des lettres, des chiffres, des points, des tirets et des tirets bas.')
    // --json stays as it is: data, not words.
    const json = cli(['server', 'ls', '--json'], undefined, fr)
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ name: 'example.org', kind: 'ssh' })

    const english = cli(['server', 'rm', 'nowhere.example'], undefined, { LANG: 'C.UTF-8' })
    expect(english.stderr).toContain('There is no server called "nowhere.example" in your list.')
    expect(cli(['server', 'ls']).stdout).toMatch(/^NAME\s+ADDRESS\s+STATE\s+APPS/)
  })

  it('asks for a build when there is none', () => {
    const lone = path.join(home, 'lone/bin')
    fs.mkdirSync(lone, { recursive: true })
    fs.copyFileSync(bin, path.join(lone, 'coopcloud-desktop.mjs'))
    const r = spawnSync(process.execPath, [path.join(lone, 'coopcloud-desktop.mjs'), 'server', 'ls'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('npm run build')
  })
})
