// Real network services on loopback for the monitoring tests: certificates
// made by openssl, TLS servers that present them, and a DNS server that
// answers for the test domains. Nothing leaves 127.0.0.0/8.
import { execFileSync } from 'node:child_process'
import dgram from 'node:dgram'
import { promises as dnsPromises } from 'node:dns'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import dnsPacket from 'dns-packet'

const DAY_MS = 24 * 60 * 60 * 1000

export interface Pem {
  key: string
  cert: string
}

// openssl's ca takes dates as YYYYMMDDHHMMSSZ, which lets a certificate
// start and end in the past (x509 -days can't, and -not_after needs 3.4+).
const asn1Time = (d: Date) => d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z')

export class Openssl {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-certs-'))
  private serial = 1

  private run(args: string[], env: NodeJS.ProcessEnv = {}): void {
    execFileSync('openssl', args, { cwd: this.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  }

  private read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8')
  }

  /** A self-signed root that signs leaves; `O` is what the checks report as the issuer. */
  authority(name: string, organization: string): Pem & { name: string } {
    this.run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '365', '-subj', `/O=${organization}/CN=${organization} Root`])
    fs.writeFileSync(path.join(this.dir, `${name}.index`), '')
    fs.writeFileSync(
      path.join(this.dir, `${name}.cnf`),
      [
        '[ca]',
        'default_ca = local',
        '[local]',
        `database = ${name}.index`,
        'new_certs_dir = .',
        `serial = ${name}.serial`,
        'default_md = sha256',
        'policy = anything',
        'unique_subject = no',
        '[anything]',
        'commonName = supplied',
        '[leaf]',
        'basicConstraints = critical,CA:false',
        'keyUsage = critical,digitalSignature',
        'extendedKeyUsage = serverAuth',
        'subjectAltName = $ENV::SAN',
        ''
      ].join('\n')
    )
    return { name, key: this.read(`${name}.key`), cert: this.read(`${name}.crt`) }
  }

  /** A leaf for `names`, signed by `ca`, valid from `from` to `to`. */
  leaf(ca: { name: string }, file: string, names: string[], from: Date, to: Date): Pem {
    this.run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', `/CN=${names[0]}`])
    fs.writeFileSync(path.join(this.dir, `${ca.name}.serial`), `${(this.serial++).toString(16).padStart(2, '0')}\n`)
    this.run(
      ['ca', '-batch', '-notext', '-config', `${ca.name}.cnf`, '-cert', `${ca.name}.crt`, '-keyfile', `${ca.name}.key`, '-in', `${file}.csr`, '-out', `${file}.crt`, '-extensions', 'leaf', '-startdate', asn1Time(from), '-enddate', asn1Time(to)],
      { SAN: names.map((n) => `DNS:${n}`).join(',') }
    )
    return { key: this.read(`${file}.key`), cert: this.read(`${file}.crt`) }
  }

  /** A certificate signed by its own key, as a server makes for itself. */
  selfSigned(file: string, commonName: string, names: string[]): Pem {
    this.run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.crt`, '-days', '30', '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`])
    return { key: this.read(`${file}.key`), cert: this.read(`${file}.crt`) }
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true })
  }
}

export const daysFromNow = (days: number, now = Date.now()) => new Date(Math.floor((now + days * DAY_MS) / 1000) * 1000)

/** Listens on `host`, on a port the system picks. */
function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port))
  })
}

export interface Listening {
  host: string
  port: number
  close(): Promise<void>
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
}

function tracked(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>()
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  return sockets
}

/** A TLS server on `host` presenting `pem` (leaf first, then any chain). */
export async function tlsServer(host: string, pem: Pem): Promise<Listening> {
  const server = tls.createServer({ key: pem.key, cert: pem.cert })
  // The checks hang up right after the handshake; that is not an error here.
  server.on('tlsClientError', () => {})
  const sockets = tracked(server)
  const port = await listen(server, host)
  return { host, port, close: closer(server, sockets) }
}

/** Accepts TCP connections and never says anything: a port with no TLS behind it. */
export async function mutePort(host: string): Promise<Listening> {
  const server = net.createServer(() => {})
  const sockets = tracked(server)
  const port = await listen(server, host)
  return { host, port, close: closer(server, sockets) }
}

/** A port on `host` where nothing listens: one the system handed out, then closed. */
export async function closedPort(host: string): Promise<number> {
  const server = net.createServer()
  const port = await listen(server, host)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface DnsServer {
  port: number
  /** A resolver that asks only this server. */
  resolver(timeoutMs?: number): dnsPromises.Resolver
  close(): Promise<void>
}

function resolverAt(port: number, timeoutMs: number): dnsPromises.Resolver {
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries: 1 })
  resolver.setServers([`127.0.0.1:${port}`])
  return resolver
}

function bindUdp(socket: dgram.Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port))
  })
}

const closeUdp = (socket: dgram.Socket) => () => new Promise<void>((resolve) => socket.close(() => resolve()))

/**
 * A DNS server on 127.0.0.1 (UDP) answering A and AAAA questions from
 * `records` (name -> addresses). A name not in it gets NXDOMAIN; a name
 * without addresses of the asked family gets an empty answer (NODATA).
 * Answers have a TTL of 0 so nothing is cached between tests.
 */
export async function dnsServer(records: Record<string, string[]>): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4')
  socket.on('message', (msg, from) => {
    const query = dnsPacket.decode(msg)
    const question = query.questions?.[0]
    if (!question) return
    const known = records[question.name.toLowerCase()]
    const family = question.type === 'A' ? 4 : question.type === 'AAAA' ? 6 : 0
    const answers = (known ?? [])
      .filter((address) => net.isIP(address) === family)
      .map((address) => ({ type: question.type as 'A' | 'AAAA', class: 'IN' as const, name: question.name, ttl: 0, data: address }))
    const NXDOMAIN = 3 // the rcode, in the flags' low bits
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (known ? 0 : NXDOMAIN),
      questions: [question],
      answers
    })
    socket.send(response, from.port, from.address)
  })
  const port = await bindUdp(socket)
  return { port, resolver: (timeoutMs = 2000) => resolverAt(port, timeoutMs), close: closeUdp(socket) }
}

/** A UDP port that takes questions and never answers: a resolver that is there but unreachable beyond. */
export async function silentDns(): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4')
  socket.on('message', () => {})
  const port = await bindUdp(socket)
  return { port, resolver: (timeoutMs = 2000) => resolverAt(port, timeoutMs), close: closeUdp(socket) }
}
