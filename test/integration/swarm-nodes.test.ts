import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import { Client } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, type Rig } from '../rig/rig'
import { startDelayRelay } from '../support/delay-relay'
import { startSwarmNodes, swarmLeftovers, type SwarmNode, type SwarmNodes } from '../support/swarm-nodes'

// The multi-node rig of issue 13 (test/support/swarm-nodes.ts): three Docker
// engines in network namespaces of their own, one swarm, each with its own
// hostname and sshd; and the delaying relay that stands in for a real
// network (test/support/delay-relay.ts). Everything asserted on is what this
// file made: its own nodes, service, network and relay.
let rig: Rig
let swarm: SwarmNodes
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  let last: unknown
  for (const end = Date.now() + ms; Date.now() < end; await sleep(300)) {
    try {
      const v = await check()
      if (v) return v
    } catch (e) {
      last = e
    }
  }
  throw new Error(`${what} within ${ms / 1000}s${last ? ` (last error: ${String(last)})` : ''}`)
}

/** Runs a command over SSH as the rig's docker user with the rig's key, checking the node's own host key. */
function sshExec(target: { host: string; port: number }, hostKeyPub: string, cmd: string): Promise<string> {
  const expected = Buffer.from(hostKeyPub.split(' ')[1], 'base64')
  return new Promise((resolve, reject) => {
    const c = new Client()
    const timer = setTimeout(() => {
      c.end()
      reject(new Error(`ssh ${target.host}:${target.port} '${cmd}' took over 30 s`))
    }, 30_000)
    const fail = (e: Error): void => {
      clearTimeout(timer)
      c.end()
      reject(e)
    }
    c.on('error', fail)
    c.on('ready', () => {
      c.exec(cmd, (err, stream) => {
        if (err) return fail(err)
        let out = ''
        let errOut = ''
        stream.on('data', (d: Buffer) => (out += d.toString()))
        stream.stderr.on('data', (d: Buffer) => (errOut += d.toString()))
        stream.on('close', (code: number) => {
          clearTimeout(timer)
          c.end()
          if (code === 0) resolve(out)
          else reject(new Error(`'${cmd}' exited ${code}: ${errOut}`))
        })
      })
    })
    c.connect({
      host: target.host,
      port: target.port,
      username: rig.sshd.users.docker,
      privateKey: fs.readFileSync(rig.sshd.key),
      readyTimeout: 20_000,
      hostVerifier: (key: Buffer) => key.equals(expected)
    })
  })
}

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 3 })
}, 150_000)

afterAll(async () => {
  await swarm?.stop()
}, 90_000)

const node = (i: number): SwarmNode => swarm.nodes[i - 1]

describe('three machines in one swarm, in network namespaces', () => {
  it('lists three Ready nodes with their own hostnames and bridge addresses: one manager, two workers', async () => {
    const list = await swarm.nodeList()
    expect(list.map((n) => n.hostname).sort()).toEqual(['ccd-node-1', 'ccd-node-2', 'ccd-node-3'])
    expect(list.every((n) => n.state === 'ready' && n.availability === 'active')).toBe(true)
    expect(list.filter((n) => n.role === 'manager').map((n) => n.hostname)).toEqual(['ccd-node-1'])
    for (const n of list) expect(n.addr).toBe(swarm.nodes.find((s) => s.name === n.hostname)?.address)
    // Each engine is its own: own name, own ID, and none is this machine's.
    const infos = await Promise.all(swarm.nodes.map(async (s) => (await s.api('GET', '/info')).json as { Name: string; ID: string }))
    expect(infos.map((i) => i.Name)).toEqual(['ccd-node-1', 'ccd-node-2', 'ccd-node-3'])
    expect(new Set(infos.map((i) => i.ID)).size).toBe(3)
  })

  it('places a 3-task service one task per node, and containers on different nodes reach each other over an overlay network', async () => {
    const id = crypto.randomBytes(3).toString('hex')
    const m = swarm.manager
    const netName = `ccdsw-ov-${id}`
    const svc = `ccdsw-spread-${id}`
    const created = await m.api('POST', '/networks/create', { Name: netName, Driver: 'overlay', Attachable: true, CheckDuplicate: true })
    expect(created.status, created.text).toBe(201)
    // dnsrr: this kernel has no IPVS, so no virtual IP; tasks are reached by their own addresses.
    const s = await m.api('POST', '/services/create', {
      Name: svc,
      TaskTemplate: {
        ContainerSpec: { Image: rig.image, Command: ['sh', '-c', 'exec sleep 100000'] },
        Placement: { MaxReplicas: 1 },
        Networks: [{ Target: netName }]
      },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'dnsrr' }
    })
    expect(s.status, s.text).toBe(201)
    type Task = { NodeID: string; Status: { State: string; ContainerStatus?: { ContainerID: string } }; NetworksAttachments?: { Network: { Spec: { Name: string } }; Addresses: string[] }[] }
    const t0 = Date.now()
    const tasks = await until('3 running tasks', async () => {
      const r = await m.api('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({ service: [svc], 'desired-state': ['running'] }))}`)
      const ts = r.json as Task[]
      return ts.length === 3 && ts.every((t) => t.Status.State === 'running') ? ts : undefined
    }, 60_000)
    const nodes = await swarm.nodeList()
    const hostOf = (t: Task): string => nodes.find((n) => n.id === t.NodeID)!.hostname
    expect(tasks.map(hostOf).sort()).toEqual(['ccd-node-1', 'ccd-node-2', 'ccd-node-3'])

    const on = (name: string): Task => tasks.find((t) => hostOf(t) === name)!
    const addr = (t: Task): string => t.NetworksAttachments!.find((a) => a.Network.Spec.Name === netName)!.Addresses[0].split('/')[0]
    const from = on('ccd-node-1').Status.ContainerStatus!.ContainerID
    // The task's container is on node 1's own engine, and not on node 2's.
    expect(node(1).docker(['ps', '-q', '--no-trunc']).split('\n')).toContain(from)
    expect(node(2).docker(['ps', '-q', '--no-trunc']).split('\n')).not.toContain(from)
    const t1 = Date.now()
    for (const to of ['ccd-node-2', 'ccd-node-3']) {
      const ip = addr(on(to))
      // The overlay's tunnels come up within a moment of the tasks starting.
      const out = await until(`a ping from ccd-node-1's task to ${to}'s (${ip})`, async () => node(1).docker(['exec', from, 'ping', '-c', '1', '-W', '2', ip]), 30_000)
      expect(out).toContain(`from ${ip}`)
    }
    console.log(`swarm-nodes: 3 tasks running in ${t1 - t0} ms, overlay pings answered ${Date.now() - t1} ms later`)
    await m.api('DELETE', `/services/${svc}`)
  })

  it('ssh to node 2 at its address reaches its own engine, under its own hostname and host key', async () => {
    const n2 = node(2)
    const out = await sshExec({ host: n2.address, port: n2.sshPort }, n2.hostKeyPub, "hostname; docker info --format '{{.Name}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'")
    expect(out.trim().split('\n')).toEqual(['ccd-node-2', 'ccd-node-2 active false'])
  })

  it('a container bind-mounting /var/lib/docker/volumes on node 2 sees node 2’s volumes (as backup-bot-two reads them), not engine 1’s', async () => {
    const n2 = node(2)
    const vol = `ccdsw-vol-${crypto.randomBytes(3).toString('hex')}`
    const words = `written on ccd-node-2 ${crypto.randomBytes(8).toString('hex')}`
    try {
      n2.docker(['volume', 'create', vol])
      n2.docker(['run', '--rm', '--network', 'none', '-v', `${vol}:/v`, rig.image, 'sh', '-c', `echo "${words}" > /v/f.txt`])
      const seen = n2.docker(['run', '--rm', '--network', 'none', '-v', '/var/lib/docker/volumes:/vols:ro', rig.image, 'sh', '-c', `cat /vols/${vol}/_data/f.txt && ls /vols`])
      const [line, ...listed] = seen.trim().split('\n')
      expect(line).toBe(words)
      // Exactly this engine's volumes: none of engine 1's.
      const own = n2.docker(['volume', 'ls', '-q']).split('\n').filter(Boolean).sort()
      expect(listed.filter((n) => n !== 'backingFsBlockDev' && n !== 'metadata.db').sort()).toEqual(own)
      // On node 1 it isn't there: each node's /var/lib/docker is its own.
      expect(node(1).docker(['run', '--rm', '--network', 'none', '-v', '/var/lib/docker/volumes:/vols:ro', rig.image, 'sh', '-c', `ls /vols/${vol} 2>&1 || true`])).toMatch(/No such file/)
    } finally {
      n2.docker(['volume', 'rm', '-f', vol])
    }
  })

  it('the delay relay passes a large transfer in order, both ways, and carries SSH to a node', async () => {
    // An echo server on loopback: 16 MB of random bytes out and back through the relay.
    const echo = net.createServer({ allowHalfOpen: true }, (s) => s.pipe(s))
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()))
    const relay = await startDelayRelay({ target: { host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port } })
    try {
      const sent = crypto.randomBytes(16 * 1024 * 1024)
      const got = await new Promise<Buffer>((resolve, reject) => {
        const c = net.connect(relay.port, relay.host)
        const parts: Buffer[] = []
        const timer = setTimeout(() => c.destroy(new Error('echo through the relay took over 60 s')), 60_000)
        c.on('data', (d: Buffer) => parts.push(d))
        c.on('end', () => {
          clearTimeout(timer)
          resolve(Buffer.concat(parts))
        })
        c.on('error', reject)
        // Written in uneven pieces, then half-closed: the end must follow the last byte.
        let off = 0
        const write = (): void => {
          while (off < sent.length) {
            const n = Math.min(sent.length - off, 1 + crypto.randomInt(0, 256 * 1024))
            const ok = c.write(sent.subarray(off, off + n))
            off += n
            if (!ok) return void c.once('drain', write)
          }
          c.end()
        }
        write()
      })
      expect(got.length).toBe(sent.length)
      expect(got.equals(sent)).toBe(true)
    } finally {
      await relay.stop()
      await new Promise<void>((r) => echo.close(() => r()))
    }

    const n2 = node(2)
    const sshRelay = await startDelayRelay({ target: { host: n2.address, port: n2.sshPort } })
    try {
      const t0 = Date.now()
      await sshExec({ host: n2.address, port: n2.sshPort }, n2.hostKeyPub, 'true')
      const direct = Date.now() - t0
      const t1 = Date.now()
      const out = await sshExec({ host: sshRelay.host, port: sshRelay.port }, n2.hostKeyPub, "docker info --format '{{.Name}}'")
      const delayed = Date.now() - t1
      expect(out.trim()).toBe('ccd-node-2')
      // A figure for the log, not an assertion (no timed assertions).
      console.log(`swarm-nodes: ssh connect + one command to ccd-node-2: ${direct} ms direct, ${delayed} ms through the ${sshRelay.delayMs} ms-each-way relay`)
    } finally {
      await sshRelay.stop()
    }
    expect(sshRelay.open()).toBe(0)
  })

  it('a node cut from the bridge goes Down in the manager’s view, and Ready again once its link is back', async () => {
    const n2 = node(2)
    swarm.setReachable(n2, false)
    try {
      await until('ccd-node-2 down in the manager’s node list', async () => (await swarm.nodeList()).find((n) => n.hostname === 'ccd-node-2')?.state === 'down', 60_000)
      // The others stay Ready.
      const others = (await swarm.nodeList()).filter((n) => n.hostname !== 'ccd-node-2')
      expect(others.map((n) => n.state)).toEqual(['ready', 'ready'])
    } finally {
      swarm.setReachable(n2, true)
    }
    await until('ccd-node-2 ready again', async () => (await swarm.nodeList()).find((n) => n.hostname === 'ccd-node-2')?.state === 'ready', 60_000)
  })

  it('a fourth machine from addNode() runs its engine and sshd but is not in the swarm until joined', async () => {
    const n4 = await swarm.addNode()
    expect(n4.name).toBe('ccd-node-4')
    expect(((await n4.api('GET', '/info')).json as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState).toBe('inactive')
    expect((await swarm.nodeList()).map((n) => n.hostname)).not.toContain('ccd-node-4')
    const out = await sshExec({ host: n4.address, port: n4.sshPort }, n4.hostKeyPub, 'hostname')
    expect(out.trim()).toBe('ccd-node-4')
  })

  it('stop() leaves no namespace, link, bridge, iptables rule, cgroup, folder or process', async () => {
    const pids = swarm.nodes.flatMap((n) => [n.dockerdPid, n.sshdPid])
    expect(swarmLeftovers(swarm.tag).length).toBeGreaterThan(0)
    await swarm.stop()
    expect(swarmLeftovers(swarm.tag)).toEqual([])
    const alive = pids.filter((p) => {
      try {
        process.kill(p, 0)
        return true
      } catch {
        return false
      }
    })
    expect(alive).toEqual([])
  }, 90_000)
})
