// A userspace TCP relay that delays every chunk by a fixed time in each
// direction, keeping their order: a stand-in for a real network's latency on
// a kernel without netem (`tc qdisc … netem` says "unknown qdisc" here).
// 25 ms each way gives a 50 ms round trip. Test tooling, not product code.
import net from 'node:net'

export interface DelayRelay {
  /** Where clients connect (the relay's listening address). */
  host: string
  port: number
  /** Added to each direction, in ms. */
  delayMs: number
  /** Connections open now (each is a pair of sockets). */
  open(): number
  /** Closes the listener and every connection; resolves once all are gone. */
  stop(): Promise<void>
}

/**
 * Forwards one direction: each chunk is written `delayMs` after it arrived,
 * in arrival order (one queue, one timer at a time). When the receiver is
 * full the source is paused, so memory stays bounded on large transfers; an
 * end from the source is passed on after the chunks before it.
 */
function pipeDelayed(from: net.Socket, to: net.Socket, delayMs: number): void {
  const queue: { at: number; chunk: Buffer | null }[] = []
  let timer: NodeJS.Timeout | undefined
  let waitingDrain = false
  const pump = (): void => {
    timer = undefined
    while (queue.length && queue[0].at <= Date.now() && !waitingDrain) {
      const { chunk } = queue.shift()!
      if (chunk === null) {
        to.end()
        return
      }
      if (!to.write(chunk)) {
        waitingDrain = true
        from.pause()
        to.once('drain', () => {
          waitingDrain = false
          from.resume()
          schedule()
        })
      }
    }
    schedule()
  }
  const schedule = (): void => {
    if (timer || waitingDrain || !queue.length || to.destroyed) return
    timer = setTimeout(pump, Math.max(0, queue[0].at - Date.now()))
  }
  from.on('data', (chunk: Buffer) => {
    queue.push({ at: Date.now() + delayMs, chunk })
    schedule()
  })
  from.on('end', () => {
    queue.push({ at: Date.now() + delayMs, chunk: null })
    schedule()
  })
  const clear = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    queue.length = 0
  }
  to.on('close', clear)
  from.on('close', () => {
    // A reset (not a clean end) from one side resets the other at once.
    if (from.errored || !from.readableEnded) {
      clear()
      to.destroy()
    }
  })
}

/** Starts a relay to `target`, listening on `listenHost` (default 127.0.0.1) on a free port. */
/**
 * noDelay: the relay's own sockets send each chunk the moment its time
 * comes (TCP_NODELAY), as a wire would. Without it the kernel holds a small
 * chunk back until the previous one is acknowledged (Nagle), and with the
 * receiver's delayed acknowledgement that added about 40 ms to some answers
 * that neither the app nor a network had (bench/network.ts measured it).
 */
export function startDelayRelay(opts: { target: { host: string; port: number }; delayMs?: number; listenHost?: string; noDelay?: boolean }): Promise<DelayRelay> {
  const delayMs = opts.delayMs ?? 25
  const listenHost = opts.listenHost ?? '127.0.0.1'
  const sockets = new Set<net.Socket>()
  const track = (s: net.Socket): void => {
    sockets.add(s)
    s.on('error', () => s.destroy())
    s.once('close', () => sockets.delete(s))
  }
  // Half-open both ways: an end from one side travels (delayed) to the other, whose answer still comes back.
  const noDelay = opts.noDelay ?? false
  const server = net.createServer({ allowHalfOpen: true, noDelay }, (client) => {
    track(client)
    client.pause()
    const upstream = net.connect({ port: opts.target.port, host: opts.target.host, allowHalfOpen: true, noDelay })
    track(upstream)
    upstream.setTimeout(15_000, () => {
      if (upstream.connecting) upstream.destroy()
    })
    upstream.once('connect', () => {
      upstream.setTimeout(0)
      pipeDelayed(client, upstream, delayMs)
      pipeDelayed(upstream, client, delayMs)
      client.resume()
    })
    upstream.once('close', () => {
      if (!upstream.readableEnded) client.destroy()
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, listenHost, () => {
      const { port } = server.address() as net.AddressInfo
      resolve({
        host: listenHost,
        port,
        delayMs,
        open: () => Math.ceil(sockets.size / 2),
        stop: async () => {
          for (const s of sockets) s.destroy()
          await new Promise<void>((r) => server.close(() => r()))
          // 'close' follows destroy() on the next ticks: wait until every socket said it.
          for (const end = Date.now() + 5000; sockets.size && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10))
        }
      })
    })
  })
}
