import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { judge, type StackLook, type UpdateBaseline } from '../../src-main/apps/converge'
import { ABRA_DEFAULT_TIMEOUT_SECONDS, timeoutOf, versionToDeploy } from '../../src-main/apps/deploy'
import { outcomeWords } from '../../src-main/apps/deploy-words'
import type { SwarmService, SwarmTask } from '../../src-main/apps/status'
import type { ServiceStatus } from '../../src-main/contract/apps'
import type { StackObjects } from '../../src-main/compose/objects'

const STACK = 'web_example_org'
const at = (s: number): string => `2026-11-30T10:00:${String(s).padStart(2, '0')}.000000000Z`
const containerSpec = (version: string) => ({
  Image: 'ccd-busybox:test',
  Env: [`APP_VERSION=${version}`],
  Healthcheck: { Test: ['CMD', 'wget', '-q', 'http://127.0.0.1:8080/'] }
})

function svc(version: string, over: { update?: SwarmService['UpdateStatus']; replicas?: number; failureAction?: string; healthcheck?: string[] } = {}): SwarmService {
  const spec = containerSpec(version)
  if (over.healthcheck) spec.Healthcheck = { Test: over.healthcheck }
  return {
    ID: 'svc-app',
    CreatedAt: at(0),
    Spec: {
      Name: `${STACK}_app`,
      TaskTemplate: { ContainerSpec: spec, ForceUpdate: 0, Runtime: 'container' } as Docker.ContainerTaskSpec,
      Mode: { Replicated: { Replicas: over.replicas ?? 1 } },
      ...(over.failureAction ? { UpdateConfig: { Parallelism: 1, Order: 'stop-first', FailureAction: over.failureAction } } : {})
    },
    ...(over.update ? { UpdateStatus: over.update } : {})
  }
}

let n = 0
function task(version: string, state: string, sec: number, over: { desired?: string; err?: string } = {}): SwarmTask {
  n++
  return {
    ID: `t${n}`,
    ServiceID: 'svc-app',
    Slot: 1,
    CreatedAt: at(sec),
    DesiredState: over.desired ?? (['failed', 'shutdown', 'complete', 'rejected'].includes(state) ? 'shutdown' : 'running'),
    Spec: { ContainerSpec: containerSpec(version), ForceUpdate: 0 },
    Status: { Timestamp: at(sec), State: state, Message: state, ...(over.err ? { Err: over.err } : {}) }
  }
}

const look = (service: SwarmService, tasks: SwarmTask[]): StackLook => ({ services: [{ service, tasks }] })
const none: UpdateBaseline = new Map()
const was = (startedAt: string): UpdateBaseline => new Map([[`${STACK}_app`, startedAt]])

describe('judge', () => {
  it('is settled once a new service runs its task', () => {
    expect(judge(look(svc('v1'), [task('v1', 'running', 2)]), STACK, none)).toMatchObject({ phase: 'converging', ok: true })
  })

  it('waits while a task is still starting (its healthcheck has not passed)', () => {
    const v = judge(look(svc('v1'), [task('v1', 'starting', 2)]), STACK, none)
    expect(v).toMatchObject({ phase: 'converging', ok: false })
    expect(v.services[0]).toMatchObject({ health: 'starting', words: 'Starting (0 of 1)' })
  })

  it('does not take the old version still running for success, nor a stale "completed"', () => {
    const stale = { State: 'completed' as const, StartedAt: at(1), CompletedAt: at(5) }
    const v = judge(look(svc('v2', { update: stale }), [task('v1', 'running', 1)]), STACK, was(at(1)))
    expect(v).toMatchObject({ phase: 'converging', ok: false })
    expect(v.services[0].words).toBe('Updating (0 of 1)')
    expect(v.services[0].updateState).toBeUndefined()
  })

  it('waits for an update the swarm is still monitoring, and is settled when it completes', () => {
    const updating = svc('v2', { update: { State: 'updating', StartedAt: at(10) } })
    expect(judge(look(updating, [task('v2', 'running', 12)]), STACK, was(at(1)))).toMatchObject({ ok: false })
    const done = svc('v2', { update: { State: 'completed', StartedAt: at(10), CompletedAt: at(25) } })
    expect(judge(look(done, [task('v2', 'running', 12), task('v1', 'shutdown', 1)]), STACK, was(at(1)))).toMatchObject({ ok: true })
  })

  it('follows a rollback: rolling-back, then rolled-back with the failing task’s error', () => {
    const err = 'task: non-zero exit (137): dockerexec: unhealthy container'
    const tasks = [task('v3', 'failed', 12, { err }), task('v2', 'starting', 20)]
    const started = judge(look(svc('v2', { update: { State: 'rollback_started', StartedAt: at(10) } }), tasks), STACK, was(at(1)))
    expect(started.phase).toBe('rolling-back')
    const finished = judge(look(svc('v2', { update: { State: 'rollback_completed', StartedAt: at(10), CompletedAt: at(30) } }), [...tasks.slice(0, 1), task('v2', 'running', 20)]), STACK, was(at(1)))
    expect(finished.phase).toBe('rolled-back')
    expect(finished.phase === 'rolled-back' && finished.problem?.error).toBe(err)
  })

  it('ignores a rollback left over from an earlier deploy', () => {
    const old = svc('v2', { update: { State: 'rollback_completed', StartedAt: at(10), CompletedAt: at(30) } })
    expect(judge(look(old, [task('v2', 'running', 20)]), STACK, was(at(10)))).toMatchObject({ phase: 'converging', ok: true })
  })

  it('fails on an update the swarm paused', () => {
    const v = judge(look(svc('v3', { update: { State: 'paused', StartedAt: at(10), Message: 'update paused due to failure or early termination of task t9' } }), [task('v3', 'failed', 12)]), STACK, was(at(1)))
    expect(v.phase).toBe('failed')
    expect(v.phase === 'failed' && v.problem?.updateMessage).toMatch(/paused/)
  })

  it('fails on a crash loop, unless the swarm is about to roll the update back', () => {
    const crashes = [1, 2, 3].map((i) => task('v3', 'failed', 10 + i, { err: 'task: non-zero exit (1)' }))
    expect(judge(look(svc('v3', { update: { State: 'updating', StartedAt: at(10) } }), crashes), STACK, was(at(1))).phase).toBe('failed')
    const willRollBack = svc('v3', { update: { State: 'updating', StartedAt: at(10) }, failureAction: 'rollback' })
    expect(judge(look(willRollBack, crashes), STACK, was(at(1)))).toMatchObject({ phase: 'converging', ok: false })
  })

  it('is settled for a service scaled to zero', () => {
    expect(judge(look(svc('v1', { replicas: 0 }), []), STACK, none)).toMatchObject({ ok: true })
  })

  it('reads a disabled healthcheck (NONE) as no healthcheck', () => {
    const service = svc('v1', { healthcheck: ['NONE'] })
    const running = { ...task('v1', 'running', 2), Spec: { ContainerSpec: (service.Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec, ForceUpdate: 0 } }
    const v = judge(look(service, [running]), STACK, none)
    expect(v.services[0]).toMatchObject({ health: 'none', words: 'Running' })
  })
})

describe('versionToDeploy', () => {
  const app = { domain: 'web.example.org', version: 'v2.0.0' }
  it.each([
    ['deploy', app, undefined, 'v2.0.0'],
    ['deploy', { domain: 'web.example.org' }, undefined, undefined],
    ['deploy', app, 'v3.0.0', 'v3.0.0'],
    ['redeploy', app, undefined, 'v2.0.0'],
    ['upgrade', app, 'v3.0.0', 'v3.0.0'],
    ['rollback', app, 'v1.0.0', 'v1.0.0']
  ] as const)('%s of %j asking %s → %s', (kind, a, asked, want) => {
    expect(versionToDeploy(kind, a, asked)).toBe(want)
  })

  it('needs a version to upgrade or roll back to, and one recorded to redeploy', () => {
    expect(() => versionToDeploy('upgrade', app)).toThrow('Choose the version to upgrade web.example.org to.')
    expect(() => versionToDeploy('rollback', app)).toThrow('Choose the version to roll back web.example.org to.')
    expect(() => versionToDeploy('redeploy', { domain: 'web.example.org' })).toThrow(/no version recorded/)
  })
})

describe('timeoutOf', () => {
  const objects = (labels?: Record<string, string>): StackObjects =>
    ({ namespace: STACK, services: [{ name: `${STACK}_app`, spec: { Name: `${STACK}_app`, ...(labels ? { Labels: labels } : {}) } }], networks: [], secrets: [], configs: [] }) as unknown as StackObjects
  it('reads coop-cloud.<stack>.timeout from the app service, else uses abra’s default', () => {
    expect(timeoutOf(objects({ [`coop-cloud.${STACK}.timeout`]: '120' }))).toBe(120)
    expect(timeoutOf(objects())).toBe(ABRA_DEFAULT_TIMEOUT_SECONDS)
    expect(timeoutOf(objects({ [`coop-cloud.${STACK}.timeout`]: 'soon' }))).toBe(ABRA_DEFAULT_TIMEOUT_SECONDS)
    expect(timeoutOf(objects({ [`coop-cloud.other.timeout`]: '300' }))).toBe(ABRA_DEFAULT_TIMEOUT_SECONDS)
  })
})

describe('outcomeWords', () => {
  const s = (over: Partial<ServiceStatus>): ServiceStatus => ({ name: 'app', fullName: `${STACK}_app`, image: 'x', desired: 1, running: 1, health: 'healthy', restarts: 0, words: 'Running and healthy', status: 'running', ...over })
  const base = { domain: 'web.example.org', version: 'v3.0.0', previous: 'v2.0.0', timeoutSeconds: 50 }

  it('says what happened and what to do next for each ending', () => {
    expect(outcomeWords({ ...base, phase: 'done', services: [s({})] }).summary).toBe('web.example.org is running version v3.0.0, and it is healthy.')
    expect(outcomeWords({ ...base, phase: 'done', services: [s({ health: 'none' })] }).summary).toBe('web.example.org is running version v3.0.0.')
    const back = outcomeWords({ ...base, phase: 'rolled-back', services: [s({})], problem: s({ error: 'unhealthy container' }) })
    expect(back.summary).toBe(
      'Version v3.0.0 of web.example.org did not start, so the server went back to version v2.0.0, which is running. Why: app starts, but its health check keeps failing, so the server stops it and tries again.'
    )
    expect(back.next).toMatch(/^Your app is still on version v2\.0\.0\./)
    const failed = outcomeWords({ ...base, phase: 'failed', services: [], problem: s({ status: 'failed', words: 'Keeps crashing', error: 'task: non-zero exit (1)' }) })
    expect(failed.summary).toBe('Version v3.0.0 of web.example.org did not start: app starts and then stops (exit code 1), again and again.')
    expect(failed.next).toContain('go back to version v2.0.0')
    const slow = outcomeWords({ ...base, phase: 'timed-out', services: [s({ running: 0, words: 'Starting (0 of 1)' })] })
    expect(slow.summary).toBe('Version v3.0.0 of web.example.org did not finish starting within 50 seconds: app (starting (0 of 1)).')
  })

  it('does not claim the old version runs when it does not', () => {
    const back = outcomeWords({ ...base, previous: undefined, phase: 'rolled-back', services: [s({ running: 0 })] })
    expect(back.summary).toBe('Version v3.0.0 of web.example.org did not start, so the server went back to the version it had before, but it is not fully running yet.')
  })
})
