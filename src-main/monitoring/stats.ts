// CPU and memory of an app's containers, from Docker's stats API asked once
// per container (stream=false: Docker reads twice, a second apart, so the
// answer carries the CPU used in between). Only for the app a page is
// showing: see app-view.ts. The math is the docker CLI's
// (cli/command/container/stats_helpers.go), so the numbers match `docker stats`.
import type Docker from 'dockerode'
import { withTimeout } from '../core/shell'

/** The part of Docker's stats answer used here. */
export interface StatsAnswer {
  cpu_stats?: CpuStats
  precpu_stats?: CpuStats
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> }
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] }
  system_cpu_usage?: number
  online_cpus?: number
}

/**
 * CPU used between Docker's two reads, as `docker stats` shows it: 100% is
 * one processor fully busy, so a container using two reads 200%.
 */
export function cpuPercent(s: StatsAnswer): number {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0)
  const systemDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0)
  // Older kernels and engines leave online_cpus out: the CLI counts the per-processor figures.
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 0
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0
}

/** Memory in use without the file cache the kernel can drop (cgroup v1's total_inactive_file, v2's inactive_file), as `docker stats` shows it. */
export function memoryBytes(s: StatsAnswer): number {
  const m = s.memory_stats
  const usage = m?.usage ?? 0
  const v1 = m?.stats?.total_inactive_file
  if (v1 !== undefined && v1 < usage) return usage - v1
  const v2 = m?.stats?.inactive_file
  if (v2 !== undefined && v2 < usage) return usage - v2
  return usage
}

export interface ServiceUsage {
  /** The compose name ("app", "db"). */
  service: string
  cpuPct: number
  memBytes: number
  /** Containers measured (a service with several replicas on this node adds theirs up). */
  containers: number
}

const STACK_LABEL = 'com.docker.stack.namespace'
const SERVICE_LABEL = 'com.docker.swarm.service.name'

/** "<stack>_<service>" → "<service>". */
export function shortName(stack: string, full: string): string {
  return full.startsWith(`${stack}_`) ? full.slice(stack.length + 1) : full
}

/**
 * Measures the stack's running containers on the server's Docker, each
 * within `timeoutMs`; a container that doesn't answer in time is left out.
 * On a swarm of several machines only this machine's containers are seen.
 */
export async function sampleStack(docker: Docker, stack: string, timeoutMs: number): Promise<ServiceUsage[]> {
  // The stack's services by their label (a container carries the stack's label only when its spec says so, as
  // `docker stack deploy` does), then the running containers of those services.
  const services = await docker.listServices({ filters: { label: [`${STACK_LABEL}=${stack}`] } })
  const names = new Set(services.map((s) => s.Spec?.Name).filter((n): n is string => !!n))
  if (names.size === 0) return []
  const all = await docker.listContainers({ filters: { label: [SERVICE_LABEL], status: ['running'] } })
  const containers = all.filter((c) => names.has(c.Labels?.[SERVICE_LABEL] ?? ''))
  const measured = await Promise.all(
    containers.map(async (c) => {
      const service = c.Labels?.[SERVICE_LABEL]
      if (!service) return undefined
      const controller = new AbortController()
      try {
        // dockerode hands abortSignal to the request (its types don't list it); the race holds even where a transport ignores it.
        const asked = docker.getContainer(c.Id).stats({ stream: false, abortSignal: controller.signal } as { stream: false })
        const s = (await withTimeout(asked, timeoutMs, () => (controller.abort(), new Error('stats timed out')))) as StatsAnswer
        return { service: shortName(stack, service), cpuPct: cpuPercent(s), memBytes: memoryBytes(s) }
      } catch {
        // Stopped meanwhile, or too slow: the others still count.
        return undefined
      }
    })
  )
  const byService = new Map<string, ServiceUsage>()
  for (const m of measured) {
    if (!m) continue
    const u = byService.get(m.service) ?? { service: m.service, cpuPct: 0, memBytes: 0, containers: 0 }
    u.cpuPct += m.cpuPct
    u.memBytes += m.memBytes
    u.containers++
    byService.set(m.service, u)
  }
  return [...byService.values()].sort((a, b) => a.service.localeCompare(b.service))
}
