// The rig itself works: if this fails, every other integration test would
// fail for reasons that have nothing to do with the app.
import fs from 'node:fs'
import { Client } from 'ssh2'
import { describe, expect, it } from 'vitest'
import { api, ping, swarmState } from '../rig/engine.mjs'
import { loadRig, resetDocker2 } from '../rig/rig'

const rig = loadRig()

function sshExec(username: string, command: string, auth: { privateKey: Buffer; passphrase?: string } | { password: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = new Client()
    conn.once('error', reject).once('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) return reject(err)
        let out = ''
        stream.on('data', (d: Buffer) => (out += d)).stderr.on('data', (d: Buffer) => (out += d))
        stream.once('close', () => { conn.end(); resolve(out) })
      })
    })
    conn.connect({ host: rig.sshd.host, port: rig.sshd.port, username, readyTimeout: 10_000, ...auth })
  })
}

describe('test rig', () => {
  it('sshd accepts key auth, and the docker user is in both docker groups', async () => {
    const id = await sshExec(rig.sshd.users.docker, 'id', { privateKey: fs.readFileSync(rig.sshd.key) })
    expect(id).toMatch(/\(docker\)/)
    expect(id).toMatch(/\(ccddocker\)/)
  })

  it('sshd accepts the passphrase key and the password', async () => {
    const keyAuth = { privateKey: fs.readFileSync(rig.sshd.keyWithPassphrase), passphrase: rig.sshd.passphrase }
    expect(await sshExec(rig.sshd.users.nodocker, 'id -un', keyAuth)).toBe('ccdnodocker\n')
    expect(await sshExec(rig.sshd.users.docker, 'id -un', { password: rig.sshd.password })).toBe('ccdtest\n')
  })

  it('engine 1 is a swarm manager, engine 2 answers and resets to no swarm', async () => {
    expect(await swarmState(rig.docker.socket)).toBe('active')
    expect(await ping(rig.docker2.socket)).toBe(true)
    // Other test files may have left engine 2 in a swarm: file order is not fixed.
    await resetDocker2(rig)
    expect(await swarmState(rig.docker2.socket)).toBe('inactive')
  })

  it('the test image is on both engines', async () => {
    for (const sock of [rig.docker.socket, rig.docker2.socket]) {
      expect((await api(sock, 'GET', `/images/${rig.image}/json`)).status).toBe(200)
    }
  })
})
