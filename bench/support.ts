// What several benches share: calling the core as a door does, a median, and
// a set of tiny stacks on the rig's engine, labelled as abra labels what it
// deploys, each one busybox `sleep` service.

import type Docker from 'dockerode'
import { dispatch } from '../src-main/api/dispatch'
import { stackNameFor } from '../src-main/compose/env'
import type { Input, MethodName, Output } from '../src-main/contract/contract'
import type { Core } from '../src-main/core/core'

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** A keychain that holds nothing: the benches sign in with keys, never passwords. */
export const noKeychain = { get: async () => undefined, set: async () => {}, delete: async () => {} }

/** A core method, through the same validation as every door; its error as a thrown Error. */
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await dispatch(core.handlers, method, input)
  if (!res.ok) throw Object.assign(new Error(`${method}: ${res.error.message}`), { code: res.error.code })
  return res.value as Output<M>
}

/** The bench's stacks, told apart from anyone else's by `label=tag`. */
export function benchStacks(docker: Docker, image: string, label: string, tag: string) {
  const filters = JSON.stringify({ label: [`${label}=${tag}`] })
  return {
    async create(domains: string[]): Promise<void> {
      // A few at a time: 50 at once makes the manager the thing being measured.
      for (let i = 0; i < domains.length; i += 10) {
        await Promise.all(
          domains.slice(i, i + 10).map((domain) => {
            const stack = stackNameFor(domain)
            return docker.createService({
              Name: `${stack}_app`,
              Labels: {
                'com.docker.stack.namespace': stack,
                'com.docker.stack.image': image,
                [`coop-cloud.${stack}.recipe`]: 'ccd-bench',
                [`coop-cloud.${stack}.chaos`]: 'false',
                [`coop-cloud.${stack}.version`]: '1.0.0',
                [label]: tag
              },
              TaskTemplate: {
                // sleep ignores SIGTERM; SIGKILL keeps the clean-up quick.
                ContainerSpec: { Image: image, Command: ['sleep', '3600'], StopSignal: 'SIGKILL', Labels: { 'com.docker.stack.namespace': stack } }
              },
              Mode: { Replicated: { Replicas: 1 } }
            } as never)
          })
        )
      }
    },
    /** How many of them run a task, once `count` do or the time is up. */
    async waitRunning(count: number, timeoutMs = 120_000): Promise<number> {
      let running = 0
      for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(500)) {
        // status=true (API 1.41) adds each service's running task count.
        const services = (await docker.listServices({ filters, status: true } as Docker.ServiceListOptions)) as Array<{ ServiceStatus?: { RunningTasks?: number } }>
        running = services.filter((s) => (s.ServiceStatus?.RunningTasks ?? 0) >= 1).length
        if (running >= count) break
      }
      return running
    },
    async remove(): Promise<void> {
      for (const s of await docker.listServices({ filters })) await docker.getService(s.ID).remove().catch(() => {})
    }
  }
}
