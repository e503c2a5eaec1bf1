import fs from 'node:fs'
import { Client } from 'ssh2'
import { expect, it } from 'vitest'
import { swarmState } from '../rig/engine.mjs'
import { closedPort, freePort, killSshSessions, loadRig, makeHome, resetDocker2, rotateSshdHostKeys } from '../rig/rig'
import { execFileSync } from 'node:child_process'
import net from 'node:net'
const rig = loadRig()
it('helpers', async () => {
  const conn = new Client()
  let hostKey = ''
  const closed = new Promise<void>((res) => conn.once('close', () => res()))
  await new Promise<void>((res, rej) => { conn.once('ready', () => res()).once('error', rej).connect({ host: rig.sshd.host, port: rig.sshd.port, username: 'ccdtest', privateKey: fs.readFileSync(rig.sshd.key), hostVerifier: (k: Buffer) => { hostKey = k.toString('base64'); return true } }) })
  const t0 = Date.now()
  const pubs = await rotateSshdHostKeys(rig)
  console.log('rotate ms', Date.now() - t0, pubs.map(p => p.slice(0, 30)))
  expect(pubs.join('\n')).not.toContain(hostKey)
  // old connection survives rotation
  const n = await killSshSessions('ccdtest')
  console.log('killed', n)
  expect(n).toBeGreaterThan(0)
  await closed
  const c2 = new Client(); let hk2 = ''
  await new Promise<void>((res, rej) => { c2.once('ready', () => res()).once('error', rej).connect({ host: rig.sshd.host, port: rig.sshd.port, username: 'ccdtest', privateKey: fs.readFileSync(rig.sshd.key), hostVerifier: (k: Buffer) => { hk2 = k.toString('base64'); return true } }) })
  c2.end()
  expect(pubs.join('\n')).toContain(hk2)
  execFileSync('docker', ['-H', `unix://${rig.docker2.socket}`, 'swarm', 'init', '--advertise-addr', '127.0.0.2:2378', '--listen-addr', '127.0.0.2:2378', '--data-path-port', '4790'])
  execFileSync('docker', ['-H', `unix://${rig.docker2.socket}`, 'network', 'create', '-d', 'overlay', 'proxy'])
  expect(await swarmState(rig.docker2.socket)).toBe('active')
  await resetDocker2(rig)
  expect(await swarmState(rig.docker2.socket)).toBe('inactive')
  const p = await closedPort()
  await expect(new Promise((res, rej) => net.connect(p, '127.0.0.1').once('connect', res).once('error', rej))).rejects.toThrow(/ECONNREFUSED/)
  console.log(await freePort(), makeHome(), fs.readdirSync(makeHome()))
})
