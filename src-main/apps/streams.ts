// Logs and terminals. Both answer with a stream id at once; their output
// follows as 'stream.data' events and ends with one 'stream.end'. Data starts
// flowing only after the answer has been handed back (setImmediate runs after
// the promise callbacks that send it), so the screen knows the id before the
// first line arrives.
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import { sshAgentOf } from '../docker/transport'
import { loadApp, type AppContext } from './context'
import { openExec } from './exec-terminal'
import type { HandlersFor } from './handlers-types'
import { openLogs, type Opened } from './logs'
import { StreamRegistry, type StreamHandle } from './stream-registry'

export function streamHandlers(ctx: AppContext): {
  handlers: HandlersFor<'apps.logs' | 'apps.exec' | 'streams.write' | 'streams.resize' | 'streams.stop'>
  closeAll(): Promise<void>
} {
  const registry = new StreamRegistry(ctx.events)
  const held = new Map<string, number>()

  // Through `docker system dial-stdio` every Docker connection is an SSH
  // session and the transport pools only a few; logs that kept them all
  // would leave the server's other requests waiting forever. Elsewhere
  // (a socket, or channels on one SSH link) there is no such small limit.
  function claimConnections(server: string, d: Docker, n: number): () => void {
    const agent = sshAgentOf(d)
    if (agent?.mode !== 'dial-stdio') return () => {}
    const budget = Math.max(1, agent.maxSockets - 2)
    const used = held.get(server) ?? 0
    if (used + n > budget) {
      throw new ApiError(
        'server-busy',
        `${server} lets the app keep only ${budget} logs or terminals open at once, because its SSH server doesn't allow forwarding. Close another log or terminal of this server, then try again.`,
        undefined,
        { budget, used }
      )
    }
    held.set(server, used + n)
    let released = false
    return () => {
      if (released) return
      released = true
      held.set(server, (held.get(server) ?? n) - n)
    }
  }

  async function run<T extends Opened>(
    server: string,
    d: Docker,
    open: (claim: (connections: number) => void) => Promise<T>,
    handle: (o: T) => StreamHandle
  ): Promise<{ id: string; opened: T }> {
    const id = registry.reserve()
    let release = (): void => {}
    let opened: T
    try {
      opened = await open((n) => (release = claimConnections(server, d, n)))
    } catch (err) {
      release()
      registry.release(id)
      throw err
    }
    const h = handle(opened)
    const stop = async (): Promise<void> => {
      await h.stop()
      release()
    }
    if (!registry.attach(id, { ...h, stop })) {
      // Everything was closed while this was opening.
      await stop()
      throw new ApiError('stream-closed', 'The app is closing, so nothing new was opened.')
    }
    setImmediate(() =>
      opened.start({
        data: (data, service) => ctx.events.emit('stream.data', { streamId: id, data, service }),
        end: (end) => {
          release()
          registry.finish(id, end)
        }
      })
    )
    return { id, opened }
  }

  const docker = async (server: string) => {
    const conn = await ctx.open(server)
    await conn.ready()
    return conn.docker()
  }

  return {
    handlers: {
      'apps.logs': async ({ server, domain, service, tail, follow }) => {
        const app = await loadApp(ctx, server, domain)
        const d = await docker(server)
        const { id } = await run(
          server,
          d,
          (claim) => openLogs(d, app, { service, tail, follow, claim }),
          (o) => ({ kind: 'logs', stop: () => o.stop() })
        )
        return { streamId: id }
      },
      'apps.exec': async ({ server, domain, service, command, cols, rows }) => {
        const app = await loadApp(ctx, server, domain)
        const d = await docker(server)
        const { id, opened } = await run(
          server,
          d,
          (claim) => openExec(d, app, { service, command, cols, rows, claim }),
          (o) => ({ kind: 'exec', write: (data) => o.write(data), resize: (c, r) => o.resize(c, r), stop: () => o.stop() })
        )
        return { streamId: id, container: opened.container }
      },
      'streams.write': async ({ streamId, data }) => {
        const h = registry.get(streamId)
        if (!h.write) throw new ApiError('stream-read-only', 'Logs only show what the app prints; typing goes to a terminal.')
        h.write(data)
        return {}
      },
      'streams.resize': async ({ streamId, cols, rows }) => {
        const h = registry.get(streamId)
        // Logs have no size; nothing to do.
        await h.resize?.(cols, rows)
        return {}
      },
      'streams.stop': async ({ streamId }) => {
        let h: StreamHandle
        try {
          h = registry.get(streamId)
        } catch {
          // Already ended: stopping it again is not an error.
          return {}
        }
        await h.stop()
        registry.finish(streamId)
        return {}
      }
    },
    closeAll: () => registry.closeAll()
  }
}
