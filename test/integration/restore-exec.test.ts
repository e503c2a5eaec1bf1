import crypto from 'node:crypto'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execIn, MAX_OUTPUT, MAX_STDOUT } from '../../src-main/backups/restore-exec'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig } from '../rig/rig'

// Commands run in a container (the backup and restore hooks, restic in
// backup-bot-two), on the rig's real engine: what they print is kept
// bounded, and one that runs out of time or is cancelled is killed in the
// container with everything it started, not left running there.
let docker: Docker
let container: Docker.Container
const name = `ccd-exec-${crypto.randomBytes(3).toString('hex')}`

/** Processes in the container other than its own `sleep 3600`, and not yet reaped. */
async function others(): Promise<string[]> {
  const r = await execIn(container, ['ps', '-o', 'pid,stat,args'])
  return r.stdout
    .toString('utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !/ Z /.test(l) && !/sleep 3600|docker-init|ps -o/.test(l))
}

beforeAll(async () => {
  const rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  // docker-init reaps what is killed, so a killed process is gone, not a zombie.
  container = await docker.createContainer({ name, Image: rig.image, Cmd: ['sleep', '3600'], HostConfig: { Init: true, NetworkMode: 'none' } })
  await container.start()
})

afterAll(async () => {
  await container?.remove({ force: true })
})

describe('a command run in a container', () => {
  it('keeps only the last 64 KiB of what a hook that prints 24 MB said, says so, and bounds stdout too', async () => {
    const started = Date.now()
    const r = await execIn(container, ['sh', '-c', 'i=0; while [ $i -lt 3 ]; do head -c 8000000 /dev/zero | tr "\\0" x; i=$((i+1)); done; echo; echo the end >&2'])
    expect(r.exitCode).toBe(0)
    expect(r.output).toMatch(/^\[the first \d+ bytes of output were left out\]\n/)
    expect(r.output.endsWith('the end\n')).toBe(true)
    expect(Buffer.byteLength(r.output)).toBeLessThan(MAX_OUTPUT + 100)
    expect(r.stdout.length).toBe(MAX_STDOUT)
    expect(r.stdoutCut).toBe(true)
    expect(Date.now() - started).toBeLessThan(30_000)

    // Below the bound, stdout is whole and exact (a secret must not gain a newline).
    const whole = await execIn(container, ['sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" y; printf "a secret without newline"'])
    expect(whole.stdout.length).toBe(3_000_024)
    expect(whole.stdoutCut).toBeUndefined()
    const exact = await execIn(container, ['sh', '-c', 'printf "a secret without newline"'])
    expect(exact.stdout.toString('utf8')).toBe('a secret without newline')
    expect(exact.output).toBe('a secret without newline')
  }, 60_000)

  it('that runs out of time is killed in the container, with the processes it started', async () => {
    const err = await execIn(container, ['sh', '-c', 'sleep 301 & sleep 302; echo never'], { timeoutMs: 1500 }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toMatch(/did not finish within 2 seconds\. It was stopped\./)
    await expect.poll(others, { timeout: 10_000, interval: 200 }).toEqual([])
  })

  it('that is cancelled is killed in the container too', async () => {
    const abort = new AbortController()
    const running = execIn(container, ['sh', '-c', 'sleep 303 & sleep 304'], { signal: abort.signal })
    await expect.poll(async () => (await others()).some((l) => l.includes('sleep 304')), { timeout: 10_000, interval: 100 }).toBe(true)
    abort.abort()
    const err = await running.catch((e: Error) => e)
    expect((err as Error).message).toMatch(/was cancelled\. It was stopped\./)
    await expect.poll(others, { timeout: 10_000, interval: 200 }).toEqual([])
  })
})
