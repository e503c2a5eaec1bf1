// What the team tests share (issue 14: app settings shared through git):
// an empty repository as a forge makes one, served by the rig's git server
// (the real `git http-backend`, test/rig/git-server.mjs), a relay to it the
// test can cut as a laptop loses its network, and a keychain in memory.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Keychain } from '../../src-main/keychain/keychain'
import { startGitServer } from '../rig/git-server.mjs'

/** The same environment as the rig's fixture: no machine git config. */
export const GIT_ENV = { PATH: process.env.PATH, HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }

export interface TeamRepo {
  /** The bare repository's folder (<root>/repos/team.git), for the git CLI. */
  repo: string
  /** The git server's address; the repository is `${url}/team.git`. */
  url: string
  /** Its port, for relays. */
  port: number
  /** The tokens it takes, when it checks them (add or take one away to make or withdraw a token). */
  tokens?: Set<string>
  close(): Promise<void>
}

/**
 * An empty bare repository `team.git` under `<root>/repos`, as Gitea and
 * GitLab make one (first branch main), that takes pushes, served over smart
 * HTTP. With `tokens`, it checks them as a forge does: every request needs
 * HTTP Basic sign-in whose password is one of them, or gets 401 (asking for
 * sign-in, so git clients send the token); without, it takes anyone.
 */
export async function bareTeamRepo(root: string, opts: { tokens?: string[] } = {}): Promise<TeamRepo> {
  const repos = path.join(root, 'repos')
  const repo = path.join(repos, 'team.git')
  fs.mkdirSync(repos, { recursive: true })
  // git CLI before the server starts (it runs in this process: a sync call while serving would stall it).
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo], { env: GIT_ENV })
  execFileSync('git', ['-C', repo, 'config', 'http.receivepack', 'true'], { env: GIT_ENV })
  const server = await startGitServer({ root: repos })
  if (!opts.tokens) return { repo, url: server.url, port: Number(new URL(server.url).port), close: () => server.close() }
  const tokens = new Set(opts.tokens)
  const gate = await tokenGate(Number(new URL(server.url).port), tokens)
  return {
    repo,
    url: gate.url,
    port: gate.port,
    tokens,
    close: async () => {
      await gate.close()
      await server.close()
    }
  }
}

/** An HTTP front door to the git server on 127.0.0.1:`port` that lets in only requests signed in with one of `tokens`. */
async function tokenGate(port: number, tokens: Set<string>): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const auth = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')
    const password = auth ? Buffer.from(auth[1], 'base64').toString('utf8').split(':').slice(1).join(':') : undefined
    if (!password || !tokens.has(password)) {
      req.resume()
      res.writeHead(401, { 'www-authenticate': 'Basic realm="team"', 'content-type': 'text/plain' })
      return void res.end('Unauthorized')
    }
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()))
    req.pipe(upstream)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const gatePort = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${gatePort}`,
    port: gatePort,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

export interface CuttableRelay {
  url: string
  /** Set to false: every connection is cut and new ones are refused at once; true mends it. */
  online: boolean
  close(): Promise<void>
}

/** A TCP relay to the git server on 127.0.0.1:`port` that can be cut (connections refused at once) and mended. */
export async function cuttableRelay(port: number): Promise<CuttableRelay> {
  const sockets = new Set<net.Socket>()
  const state = { online: true }
  const server = net.createServer((client) => {
    if (!state.online) return client.destroy()
    const upstream = net.connect(port, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => undefined)
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const addr = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${addr.port}`,
    get online() {
      return state.online
    },
    set online(v: boolean) {
      state.online = v
      if (!v) for (const s of sockets) s.destroy()
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      })
  }
}

/** A keychain in memory (its store, for a test that looks inside). */
export function memoryKeychain(): Keychain & { store: Map<string, string> } {
  const store = new Map<string, string>()
  return { store, get: async (a) => store.get(a), set: async (a, s) => void store.set(a, s), delete: async (a) => void store.delete(a) }
}
