// The internet, for bench/monitoring.ts's checks from here, in a process of
// its own so that answering them is not counted in the bench's CPU figure:
// a DNS server on a loopback port that sends every domain in the file named
// by argv[2] (one per line) to 127.0.0.1, and a TLS server on 127.0.0.1
// presenting a certificate for *.bench.example, good for 60 days, from an
// authority of its own. It prints one line of JSON ({ port, dnsPort, ca })
// once both listen, answers a line "count" on stdin with { visits } (the
// connections it has taken), and goes when its stdin closes, so it never
// outlives the bench.

import fs from 'node:fs'
import readline from 'node:readline'
import type net from 'node:net'
import tls from 'node:tls'
import { daysFromNow, dnsServer, Openssl } from '../test/support/monitoring-net'

async function main(): Promise<void> {
  const domains = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)
  const ssl = new Openssl()
  const authority = ssl.authority('bench-ca', 'Bench Co-op CA')
  const wildcard = ssl.leaf(authority, 'bench', ['*.bench.example'], daysFromNow(-1), daysFromNow(60))
  const site = tls.createServer({ key: wildcard.key, cert: wildcard.cert })
  let visits = 0
  site.on('connection', (socket: net.Socket) => {
    visits++
    socket.on('error', () => {})
  })
  site.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  const dns = await dnsServer(Object.fromEntries(domains.map((d) => [d, ['127.0.0.1']])))
  const lines = readline.createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (line.trim() === 'count') process.stdout.write(`${JSON.stringify({ visits })}\n`)
  })
  lines.on('close', () => {
    site.close()
    void dns.close()
    ssl.cleanup()
    process.exit(0)
  })
  process.stdout.write(`${JSON.stringify({ port: (site.address() as net.AddressInfo).port, dnsPort: dns.port, ca: authority.cert })}\n`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
