import crypto from 'node:crypto'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { watchConvergence } from '../../src-main/apps/converge-watch'
import { outcomeWords } from '../../src-main/apps/deploy-words'
import { dockerLocal } from '../../src-main/docker/transport'
import { setLanguage } from '../../src-main/i18n/i18n'
import { loadRig, type Rig } from '../rig/rig'
import { removeStack } from './compose-parity/swarm'

// Each cause of a failed deploy, built on the rig's swarm, watched the way
// apps.deploy watches a stack and put into words by the same code: the task
// states and errors are Docker's own, not written by hand. The image that
// can't be downloaded names a registry on a loopback port nothing listens on
// (127.0.0.1:1), so nothing leaves this machine. The full disk is a volume
// on a 16 kB tmpfs over the image's /bin: Docker copies the image's files
// into a new volume when it first mounts it, and runs out of space itself.
let rig: Rig
let docker: Docker
const tag = crypto.randomBytes(3).toString('hex')
const stacks: string[] = []

interface Case {
  image?: string
  command?: string[]
  healthcheck?: { Test: string[]; Interval: number; Timeout: number; Retries: number; StartPeriod?: number }
  placement?: { Constraints?: string[] }
  resources?: { Reservations: { NanoCPUs: number } }
  mounts?: Docker.MountSettings[]
  timeoutSeconds: number
}

const s = (n: number): number => n * 1e9

async function deployAndWatch(name: string, c: Case) {
  const stackName = `cause_${name}_${tag}`
  stacks.push(stackName)
  await docker.createService({
    Name: `${stackName}_app`,
    Labels: { 'com.docker.stack.namespace': stackName },
    TaskTemplate: {
      ContainerSpec: {
        Image: c.image ?? rig.image,
        Command: c.command ?? ['sleep', '3600'],
        StopGracePeriod: s(1),
        ...(c.mounts ? { Mounts: c.mounts } : {}),
        ...(c.healthcheck ? { Healthcheck: c.healthcheck } : {})
      },
      // The swarm's default restart delay is 5 s; 1 s makes a crash loop show sooner.
      RestartPolicy: { Condition: 'any', Delay: s(1) },
      ...(c.placement ? { Placement: c.placement } : {}),
      ...(c.resources ? { Resources: c.resources } : {})
    },
    Mode: { Replicated: { Replicas: 1 } }
  } as Docker.CreateServiceOptions)
  const end = await watchConvergence(docker, { stackName, baseline: new Map(), timeoutSeconds: c.timeoutSeconds, signal: new AbortController().signal, intervalMs: 500, onChange: () => undefined })
  const words = outcomeWords({ ...end, domain: `${name}.example.org`, version: 'v1.0.0', timeoutSeconds: c.timeoutSeconds, problem: 'problem' in end ? end.problem : undefined })
  return { end, words }
}

beforeAll(() => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
})

afterAll(async () => {
  for (const stack of stacks) await removeStack(docker, stack)
}, 60_000)

describe('a failed deploy, by cause, on the rig', () => {
  it('tells each cause apart from what the swarm says', async () => {
    const [download, disk, exits, health, constraint, resources, slow] = await Promise.all([
      deployAndWatch('download', { image: '127.0.0.1:1/ccd-nope:1', timeoutSeconds: 60 }),
      deployAndWatch('disk', {
        mounts: [
          {
            Type: 'volume',
            Source: `cause_disk_${tag}_full`,
            Target: '/bin',
            VolumeOptions: {
              // NoCopy false is the point: Docker copies /bin in and runs out of room.
              NoCopy: false,
              // Labelled as the stack's, so removeStack takes it away too.
              Labels: { 'com.docker.stack.namespace': `cause_disk_${tag}` },
              DriverConfig: { Name: 'local', Options: { type: 'tmpfs', device: 'tmpfs', o: 'size=16k' } }
            }
          }
        ],
        timeoutSeconds: 60
      }),
      deployAndWatch('exits', { command: ['sh', '-c', 'echo giving up; exit 3'], timeoutSeconds: 60 }),
      deployAndWatch('health', { healthcheck: { Test: ['CMD', 'false'], Interval: s(1), Timeout: s(1), Retries: 1 }, timeoutSeconds: 60 }),
      deployAndWatch('constraint', { placement: { Constraints: ['node.labels.ccd-nope==1'] }, timeoutSeconds: 8 }),
      // More processors than this machine has: the swarm can't place it.
      deployAndWatch('resources', { resources: { Reservations: { NanoCPUs: s(512) } }, timeoutSeconds: 8 }),
      // A health check that has not answered yet when the time is up.
      deployAndWatch('slow', { healthcheck: { Test: ['CMD', 'sleep', '3600'], Interval: s(60), Timeout: s(120), Retries: 1, StartPeriod: s(120) }, timeoutSeconds: 8 })
    ])

    expect(download.end.phase).toBe('failed')
    expect(download.words.cause).toBe('download')
    expect(download.end.services[0].error).toBe('No such image: 127.0.0.1:1/ccd-nope:1')
    expect(download.end.services[0].words).toBe("Its software can't be downloaded")
    expect(download.words.summary).toContain('could not download the software app needs (127.0.0.1:1/ccd-nope:1, from 127.0.0.1:1)')
    expect(download.words.next).toContain('there are no logs')

    expect(disk.end.phase).toBe('failed')
    expect(disk.words.cause).toBe('disk-full')
    expect(disk.end.services[0].error).toMatch(/no space left on device/)
    expect(disk.end.services[0].words).toBe("The server's disk is full")
    expect(disk.words.summary).toContain('did not start')
    expect(disk.words.next).toContain('space')

    expect(exits.end.phase).toBe('failed')
    expect(exits.words.cause).toBe('exits')
    expect(exits.words.summary).toContain('app starts and then stops (exit code 3)')
    // The same answer from the swarm, put into words while the core speaks French, then English again.
    const exitWords = () =>
      outcomeWords({ ...exits.end, domain: 'exits.example.org', version: 'v1.0.0', timeoutSeconds: 60, problem: 'problem' in exits.end ? exits.end.problem : undefined })
    setLanguage('fr')
    try {
      const fr = exitWords()
      expect(fr.cause).toBe('exits')
      expect(fr.summary).toBe('La version v1.0.0 de exits.example.org n’a pas démarré : app démarre puis s’arrête (code de sortie 3), encore et encore.')
      expect(fr.next).toMatch(/^Ses journaux disent en général pourquoi : ouvrez-les sur la page de l’application\./)
    } finally {
      setLanguage('en')
    }
    expect(exitWords().summary).toBe('Version v1.0.0 of exits.example.org did not start: app starts and then stops (exit code 3), again and again.')

    expect(health.end.phase).toBe('failed')
    expect(health.words.cause).toBe('health')
    expect(health.end.services[0].words).toBe('Keeps failing its health check')

    expect(constraint.end.phase).toBe('timed-out')
    expect(constraint.words.cause).toBe('placement')
    expect(constraint.words.summary).toContain('no server is allowed to run app')
    expect(resources.words.cause).toBe('placement')
    expect(resources.words.summary).toContain('no server has enough free memory or processor for app')

    expect(slow.end.phase).toBe('timed-out')
    expect(slow.words.cause).toBe('timeout')
    expect(slow.words.next).toMatch(/^It may still be starting/)
  }, 120_000)
})
