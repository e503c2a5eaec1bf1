import type { Job, ServerSummary } from '../../../src-main/contract'

export function plural(n: number, one: string, many: string = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`
}

export function serverAddress(s: Pick<ServerSummary, 'kind' | 'user' | 'hostname' | 'port'>): string {
  if (s.kind === 'local') return 'This computer'
  return `${s.user ? s.user + '@' : ''}${s.hostname}:${s.port}`
}

export function swarmText(s: Pick<ServerSummary, 'swarmRole' | 'nodeCount'>): string {
  switch (s.swarmRole) {
    case 'manager':
      return `Swarm manager, ${plural(s.nodeCount ?? 1, 'node')}`
    case 'worker':
      return 'Swarm worker'
    case 'none':
      return 'Swarm is off'
    default:
      return 'Swarm: not known yet'
  }
}

export function appCountText(n: number): string {
  return n === 0 ? 'No apps' : plural(n, 'app')
}

// The core counts steps from 0 and sets stepIndex = stepCount when done.
export function jobStepText(job: Pick<Job, 'stepIndex' | 'stepCount'>): string {
  if (job.stepCount <= 0) return ''
  return `Step ${Math.min(job.stepIndex + 1, job.stepCount)} of ${job.stepCount}`
}
