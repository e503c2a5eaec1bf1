// `docker service logs` for one service of an app or all of them, over the
// server's existing connection, as whole lines tagged with the service.
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import type { LoadedApp } from './context'
import { LogDemuxer } from './logs-demux'
import { dockerMessage, isNotFound } from './secret-errors'
import { stackServices } from './secret-specs'
import { t } from '../i18n/i18n'

export interface StreamSink {
  data(text: string, service?: string): void
  end(end: { exitCode?: number; error?: string }): void
}

export interface Opened {
  /** Starts the flow of data; called once the caller has the stream id. */
  start(sink: StreamSink): void
  stop(): Promise<void>
}

/** The service's full name (<stack>_<service>) from the compose name or the full one. */
export function fullServiceName(app: LoadedApp, service: string): string {
  return service.startsWith(`${app.stackName}_`) ? service : `${app.stackName}_${service}`
}

export function shortServiceName(app: LoadedApp, fullName: string): string {
  return fullName.startsWith(`${app.stackName}_`) ? fullName.slice(app.stackName.length + 1) : fullName
}

export async function findService(docker: Docker, app: LoadedApp, service: string): Promise<Docker.Service> {
  try {
    return (await docker.getService(fullServiceName(app, service)).inspect()) as Docker.Service
  } catch (err) {
    if (isNotFound(err)) {
      throw new ApiError('service-unknown', t('apps.logs.noService', { domain: app.domain, service }), dockerMessage(err), { service })
    }
    throw err
  }
}

function isReadable(x: unknown): x is Readable {
  return typeof (x as Readable | null)?.on === 'function' && typeof (x as Readable).destroy === 'function'
}

export function lostWords(err: unknown): string {
  return t('apps.logs.lost', { message: dockerMessage(err) })
}

export async function openLogs(
  docker: Docker,
  app: LoadedApp,
  opts: { service?: string; tail: number; follow: boolean; claim?: (connections: number, engine?: Docker) => void }
): Promise<Opened> {
  // One service is asked for by name, at once (the engine says if there is
  // none): listing or inspecting it first cost a round trip to the server.
  const services = opts.service ? [fullServiceName(app, opts.service)] : (await stackServices(docker, app.stackName)).map((s) => s.Spec?.Name ?? s.ID)
  if (services.length === 0) {
    throw new ApiError('app-not-deployed', t('apps.logs.notDeployed', { domain: app.domain }))
  }
  // Each service's log holds one connection for as long as it is followed.
  opts.claim?.(services.length)
  // Opened before returning, so a refusal reaches the caller as an error, not a stream.end.
  const sources = await Promise.all(
    services.map(async (full) => {
      const name = shortServiceName(app, full)
      const got: unknown = await docker
        .getService(full)
        .logs({ stdout: true, stderr: true, follow: opts.follow, tail: opts.tail, timestamps: true })
        .catch((err: unknown) => {
          if (opts.service && isNotFound(err)) {
            throw new ApiError('service-unknown', t('apps.logs.noService', { domain: app.domain, service: opts.service }), dockerMessage(err), { service: opts.service })
          }
          throw err
        })
      // Without follow, docker-modem buffers the answer, and turns it into an
      // object when the whole text happens to be JSON (TTY services only).
      const out: Readable | Buffer = Buffer.isBuffer(got) || isReadable(got) ? got : Buffer.from(typeof got === 'string' ? got : JSON.stringify(got))
      // Until start() listens, an error must not go unheard (it would crash the process).
      if (!Buffer.isBuffer(out)) out.on('error', () => {})
      return { name, out }
    })
  )

  let stopping = false
  let pending = sources.length
  let failure: string | undefined
  let sink: StreamSink | undefined
  let resolveDone: () => void = () => {}
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  const doneOne = (err?: unknown): void => {
    if (err !== undefined && !stopping && !failure) failure = lostWords(err)
    if (--pending > 0) return
    sink?.end(failure ? { error: failure } : {})
    resolveDone()
  }

  return {
    start(s) {
      sink = s
      for (const { name, out } of sources) {
        const demux = new LogDemuxer((text) => s.data(text, name))
        if (Buffer.isBuffer(out)) {
          demux.push(out)
          demux.end()
          doneOne()
          continue
        }
        let ended = false
        const finish = (err?: unknown): void => {
          if (ended) return
          ended = true
          demux.end()
          doneOne(err)
        }
        out.on('data', (chunk: Buffer) => demux.push(chunk))
        out.on('end', () => finish())
        out.on('error', (err) => finish(err))
        out.on('close', () => finish())
      }
    },
    async stop() {
      stopping = true
      for (const { out } of sources) if (!Buffer.isBuffer(out)) out.destroy()
      // A stream never started has nothing to wait for.
      if (sink) await done
    }
  }
}
