import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { watchConvergence } from '../../src-main/apps/converge-watch'
import type { SwarmService, SwarmTask } from '../../src-main/apps/status'

// A swarm rollback can start and finish between two looks (issue 9, defect 10:
// "rolling-back" was never reported, only "rolled-back"). The watcher must
// still tell the person the server is going back before it says it went back.
const STACK = 'web_example_org'
const spec = (v: string) => ({ Image: 'ccd-busybox:test', Env: [`APP_VERSION=${v}`] })
const at = (s: number): string => `2026-11-30T10:00:${String(s).padStart(2, '0')}Z`

function service(version: string, update?: SwarmService['UpdateStatus']): SwarmService {
  return {
    ID: 's1',
    CreatedAt: at(0),
    Spec: {
      Name: `${STACK}_app`,
      TaskTemplate: { ContainerSpec: spec(version) } as Docker.ContainerTaskSpec,
      Mode: { Replicated: { Replicas: 1 } },
      UpdateConfig: { Parallelism: 1, FailureAction: 'rollback', Order: 'stop-first' }
    },
    ...(update ? { UpdateStatus: update } : {})
  }
}

const task = (id: string, version: string, state: string, sec: number): SwarmTask => ({
  ID: id,
  ServiceID: 's1',
  CreatedAt: at(sec),
  DesiredState: ['failed', 'shutdown'].includes(state) ? 'shutdown' : 'running',
  Spec: { ContainerSpec: spec(version) },
  Status: { Timestamp: at(sec), State: state }
})

type Look = { service: SwarmService; tasks: SwarmTask[] }

/** Each look returns the next scripted state; the last one repeats. */
function engine(script: Look[]): Docker {
  let i = 0
  let now = script[0]
  return {
    listServices: async () => {
      now = script[Math.min(i++, script.length - 1)]
      return [now.service]
    },
    listTasks: async () => now.tasks
  } as unknown as Docker
}

// v2 ran (its update completed at second 1); this deploy sends v3.
const baseline = new Map([[`${STACK}_app`, at(1)]])
const updatingToV3: Look = {
  service: service('v3', { State: 'updating', StartedAt: at(5), Message: 'update in progress' }),
  tasks: [task('t2', 'v2', 'shutdown', 2), task('t3', 'v3', 'starting', 6)]
}

async function phasesOf(script: Look[]): Promise<{ seen: string[]; end: string }> {
  const seen: string[] = []
  const end = await watchConvergence(engine(script), {
    stackName: STACK,
    baseline,
    timeoutSeconds: 5,
    signal: new AbortController().signal,
    intervalMs: 5,
    onChange: (phase) => seen.push(phase)
  })
  return { seen, end: end.phase }
}

describe('watchConvergence when a rollback happens between two looks', () => {
  it('reports rolling-back, then ends rolled-back, though no look saw rollback_started', async () => {
    const rolledBack: Look = {
      service: service('v2', { State: 'rollback_completed', StartedAt: at(9), CompletedAt: at(12), Message: 'rollback completed' }),
      tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'running', 11)]
    }
    const { seen, end } = await phasesOf([updatingToV3, rolledBack])
    expect(seen).toEqual(['converging', 'rolling-back'])
    expect(end).toBe('rolled-back')
  })

  it('reports rolling-back when a look did see it, without repeating it', async () => {
    const rollingBack: Look = {
      service: service('v2', { State: 'rollback_started', StartedAt: at(9), Message: 'update rolled back due to failure or early termination of task t3' }),
      tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'starting', 10)]
    }
    const rolledBack: Look = {
      service: service('v2', { State: 'rollback_completed', StartedAt: at(9), CompletedAt: at(12) }),
      tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'running', 10)]
    }
    const seen: string[] = []
    const end = await watchConvergence(engine([updatingToV3, rollingBack, rolledBack]), {
      stackName: STACK,
      baseline,
      timeoutSeconds: 5,
      signal: new AbortController().signal,
      intervalMs: 5,
      onChange: (phase, s) => seen.push(`${phase}: ${s[0].words}`)
    })
    // Each report is news: the going-back one is not repeated when the rollback completes.
    expect(seen.map((l) => l.split(':')[0])).toEqual(['converging', 'rolling-back', 'rolling-back'])
    expect(new Set(seen).size).toBe(seen.length)
    expect(end.phase).toBe('rolled-back')
  })

  it('reports rolling-back before failing when the rollback itself paused', async () => {
    const rollbackPaused: Look = {
      service: service('v2', { State: 'rollback_paused', StartedAt: at(9), Message: 'rollback paused due to failure or early termination of task t4' }),
      tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'failed', 11)]
    }
    const { seen, end } = await phasesOf([updatingToV3, rollbackPaused])
    expect(seen).toEqual(['converging', 'rolling-back'])
    expect(end).toBe('failed')
  })

  it('after the swarm says it rolled back, waits until the previous version runs', async () => {
    // Swarm marks the rollback completed once it has restarted v2, while v2's healthcheck may still be starting.
    const restarting: Look = {
      service: service('v2', { State: 'rollback_completed', StartedAt: at(9), CompletedAt: at(12), Message: 'rollback completed' }),
      tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'starting', 11)]
    }
    const running: Look = { ...restarting, tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'running', 11)] }
    const seen: string[] = []
    const end = await watchConvergence(engine([updatingToV3, restarting, restarting, running]), {
      stackName: STACK,
      baseline,
      timeoutSeconds: 5,
      signal: new AbortController().signal,
      intervalMs: 5,
      onChange: (phase, s) => seen.push(`${phase}: ${s[0].running} of ${s[0].desired}`)
    })
    expect(seen).toEqual(['converging: 0 of 1', 'rolling-back: 0 of 1', 'rolling-back: 1 of 1'])
    expect(end.phase).toBe('rolled-back')
    expect(end.services[0]).toMatchObject({ running: 1, desired: 1 })
  })

  it('ends rolled-back, not timed out, when the previous version is still not running at the deadline', async () => {
    const restarting: Look = {
      service: service('v2', { State: 'rollback_completed', StartedAt: at(9), CompletedAt: at(12) }),
      tasks: [task('t3', 'v3', 'failed', 8), task('t4', 'v2', 'starting', 11)]
    }
    const end = await watchConvergence(engine([updatingToV3, restarting]), {
      stackName: STACK,
      baseline,
      timeoutSeconds: 0.2,
      signal: new AbortController().signal,
      intervalMs: 5,
      onChange: () => undefined
    })
    expect(end.phase).toBe('rolled-back')
    expect(end.services[0]).toMatchObject({ running: 0, desired: 1 })
  })

  it('does not invent a rollback from one left over from an earlier deploy', async () => {
    // The last deploy was rolled back (StartedAt at second 1, the baseline); this one fails outright.
    const stale = new Map([[`${STACK}_app`, at(1)]])
    const paused: Look = {
      service: service('v3', { State: 'paused', StartedAt: at(5), Message: 'update paused due to failure' }),
      tasks: [task('t3', 'v3', 'failed', 6)]
    }
    const seen: string[] = []
    const end = await watchConvergence(engine([paused]), {
      stackName: STACK,
      baseline: stale,
      timeoutSeconds: 5,
      signal: new AbortController().signal,
      intervalMs: 5,
      onChange: (phase) => seen.push(phase)
    })
    expect(end.phase).toBe('failed')
    expect(seen).toEqual([])
  })
})
