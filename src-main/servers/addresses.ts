import net from 'node:net'
import os from 'node:os'

// Interfaces Docker itself creates are never what other servers should use
// to reach this one.
const DOCKER_IFACE = /^(docker\d*|docker_gwbridge|br-[0-9a-f]+|veth.*|vx-.*|cni.*|flannel.*)$/

// Parses `ip -o addr show` output into [iface, address] pairs.
export function parseIpAddr(text: string): Array<{ iface: string; address: string; family: 4 | 6 }> {
  const out: Array<{ iface: string; address: string; family: 4 | 6 }> = []
  for (const line of text.split('\n')) {
    const m = /^\d+:\s+(\S+)\s+(inet6?)\s+([^/\s]+)/.exec(line)
    if (m) out.push({ iface: m[1].replace(/@.*$/, ''), address: m[3], family: m[2] === 'inet' ? 4 : 6 })
  }
  return out
}

// Best first: the address the user dialed (if it is an IP), then public-ish
// IPv4, then IPv6; loopback and link-local only when nothing else exists.
export function rankAddresses(found: Array<{ iface: string; address: string; family: 4 | 6 }>, dialed?: string): string[] {
  const usable = found.filter((a) => !DOCKER_IFACE.test(a.iface) && !a.address.startsWith('fe80:'))
  const nonLoop = usable.filter((a) => !a.address.startsWith('127.') && a.address !== '::1')
  const ordered = [...nonLoop.filter((a) => a.family === 4), ...nonLoop.filter((a) => a.family === 6)].map((a) => a.address)
  const list = dialed && net.isIP(dialed) ? [dialed, ...ordered] : ordered
  if (list.length === 0) list.push(...usable.map((a) => a.address))
  return [...new Set(list)]
}

export function localInterfaces(): Array<{ iface: string; address: string; family: 4 | 6 }> {
  const out: Array<{ iface: string; address: string; family: 4 | 6 }> = []
  for (const [iface, addrs] of Object.entries(os.networkInterfaces())) {
    for (const a of addrs ?? []) out.push({ iface, address: a.address, family: a.family === 'IPv4' ? 4 : 6 })
  }
  return out
}
