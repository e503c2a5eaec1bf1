import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import type { ServiceStatus } from '../../src-main/contract/apps'
import { appHealth, serviceStatus as statusOf, type SwarmService, type SwarmTask } from '../../src-main/apps/status'

// Shapes as GET /services and GET /tasks return them (trimmed to what matters).
const STACK = 'cloud_example_org'
const HEALTHCHECK = { Test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/'], Interval: 2e9, Timeout: 3e9, Retries: 3 }

function service(over: { replicas?: number; global?: boolean; health?: boolean; update?: SwarmService['UpdateStatus']; createdAt?: string; status?: SwarmService['ServiceStatus'] } = {}): SwarmService {
  return {
    ID: 'svc1',
    CreatedAt: over.createdAt ?? '2026-11-30T10:00:00.000000000Z',
    UpdatedAt: '2026-11-30T10:05:00.000000000Z',
    Spec: {
      Name: `${STACK}_app`,
      Labels: { 'com.docker.stack.namespace': STACK, [`coop-cloud.${STACK}.version`]: 'v1.0.0' },
      TaskTemplate: {
        // As the API returns it: "Healthcheck", not dockerode's "HealthCheck".
        ContainerSpec: {
          Image: 'ccd-busybox:test@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          ...(over.health === false ? {} : { Healthcheck: HEALTHCHECK })
        },
        RestartPolicy: { Condition: 'any', MaxAttempts: 0 }
      } as Docker.ContainerTaskSpec,
      Mode: over.global ? { Global: {} } : { Replicated: { Replicas: over.replicas ?? 1 } }
    },
    ...(over.update ? { UpdateStatus: over.update } : {}),
    ...(over.status ? { ServiceStatus: over.status } : {})
  }
}

let n = 0
function task(state: string, at: string, over: { desired?: string; err?: string; message?: string; exit?: number; slot?: number } = {}): SwarmTask {
  n++
  return {
    ID: `task${n}`,
    ServiceID: 'svc1',
    NodeID: 'node1',
    Slot: over.slot ?? 1,
    CreatedAt: at,
    UpdatedAt: at,
    DesiredState: over.desired ?? (['running', 'starting', 'pending', 'preparing', 'assigned', 'accepted', 'ready', 'new'].includes(state) ? 'running' : 'shutdown'),
    Status: {
      Timestamp: at,
      State: state,
      Message: over.message ?? state,
      ...(over.err ? { Err: over.err } : {}),
      ContainerStatus: { ContainerID: `c${n}`, ExitCode: over.exit ?? 0 }
    }
  }
}

// Tasks carry a copy of the TaskTemplate they were made from; unless a test
// says otherwise, that is the service's current one.
function serviceStatus(svc: SwarmService, tasks: SwarmTask[], stack: string): ServiceStatus {
  const spec = svc.Spec?.TaskTemplate as Docker.ContainerTaskSpec
  return statusOf(svc, tasks.map((x) => (x.Spec ? x : { ...x, Spec: { ContainerSpec: structuredClone(spec.ContainerSpec), ForceUpdate: 0 } })), stack)
}

const t = (min: number, sec = 0): string => `2026-11-30T10:${String(min).padStart(2, '0')}:${String(sec).padStart(2, '0')}.000000000Z`

describe('serviceStatus', () => {
  it('reads a healthy replicated service: names, image without digest, counts', () => {
    const s = serviceStatus(service(), [task('running', t(1))], STACK)
    expect(s).toEqual({
      name: 'app',
      fullName: `${STACK}_app`,
      image: 'ccd-busybox:test',
      desired: 1,
      running: 1,
      health: 'healthy',
      restarts: 0,
      words: 'Running and healthy',
      status: 'running'
    })
  })

  it('says Running (no health) for a service without a healthcheck', () => {
    const s = serviceStatus(service({ health: false }), [task('running', t(1))], STACK)
    expect(s.health).toBe('none')
    expect(s.words).toBe('Running')
    expect(s.status).toBe('running')
  })

  it('counts only live running tasks and says Starting (1 of 2) while one is still starting', () => {
    const s = serviceStatus(service({ replicas: 2 }), [task('running', t(1)), task('starting', t(1, 5), { slot: 2 }), task('shutdown', t(0, 30), { desired: 'shutdown' })], STACK)
    expect(s.running).toBe(1)
    expect(s.desired).toBe(2)
    expect(s.health).toBe('starting')
    expect(s.words).toBe('Starting (1 of 2)')
    expect(s.status).toBe('updating')
  })

  it('does not count a task being stopped (desired shutdown) as running', () => {
    const s = serviceStatus(service(), [task('running', t(1), { desired: 'shutdown' }), task('preparing', t(1, 2))], STACK)
    expect(s.running).toBe(0)
    expect(s.words).toBe('Starting (0 of 1)')
  })

  it('says Keeps crashing after repeated failures since the service was made, with Docker’s error', () => {
    const tasks = [
      task('failed', t(1), { err: 'task: non-zero exit (1)', exit: 1 }),
      task('failed', t(1, 10), { err: 'task: non-zero exit (1)', exit: 1 }),
      task('failed', t(1, 20), { err: 'task: non-zero exit (137)', exit: 137 }),
      task('starting', t(1, 30))
    ]
    const s = serviceStatus(service({ health: false }), tasks, STACK)
    expect(s.restarts).toBe(3)
    expect(s.error).toBe('task: non-zero exit (137)')
    expect(s.words).toBe('Keeps crashing')
    expect(s.status).toBe('failed')
  })

  it('counts a clean exit (complete) and a rejection as restarts, but not a deliberate shutdown', () => {
    const tasks = [task('complete', t(1)), task('rejected', t(1, 5), { err: 'No such image: nope:latest' }), task('shutdown', t(1, 6)), task('running', t(1, 10))]
    const s = serviceStatus(service({ health: false }), tasks, STACK)
    expect(s.restarts).toBe(2)
    // The rejected one never ran: the page says it could not start, not that it restarted.
    expect(s.failedStarts).toBe(1)
    expect(s.status).toBe('running')
  })

  it('ignores crashes from before the current update began', () => {
    const update = { State: 'completed' as const, StartedAt: t(5), CompletedAt: t(5, 20), Message: 'update completed' }
    const old = [1, 2, 3].map((i) => task('failed', t(2, i), { err: 'task: non-zero exit (1)' }))
    const s = serviceStatus(service({ update }), [...old, task('running', t(5, 10))], STACK)
    expect(s.restarts).toBe(0)
    expect(s.words).toBe('Running and healthy')
    expect(s.updateState).toBe('completed')
    expect(s.updateMessage).toBe('update completed')
  })

  it('reports an unhealthy container the swarm replaced, and a crash loop of them as failing its health check', () => {
    const unhealthy = (at: string) => task('failed', at, { err: 'task: non-zero exit (143): dockerexec: unhealthy container', exit: 143 })
    const once = serviceStatus(service(), [unhealthy(t(1)), task('starting', t(1, 8))], STACK)
    expect(once.health).toBe('starting')
    expect(once.words).toBe('Starting (0 of 1)')

    const loop = serviceStatus(service(), [unhealthy(t(1)), unhealthy(t(1, 10)), unhealthy(t(1, 20))], STACK)
    expect(loop.health).toBe('unhealthy')
    // A replacement starting does not hide the loop.
    const retrying = serviceStatus(service(), [unhealthy(t(1)), unhealthy(t(1, 10)), unhealthy(t(1, 20)), task('starting', t(1, 25))], STACK)
    expect([retrying.health, retrying.words]).toEqual(['starting', 'Keeps failing its health check'])
    expect(loop.words).toBe('Keeps failing its health check')
    expect(loop.status).toBe('failed')
    expect(loop.error).toContain('unhealthy container')
  })

  it('needs attention when it runs but keeps restarting', () => {
    const tasks = [1, 2, 3].map((i) => task('failed', t(1, i), { err: 'task: non-zero exit (2)' }))
    const s = serviceStatus(service({ health: false }), [...tasks, task('running', t(1, 30))], STACK)
    expect(s.words).toBe('Running, but it restarted 3 times')
    expect(s.status).toBe('attention')
  })

  it('follows the update state: updating, rolling back, paused, rolled back', () => {
    const at = t(5)
    const updating = serviceStatus(service({ update: { State: 'updating', StartedAt: at, Message: 'update in progress' } }), [task('starting', t(5, 1))], STACK)
    expect([updating.status, updating.words]).toEqual(['updating', 'Updating (0 of 1)'])

    const back = serviceStatus(service({ update: { State: 'rollback_started', StartedAt: at, Message: 'update rolled back due to failure or early termination of task x' } }), [task('running', t(5, 1))], STACK)
    expect([back.status, back.words]).toEqual(['updating', 'Going back to the previous version'])
    expect(back.updateMessage).toMatch(/rolled back/)

    const paused = serviceStatus(service({ update: { State: 'paused', StartedAt: at, Message: 'update paused due to failure' } }), [task('running', t(5, 1))], STACK)
    expect([paused.status, paused.words]).toEqual(['failed', 'The update stopped: the new version did not start'])

    const done = serviceStatus(service({ update: { State: 'rollback_completed', StartedAt: at, CompletedAt: t(5, 30), Message: 'rollback completed' } }), [task('running', t(5, 10))], STACK)
    expect([done.status, done.words]).toEqual(['running', 'Running and healthy (the last update was undone)'])
  })

  it('says Updating while the old version’s task still runs after a spec change', () => {
    const svc = service()
    const old = { ...task('running', t(1)), Spec: { ContainerSpec: { Image: 'ccd-busybox:test', Env: ['APP_VERSION=v1.0.0'] }, ForceUpdate: 0 } }
    const s = serviceStatus(svc, [old], STACK)
    expect([s.running, s.status, s.words]).toEqual([1, 'updating', 'Updating (0 of 1)'])
    // A forced update (same container spec, ForceUpdate bumped) is a new spec too.
    const forced = { ...task('running', t(1)), Spec: { ContainerSpec: structuredClone((svc.Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec), ForceUpdate: 1 } }
    expect(serviceStatus(svc, [forced], STACK).words).toBe('Updating (0 of 1)')
  })

  it('calls a service scaled to zero Stopped', () => {
    const s = serviceStatus(service({ replicas: 0 }), [task('shutdown', t(1))], STACK)
    expect([s.desired, s.running, s.status, s.words]).toEqual([0, 0, 'stopped', 'Stopped'])
  })

  it('waits with attention when the swarm cannot place a task', () => {
    const s = serviceStatus(service(), [task('pending', t(1), { err: 'no suitable node (scheduling constraints not satisfied on 1 node)' })], STACK)
    expect(s.words).toBe('Waiting for a place to run (0 of 1)')
    expect(s.status).toBe('attention')
    expect(s.error).toMatch(/no suitable node/)
  })

  it('takes a global service’s desired count from the swarm, else from its live tasks', () => {
    const tasks = [task('running', t(1)), task('running', t(1), { slot: undefined })]
    expect(serviceStatus(service({ global: true, status: { DesiredTasks: 3, RunningTasks: 2, CompletedTasks: 0 } }), tasks, STACK).desired).toBe(3)
    expect(serviceStatus(service({ global: true }), tasks, STACK).desired).toBe(2)
  })

  it('ignores tasks of other services', () => {
    const other = { ...task('failed', t(1), { err: 'boom' }), ServiceID: 'svc2' }
    const s = serviceStatus(service(), [other, task('running', t(1))], STACK)
    expect(s.restarts).toBe(0)
    expect(s.error).toBeUndefined()
  })
})

const st = (over: Partial<ServiceStatus>): ServiceStatus => ({
  name: 'app',
  fullName: `${STACK}_app`,
  image: 'x',
  desired: 1,
  running: 1,
  health: 'healthy',
  restarts: 0,
  words: 'Running and healthy',
  status: 'running',
  ...over
})

describe('appHealth', () => {
  it.each([
    ['not deployed', [], false, 'stopped', 'Your app is not deployed'],
    ['deployed but unreadable', [], true, 'unknown', "Your app's state could not be read"],
    ['healthy', [st({})], true, 'running', 'Your app is running and healthy'],
    ['running without healthchecks', [st({ health: 'none', words: 'Running' })], true, 'running', 'Your app is running'],
    ['starting', [st({ status: 'updating', running: 0, words: 'Starting (0 of 1)' })], true, 'updating', 'Your app is starting'],
    ['updating', [st({ status: 'updating', updateState: 'updating', words: 'Updating (0 of 1)' })], true, 'updating', 'Your app is updating'],
    ['one service failing among two', [st({}), st({ name: 'db', status: 'failed', words: 'Keeps crashing' })], true, 'failed', 'Your app is not working (db: keeps crashing)'],
    ['a single service needing attention', [st({ status: 'attention', words: 'Running, but it restarted 4 times' })], true, 'attention', 'Your app needs attention (running, but it restarted 4 times)'],
    ['all stopped', [st({ status: 'stopped', desired: 0, running: 0, words: 'Stopped' })], true, 'stopped', 'Your app is stopped'],
    ['a stopped helper beside a running app', [st({}), st({ name: 'cron', status: 'stopped', words: 'Stopped' })], true, 'running', 'Your app is running and healthy']
  ] as const)('%s', (_name, services, deployed, health, words) => {
    expect(appHealth([...services], deployed)).toEqual({ health, words })
  })
})
