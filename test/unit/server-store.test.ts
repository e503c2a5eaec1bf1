import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolvePaths } from '../../src-main/core/paths'
import { listServerNames, parseSshHost, readServer, removeServer, saveServer } from '../../src-main/servers/store'

const tmpHome = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-store-'))

describe('server store (abra layout)', () => {
  it('respects ABRA_DIR and DOCKER_CONFIG', () => {
    const p = resolvePaths({ ABRA_DIR: '/x/abra', DOCKER_CONFIG: '/x/docker' }, '/home/u')
    expect(p.serversDir).toBe('/x/abra/servers')
    expect(p.dockerConfigDir).toBe('/x/docker')
    expect(p.appKnownHosts).toBe('/home/u/.ssh/coopcloud-desktop_known_hosts')
  })

  it('writes a folder per server and a docker context, as abra does, and reads them back', async () => {
    const home = tmpHome()
    const paths = resolvePaths({}, home)
    await saveServer(paths, { name: 'coop.example', kind: 'ssh', hostname: '203.0.113.7', user: 'admin', port: 2222, socketPath: '/var/run/docker.sock' })
    expect(fs.statSync(path.join(home, '.abra/servers/coop.example')).isDirectory()).toBe(true)
    const id = crypto.createHash('sha256').update('coop.example').digest('hex')
    const meta = JSON.parse(fs.readFileSync(path.join(home, '.docker/contexts/meta', id, 'meta.json'), 'utf8'))
    expect(meta).toEqual({ Name: 'coop.example', Metadata: {}, Endpoints: { docker: { Host: 'ssh://admin@203.0.113.7:2222', SkipTLSVerify: false } } })
    fs.writeFileSync(path.join(home, '.abra/servers/coop.example/wiki.coop.example.env'), 'TYPE=mediawiki\n')
    expect(await readServer(paths, 'coop.example', { user: 'me' })).toMatchObject({ hostname: '203.0.113.7', user: 'admin', port: 2222, appCount: 1, kind: 'ssh' })
  })

  it('reads a server abra added without a context: the name is the host', async () => {
    const home = tmpHome()
    const paths = resolvePaths({}, home)
    fs.mkdirSync(path.join(home, '.abra/servers/abra-only.example'), { recursive: true })
    expect(await listServerNames(paths)).toEqual(['abra-only.example'])
    expect(await readServer(paths, 'abra-only.example', { user: 'me' })).toMatchObject({ hostname: 'abra-only.example', user: 'me', port: 22 })
  })

  it('reads a server abra knows only by its folder through ~/.ssh/config, as ssh would', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-store-'))
    const paths = resolvePaths({ HOME: home }, home)
    fs.mkdirSync(path.join(paths.serversDir, 'coop'), { recursive: true })
    fs.mkdirSync(path.join(home, '.ssh'))
    fs.writeFileSync(path.join(home, '.ssh', 'config'), 'Host coop\n  HostName 198.51.100.4\n  User admin\n  Port 2200\n')
    expect(await readServer(paths, 'coop', { user: 'me' })).toMatchObject({ name: 'coop', sshAlias: 'coop', hostname: '198.51.100.4', user: 'admin', port: 2200, kind: 'ssh' })
    fs.rmSync(home, { recursive: true })
  })

  it('removing a server keeps its app settings aside instead of deleting them', async () => {
    const home = tmpHome()
    const paths = resolvePaths({}, home)
    await saveServer(paths, { name: 's1', kind: 'ssh', hostname: 'h', user: 'u', port: 22, socketPath: '/var/run/docker.sock' })
    fs.writeFileSync(path.join(home, '.abra/servers/s1/app.s1.env'), 'TYPE=x\n')
    const { keptAppsIn } = await removeServer(paths, 's1')
    expect(await listServerNames(paths)).toEqual([])
    expect(fs.readFileSync(path.join(keptAppsIn!, 'app.s1.env'), 'utf8')).toBe('TYPE=x\n')
    await saveServer(paths, { name: 's2', kind: 'ssh', hostname: 'h', user: 'u', port: 22, socketPath: '/var/run/docker.sock' })
    expect(await removeServer(paths, 's2')).toEqual({})
    expect(fs.existsSync(path.join(home, '.abra/servers/s2'))).toBe(false)
  })

  it('parses ssh:// hosts including IPv6', () => {
    expect(parseSshHost('ssh://root@[2001:db8::1]:2200')).toEqual({ user: 'root', hostname: '2001:db8::1', port: 2200 })
    expect(parseSshHost('ssh://example.org')).toEqual({ user: undefined, hostname: 'example.org', port: undefined })
    expect(parseSshHost('unix:///var/run/docker.sock')).toBeUndefined()
  })
})
