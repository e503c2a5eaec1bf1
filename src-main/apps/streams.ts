// Logs and terminals. Both answer with a stream id at once; their output
// follows as 'stream.data' events and ends with one 'stream.end'. Data starts
// flowing only after the answer has been handed back (setImmediate runs after
// the promise callbacks that send it), so the screen knows the id before the
// first line arrives.
// Each belongs to the client that opened it (a page, a window's page load,
// the CLI process) and is closed when that client goes: a reloaded or closed
// page can't leave them running, each holding a connection to the server.
import type Docker from 'dockerode'
import type { Client } from '../api/client'
import { ApiError } from '../contract/errors'
import { sshAgentOf } from '../docker/transport'
import { loadApp, type AppContext } from './context'
import type { SwarmMachine } from '../servers/connections'
import { openExec } from './exec-terminal'
import type { HandlersFor } from './handlers-types'
import { openLogs, type Opened } from './logs'
import { abraShOf, checkCommand, listCommands, openCommand, parseAbraSh } from './recipe-commands'
import { StreamRegistry, type StreamHandle } from './stream-registry'
import { t } from '../i18n/i18n'

export function streamHandlers(ctx: AppContext): {
  handlers: HandlersFor<'apps.logs' | 'apps.exec' | 'apps.commands' | 'apps.runCommand' | 'streams.write' | 'streams.resize' | 'streams.stop'>
  closeAll(): Promise<void>
  /** Logs and terminals open (or opening) now. */
  count(): number
} {
  const registry = new StreamRegistry(ctx.events)
  // Counted per engine connection (the server's, or another machine's
  // reached through it): each has its own SSH link, so its own sessions.
  const held = new WeakMap<object, number>()

  // Through `docker system dial-stdio` every Docker connection is an SSH
  // session and the transport pools only a few; logs that kept them all
  // would leave the server's other requests waiting forever. Elsewhere
  // (a socket, or channels on one SSH link) there is no such small limit.
  // `d` is the engine the stream really uses: a terminal or command in a
  // container on another machine of the swarm holds that machine's link,
  // not the manager's.
  function claimConnections(server: string, d: Docker, n: number): () => void {
    const agent = sshAgentOf(d)
    if (agent?.mode !== 'dial-stdio') return () => {}
    const budget = Math.max(1, agent.maxSockets - 2)
    const used = held.get(agent) ?? 0
    if (used + n > budget) {
      throw new ApiError(
        'server-busy',
        t('apps.logs.serverBusy', { server, budget }),
        undefined,
        { budget, used }
      )
    }
    held.set(agent, used + n)
    let released = false
    return () => {
      if (released) return
      released = true
      held.set(agent, (held.get(agent) ?? n) - n)
    }
  }

  // Ends one stream; nothing to do when it has already ended.
  async function stopStream(id: string): Promise<void> {
    if (!registry.has(id)) return
    const h = registry.get(id)
    await h.stop()
    registry.finish(id)
  }

  async function run<T extends Opened>(
    server: string,
    d: Docker,
    client: Client | undefined,
    open: (claim: (connections: number, engine?: Docker) => void) => Promise<T>,
    handle: (o: T) => StreamHandle
  ): Promise<{ id: string; opened: T }> {
    const id = registry.reserve()
    let release = (): void => {}
    let opened: T
    try {
      opened = await open((n, engine) => (release = claimConnections(server, engine ?? d, n)))
    } catch (err) {
      release()
      registry.release(id)
      throw err
    }
    const h = handle(opened)
    let forget = (): void => {}
    const stop = async (): Promise<void> => {
      forget()
      await h.stop()
      release()
    }
    if (!registry.attach(id, { ...h, stop })) {
      // Everything was closed while this was opening.
      await stop()
      throw new ApiError('stream-closed', t('apps.logs.closing'))
    }
    if (client?.gone) {
      // The page went while this was opening: nobody would ever see it.
      await stopStream(id)
      throw new ApiError('stream-closed', t('apps.logs.pageClosed'))
    }
    forget = client?.onGone(() => void stopStream(id).catch(() => undefined)) ?? forget
    setImmediate(() => {
      // Stopped before it started (its page went at once): nothing to start.
      if (!registry.has(id)) return
      opened.start({
        data: (data, service) => ctx.events.emit('stream.data', { streamId: id, data, service }),
        end: (end) => {
          forget()
          release()
          registry.finish(id, end)
        }
      })
    })
    return { id, opened }
  }

  const docker = async (server: string) => {
    const conn = await ctx.open(server)
    await conn.ready()
    return conn.docker()
  }
  // Where the service's container runs on another machine of the swarm, its engine through the server's link.
  const machineOf = (server: string) => (ctx.machineDocker ? (m: SwarmMachine) => ctx.machineDocker!(server, m) : undefined)

  return {
    handlers: {
      'apps.logs': async ({ server, domain, service, tail, follow }, client) => {
        const app = await loadApp(ctx, server, domain)
        const d = await docker(server)
        const { id } = await run(
          server,
          d,
          client,
          (claim) => openLogs(d, app, { service, tail, follow, claim }),
          (o) => ({ kind: 'logs', stop: () => o.stop() })
        )
        return { streamId: id }
      },
      'apps.exec': async ({ server, domain, service, command, cols, rows }, client) => {
        const app = await loadApp(ctx, server, domain)
        const d = await docker(server)
        const { id, opened } = await run(
          server,
          d,
          client,
          (claim) => openExec(d, app, { service, command, cols, rows, claim, machine: machineOf(server) }),
          (o) => ({ kind: 'exec', write: (data) => o.write(data), resize: (c, r) => o.resize(c, r), stop: () => o.stop() })
        )
        return { streamId: id, container: opened.container }
      },
      'apps.commands': async ({ server, domain }) => listCommands(ctx, await loadApp(ctx, server, domain)),
      'apps.runCommand': async ({ server, domain, service, command, args }, client) => {
        const app = await loadApp(ctx, server, domain)
        const { version, text } = await abraShOf(ctx, app)
        checkCommand(app, text === undefined ? [] : parseAbraSh(text), command, version)
        const d = await docker(server)
        const { id, opened } = await run(
          server,
          d,
          client,
          (claim) => openCommand(d, app, { service, script: text ?? '', fn: command, args, claim, machine: machineOf(server) }),
          (o) => ({ kind: 'command', stop: () => o.stop() })
        )
        return { streamId: id, container: opened.container, ...(version ? { version } : {}) }
      },
      'streams.write': async ({ streamId, data }) => {
        const h = registry.get(streamId)
        if (!h.write) throw new ApiError('stream-read-only', t('apps.logs.readOnly'))
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
        // Already ended: stopping it again is not an error.
        await stopStream(streamId)
        return {}
      }
    },
    closeAll: () => registry.closeAll(),
    count: () => registry.size
  }
}
