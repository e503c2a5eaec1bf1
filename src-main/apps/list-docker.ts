// Docker API helpers for the apps list and the app actions: a handle that
// counts the requests made through it, and plain requests for the few calls
// whose dockerode helpers don't fit.
import type Docker from 'dockerode'

export const NAMESPACE_LABEL = 'com.docker.stack.namespace'

/** Filters for every object of one stack, or (without a stack) of any stack. */
export function stackFilter(stack?: string): string {
  return JSON.stringify({ label: [stack ? `${NAMESPACE_LABEL}=${stack}` : NAMESPACE_LABEL] })
}

type Dial = (options: unknown, callback: (...args: unknown[]) => void) => void

export interface CountedDocker {
  docker: Docker
  calls(): number
}

/**
 * A view of `docker` whose every API request is counted. The connection is
 * shared with other work running at the same time, so the count is kept on
 * this view (each dockerode object made from it dials through its modem)
 * rather than on the connection.
 */
export function countCalls(docker: Docker): CountedDocker {
  let calls = 0
  const modem = docker.modem as unknown as { dial: Dial }
  const counting = Object.create(modem) as { dial: Dial }
  counting.dial = (options, callback) => {
    calls++
    modem.dial.call(counting, options, callback)
  }
  const view = Object.create(docker) as Docker
  Object.defineProperty(view, 'modem', { value: counting })
  return { docker: view, calls: () => calls }
}

export class DockerRequestError extends Error {
  constructor(
    readonly statusCode: number | undefined,
    message: string
  ) {
    super(message)
    this.name = 'DockerRequestError'
  }
}

// docker-modem directly: dockerode's service update puts the whole spec into
// the query string.
export function dockerRequest<T>(docker: Docker, method: 'GET' | 'POST' | 'DELETE', path: string, o: { query?: Record<string, string | number | boolean>; body?: unknown } = {}): Promise<T> {
  const options: Record<string, unknown> = {}
  if (o.query) options._query = o.query
  if (o.body !== undefined) options._body = o.body
  return new Promise<T>((resolve, reject) => {
    ;(docker.modem as unknown as { dial: Dial }).dial(
      {
        path: o.query ? `${path}?` : path,
        method,
        options,
        allowEmpty: method === 'POST',
        statusCodes: { 200: true, 201: true, 204: true, 304: true, 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error', 503: 'not part of a swarm' }
      },
      (err: unknown, data: unknown) => {
        if (err) return reject(asDockerError(err))
        resolve(data as T)
      }
    )
  })
}

/**
 * A GET answer as the engine sent it, unparsed. The apps list compares a
 * server's answer with its last one and parses only when they differ: in a
 * swarm where nothing changed (most Health rounds) parsing 50 apps' services
 * and tasks was most of a round's CPU.
 */
export function dockerBytes(docker: Docker, path: string, query: Record<string, string | number | boolean>): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    ;(docker.modem as unknown as { dial: Dial }).dial(
      { path: `${path}?`, method: 'GET', options: { _query: query }, isStream: true, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error', 503: 'not part of a swarm' } },
      (err: unknown, stream: unknown) => {
        if (err) return reject(asDockerError(err))
        const chunks: Buffer[] = []
        const s = stream as NodeJS.ReadableStream
        s.on('data', (c: Buffer) => chunks.push(c))
        s.on('error', (e) => reject(asDockerError(e)))
        s.on('end', () => resolve(Buffer.concat(chunks)))
      }
    )
  })
}

/** The engine's own message ("volume is in use") rather than docker-modem's wrapper. */
export function asDockerError(err: unknown): DockerRequestError {
  if (err instanceof DockerRequestError) return err
  const e = err as { statusCode?: number; json?: unknown; message?: string }
  const json = e?.json as { message?: string } | undefined
  const msg = json && typeof json === 'object' && typeof json.message === 'string' ? json.message : (e?.message ?? String(err))
  return new DockerRequestError(e?.statusCode, msg.trim())
}

export const isNotFound = (err: unknown): boolean => asDockerError(err).statusCode === 404
