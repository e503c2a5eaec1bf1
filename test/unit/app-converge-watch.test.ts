import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { watchConvergence } from '../../src-main/apps/converge-watch'
import type { SwarmService, SwarmTask } from '../../src-main/apps/status'

// The polling loop against a scripted engine: each look returns the next
// scripted state (the last one repeats), as GET /services and GET /tasks would.
const STACK = 'web_example_org'
const spec = { Image: 'ccd-busybox:test', Env: ['APP_VERSION=v1'] }
const service: SwarmService = {
  ID: 's1',
  CreatedAt: '2026-11-30T10:00:00Z',
  Spec: { Name: `${STACK}_app`, TaskTemplate: { ContainerSpec: spec } as Docker.ContainerTaskSpec, Mode: { Replicated: { Replicas: 1 } } }
}
const taskIn = (state: string): SwarmTask => ({
  ID: `t-${state}`,
  ServiceID: 's1',
  CreatedAt: '2026-11-30T10:00:01Z',
  DesiredState: 'running',
  Spec: { ContainerSpec: spec },
  Status: { Timestamp: '2026-11-30T10:00:01Z', State: state }
})

function engine(script: SwarmTask[][]): { docker: Docker; filters: string[]; looks: () => number } {
  let i = 0
  const filters: string[] = []
  const docker = {
    listServices: async (o: { filters: string }) => {
      filters.push(o.filters)
      return [service]
    },
    listTasks: async () => script[Math.min(i++, script.length - 1)]
  } as unknown as Docker
  return { docker, filters, looks: () => i }
}

const opts = (signal = new AbortController().signal) => ({ stackName: STACK, baseline: new Map(), timeoutSeconds: 5, signal, intervalMs: 5 })

describe('watchConvergence', () => {
  it('reports each change once and ends when the stack has been settled for a few looks', async () => {
    const { docker, filters, looks } = engine([[taskIn('preparing')], [taskIn('starting')], [taskIn('starting')], [taskIn('running')]])
    const seen: string[] = []
    const end = await watchConvergence(docker, { ...opts(), onChange: (phase, s) => seen.push(`${phase}: ${s[0].words}`) })
    expect(end.phase).toBe('done')
    expect(seen).toEqual(['converging: Starting (0 of 1)', 'converging: Running'])
    // Three looks at the settled state, after three unsettled ones.
    expect(looks()).toBe(6)
    expect(JSON.parse(filters[0])).toEqual({ label: [`com.docker.stack.namespace=${STACK}`] })
  })

  it('times out when the stack never settles', async () => {
    const { docker } = engine([[taskIn('starting')]])
    const started = Date.now()
    const end = await watchConvergence(docker, { ...opts(), timeoutSeconds: 0.1, onChange: () => undefined })
    expect(end.phase).toBe('timed-out')
    expect(end.services[0]).toMatchObject({ running: 0, desired: 1 })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('stops watching when the job is cancelled', async () => {
    const { docker } = engine([[taskIn('starting')]])
    const abort = new AbortController()
    const end = await watchConvergence(docker, { ...opts(abort.signal), timeoutSeconds: 60, intervalMs: 10_000, onChange: () => abort.abort() })
    expect(end.phase).toBe('cancelled')
  })
})
