// A `docker system dial-stdio` that can't reach the engine ends its stdout,
// then reports its exit status, then closes. Over SSH those can arrive in
// separate reads; the request must still fail with the reason from stderr,
// not Node's bare "socket hang up" (seen once in CI under load).

import { EventEmitter } from 'node:events'
import { Duplex, PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { dockerOverSsh } from '../../src-main/docker/transport'
import { DockerAccessError } from '../../src-main/docker/errors'
import type { SshLink } from '../../src-main/ssh/link'

// A dial-stdio channel whose command fails once the request is written, with
// each step of the ending in its own turn of the event loop.
function failingDialStdio(stderrText: string, code: number) {
  const stderr = new PassThrough()
  const ch = new Duplex({
    read() {},
    write(_chunk, _enc, cb) {
      cb()
      if (started) return
      started = true
      setTimeout(() => {
        stderr.write(stderrText)
        ch.push(null) // stdout's end
        setTimeout(() => {
          ;(ch as unknown as { exitStatus: unknown }).exitStatus = { code }
          setTimeout(() => ch.emit('close'), 20)
        }, 20)
      }, 5)
    }
  }) as Duplex & { stderr: PassThrough; close(): void }
  let started = false
  ch.stderr = stderr
  ch.close = () => {}
  return ch
}

function fakeLink(channel: () => Duplex): SshLink {
  const link = Object.assign(new EventEmitter(), {
    opts: { user: 'alice', hostname: 'example.test', port: 22 },
    // sshd refused the socket forward, so the agent falls back to dial-stdio.
    openStreamLocal: () => Promise.reject(new Error('open failed')),
    execStream: () => Promise.resolve(channel())
  })
  return link as unknown as SshLink
}

describe('docker over SSH, dial-stdio', () => {
  it('reports why the engine could not be reached when stdout ends before the exit status', async () => {
    const docker = dockerOverSsh(
      fakeLink(() =>
        failingDialStdio(
          'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock\n',
          1
        )
      ),
      { mode: 'dial-stdio' }
    )
    const err = await docker.version().then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(DockerAccessError)
    expect((err as DockerAccessError).code).toBe('docker-permission')
    expect((err as DockerAccessError).detail).toMatch(/permission denied/)
  })

  it('says the engine is not running when that is what dial-stdio printed', async () => {
    const docker = dockerOverSsh(
      fakeLink(() =>
        failingDialStdio('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', 1)
      )
    )
    const err = await docker.version().then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(DockerAccessError)
    expect((err as DockerAccessError).code).toBe('docker-not-running')
  })
})
