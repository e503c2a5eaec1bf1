import { describe, expect, it } from 'vitest'
import { evaluateChecks, type ServerFacts } from '../../src-main/servers/checks'

const healthy: ServerFacts = {
  kind: 'ssh',
  label: 'root@example.org',
  ssh: { ok: true },
  dockerInstalled: true,
  socketPath: '/var/run/docker.sock',
  socketExists: true,
  socketAccessible: true,
  api: { ok: true, version: '28.2.2' },
  swarm: { state: 'active', role: 'manager', nodes: 3 },
  proxyNetwork: { exists: true, driver: 'overlay' },
  reverseProxy: { service: 'traefik_app' },
  canPrepare: true,
  user: 'root',
  signIn: { passwords: false, byKey: true }
}

const verdicts = (f: ServerFacts): string =>
  evaluateChecks(f)
    .map((c) => `${c.id}:${c.ok === null ? '-' : c.ok ? 'ok' : 'x'}${c.fix ? `(${c.fix.action})` : ''}`)
    .join(' ')

describe('evaluateChecks', () => {
  it.each<[string, Partial<ServerFacts>, string]>([
    ['a healthy server', {}, 'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:ok reverse-proxy:ok password-sign-in:ok'],
    [
      'SSH fails: nothing else can be checked',
      { ssh: { ok: false, error: { code: 'refused', message: 'refused' } } },
      'ssh:x(reconnect) docker-installed:- docker-access:- swarm:- proxy-network:- reverse-proxy:- password-sign-in:-'
    ],
    [
      'Docker missing, root on Debian: offer to prepare',
      { dockerInstalled: false, socketExists: false, socketAccessible: false, api: { ok: false, message: 'no such file' } },
      'ssh:ok docker-installed:x(prepare) docker-access:- swarm:- proxy-network:- reverse-proxy:- password-sign-in:ok'
    ],
    [
      'Docker missing, no admin rights: tell them who can fix it',
      { dockerInstalled: false, socketExists: false, socketAccessible: false, canPrepare: false, api: { ok: false, message: 'x' } },
      'ssh:ok docker-installed:x(reconnect) docker-access:- swarm:- proxy-network:- reverse-proxy:- password-sign-in:ok'
    ],
    [
      'user not in the docker group',
      { socketAccessible: false, canPrepare: false, api: { ok: false, message: 'permission denied' } },
      'ssh:ok docker-installed:ok docker-access:x(reconnect) swarm:- proxy-network:- reverse-proxy:- password-sign-in:ok'
    ],
    [
      'swarm off: offer to turn it on',
      { swarm: { state: 'inactive' }, proxyNetwork: undefined, reverseProxy: undefined },
      'ssh:ok docker-installed:ok docker-access:ok swarm:x(swarm-init) proxy-network:- reverse-proxy:- password-sign-in:ok'
    ],
    [
      'swarm worker cannot deploy',
      { swarm: { state: 'active', role: 'worker', nodes: 2 } },
      'ssh:ok docker-installed:ok docker-access:ok swarm:x(reconnect) proxy-network:- reverse-proxy:- password-sign-in:ok'
    ],
    [
      'no proxy network: offer to create it; no reverse proxy: report only',
      { proxyNetwork: { exists: false }, reverseProxy: null },
      'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:x(proxy-network-create) reverse-proxy:x password-sign-in:ok'
    ],
    [
      'the proxy network but no reverse proxy: offer to deploy one',
      { reverseProxy: null },
      'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:ok reverse-proxy:x(deploy-proxy) password-sign-in:ok'
    ],
    [
      'a "proxy" network of the wrong kind is not silently accepted',
      { proxyNetwork: { exists: true, driver: 'bridge' } },
      'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:x(reconnect) reverse-proxy:ok password-sign-in:ok'
    ],
    [
      'passwords still taken, the app signed in with a key: offer to turn them off',
      { signIn: { passwords: true, byKey: true } },
      'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:ok reverse-proxy:ok password-sign-in:x(password-off)'
    ],
    [
      'passwords still taken, the app signed in with one: never offer what would lock the member out',
      { signIn: { passwords: true, byKey: false } },
      'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:ok reverse-proxy:ok password-sign-in:x(set-up-key)'
    ],
    [
      'how people sign in could not be asked',
      { signIn: undefined },
      'ssh:ok docker-installed:ok docker-access:ok swarm:ok proxy-network:ok reverse-proxy:ok password-sign-in:-'
    ]
  ])('%s', (_name, change, expected) => {
    expect(verdicts({ ...healthy, ...change })).toBe(expected)
  })

  it('says the Docker version and node count in words', () => {
    const checks = evaluateChecks(healthy)
    expect(checks.find((c) => c.id === 'docker-installed')?.detail).toBe('Docker Engine 28.2.2 is installed.')
    expect(checks.find((c) => c.id === 'swarm')?.detail).toBe('Swarm is on. This server is in charge of a group of 3 servers that run apps together (the Swarm manager, 3 nodes).')
  })

  it('names the user who lacks Docker access', () => {
    const c = evaluateChecks({ ...healthy, user: 'alice', socketAccessible: false, canPrepare: false, api: { ok: false, message: 'denied' } })
    expect(c.find((x) => x.id === 'docker-access')?.detail).toBe('The user alice is not allowed to use Docker on this server.')
  })

  it('never needs SSH for this computer', () => {
    const c = evaluateChecks({ ...healthy, kind: 'local', label: 'this computer' })
    expect(c[0]).toMatchObject({ id: 'ssh', ok: true })
  })
})
