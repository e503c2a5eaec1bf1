// Docker engine helpers shared by setup.mjs (plain Node, no dependencies) and
// rig.ts (tests): a tiny API client over a unix socket, and the reset that
// turns engine 2 back into a "fresh server".
import http from 'node:http'

// Engine 2 shares the host network namespace with engine 1, so it must never
// touch engine 1's interfaces: `--bridge none` would make it delete docker0 at
// every start, and swarm init would take over engine 1's docker_gwbridge
// interface. So engine 2 gets bridges of its own, on subnets engine 1 won't
// pick (it skips subnets that already have a route).
export const D2_BRIDGE = { name: 'ccd2br0', cidr: '10.254.253.1/24' }
export const D2_GWBRIDGE = { name: 'ccd2_gwbridge', subnet: '10.254.254.0/24', gateway: '10.254.254.1' }

/** Calls the Docker API on `sock`; resolves {status, text, json}, rejects if the socket does not answer. */
export function api(sock, method, urlPath, body, timeout = 60_000) {
  return new Promise((resolve, reject) => {
    const isTar = Buffer.isBuffer(body)
    const headers = body === undefined ? {} : { 'Content-Type': isTar ? 'application/x-tar' : 'application/json' }
    const req = http.request({ socketPath: sock, method, path: urlPath, headers, timeout }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => {
        let json = null
        try { json = JSON.parse(text) } catch { /* not JSON */ }
        resolve({ status: res.statusCode, text, json })
      })
    })
    req.on('timeout', () => req.destroy(new Error(`timeout talking to ${sock}`))).on('error', reject)
    req.end(body === undefined || isTar ? body : JSON.stringify(body))
  })
}

export const ping = (sock) => api(sock, 'GET', '/_ping', undefined, 3000).then((r) => r.status === 200, () => false)

export const swarmState = async (sock) => (await api(sock, 'GET', '/info')).json?.Swarm?.LocalNodeState

function check(r, what, ok = [200, 201, 204]) {
  if (!ok.includes(r.status)) throw new Error(`${what} failed (HTTP ${r.status}): ${r.text.trim()}`)
  return r
}

/**
 * Engine 2 back to a server that has never run abra: swarm left, no
 * containers, no `proxy` network. Its own docker_gwbridge (see above) is
 * created if missing and kept: swarm init on it must not use engine 1's.
 */
export async function resetEngine2(sock) {
  if ((await swarmState(sock)) !== 'inactive') check(await api(sock, 'POST', '/swarm/leave?force=1'), 'swarm leave on engine 2')
  const containers = check(await api(sock, 'GET', '/containers/json?all=1'), 'listing containers on engine 2').json
  for (const c of containers) check(await api(sock, 'DELETE', `/containers/${c.Id}?force=1&v=1`), `removing container ${c.Id}`, [204, 404])
  check(await api(sock, 'DELETE', '/networks/proxy'), 'removing network proxy on engine 2', [204, 404])
  const gw = await api(sock, 'GET', '/networks/docker_gwbridge')
  if (gw.status === 404) {
    check(await api(sock, 'POST', '/networks/create', {
      Name: 'docker_gwbridge',
      Driver: 'bridge',
      IPAM: { Config: [{ Subnet: D2_GWBRIDGE.subnet, Gateway: D2_GWBRIDGE.gateway }] },
      Options: {
        'com.docker.network.bridge.name': D2_GWBRIDGE.name,
        'com.docker.network.bridge.enable_icc': 'false',
        'com.docker.network.bridge.enable_ip_masquerade': 'true'
      }
    }), 'creating docker_gwbridge on engine 2')
  } else if (gw.json?.Options?.['com.docker.network.bridge.name'] !== D2_GWBRIDGE.name) {
    // Removing it would delete the host's docker_gwbridge interface, engine 1's.
    throw new Error(`engine 2's docker_gwbridge uses the host interface of engine 1; stop engine 2 and delete its data-root (${sock})`)
  }
}
