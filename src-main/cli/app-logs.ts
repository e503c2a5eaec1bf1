import type { Core } from '../core/core'
import { parse } from './args'
import { findApp } from './app-find'
import { UsageError } from './errors'
import { t } from '../i18n/i18n'
import { call, print } from './io'

// app logs <domain> [--service S] [--tail N] [--follow]
export async function logs(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    server: { type: 'string' },
    service: { type: 'string' },
    tail: { type: 'string' },
    follow: { type: 'boolean', short: 'f' }
  })
  if (positionals.length > 1) throw new UsageError(t('cli.logs.oneDomain', { got: positionals.join(' ') }))
  const tail = values.tail === undefined ? 200 : Number(values.tail)
  if (values.tail !== undefined && (!/^\d+$/.test(values.tail) || tail > 10000)) throw new UsageError(t('cli.logs.badTail', { value: values.tail }))
  const app = await findApp(core, positionals[0], values.server)

  let streamId: string | undefined
  const early: Array<[string, unknown]> = []
  let finish: (code: number) => void = () => {}
  const done = new Promise<number>((resolve) => (finish = resolve))
  const atLineStart = new Map<string, boolean>()

  const handle = (event: string, payload: unknown): void => {
    if (event === 'stream.data') {
      const { data, service } = payload as { data: string; service?: string }
      process.stdout.write(values.service || !service ? data : prefixed(data, service, atLineStart))
    } else if (event === 'stream.end') {
      const { error } = payload as { error?: string }
      if (error) void print(error, process.stderr).then(() => finish(1))
      else finish(0)
    }
  }
  // Listening starts first so the first lines can't slip past.
  const off = core.events.subscribe((event, payload) => {
    if (event !== 'stream.data' && event !== 'stream.end') return
    const id = (payload as { streamId: string }).streamId
    if (streamId === undefined) early.push([event, payload])
    else if (id === streamId) handle(event, payload)
  })
  let stops = 0
  const onSigint = (): void => {
    // A second Ctrl-C means "now", even if the server doesn't answer.
    if (++stops > 1 || streamId === undefined) return finish(130)
    void call(core, 'streams.stop', { streamId })
      .catch(() => undefined)
      .then(() => finish(0))
  }
  process.on('SIGINT', onSigint)
  try {
    streamId = (await call(core, 'apps.logs', { ...app, service: values.service, tail, follow: Boolean(values.follow) })).streamId
    for (const [event, payload] of early) if ((payload as { streamId: string }).streamId === streamId) handle(event, payload)
    const code = await done
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
    return code
  } finally {
    off()
    process.off('SIGINT', onSigint)
  }
}

// "app | line", the way `docker service logs` names the service on every line.
function prefixed(data: string, service: string, atLineStart: Map<string, boolean>): string {
  let out = ''
  let start = atLineStart.get(service) ?? true
  for (const part of data.split(/(?<=\n)/)) {
    out += (start ? `${service} | ` : '') + part
    start = part.endsWith('\n')
  }
  atLineStart.set(service, start)
  return out
}
