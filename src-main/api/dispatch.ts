import { isMethodName, methods, type MethodName, type Result } from '../contract/contract'
import { ApiError, toErrorBody } from '../contract/errors'
import type { z } from 'zod'
import { t } from '../i18n/i18n'
import type { Client } from './client'

// What every transport (IPC, browser mode, CLI) calls. It owns validation so
// no transport can forget it, and it never throws: a bad request becomes a
// typed error, never a crash.

// `client` is who called (see client.ts); handlers that open something only
// that client uses (logs, terminals) close it when the client goes. Without
// one, what is opened lives until the core closes.
export type Handlers = {
  [M in MethodName]: (
    input: z.output<(typeof methods)[M]['input']>,
    client?: Client
  ) => Promise<z.input<(typeof methods)[M]['output']>>
}

export async function dispatch(handlers: Handlers, method: unknown, rawInput: unknown, client?: Client): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: new ApiError('invalid-request', t('api.noSuchMethod', { method: String(method).slice(0, 80) })).toBody() }
  }
  const parsed = methods[method].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    // The schemas word their issues in the language in force (the
    // contract's words, zod's locale: see setLanguage). Zod's words can carry the input itself (every unrecognized key, a key
    // of any length in the path): a short excerpt, and the first few issues.
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: excerpt(i.path.join('.')), message: excerpt(i.message) }))
    const first = issues[0]
    const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : t('api.invalidRequest')
    return { ok: false, error: new ApiError('invalid-request', message, undefined, { issues }).toBody() }
  }
  try {
    const handler = handlers[method] as (input: unknown, client?: Client) => Promise<unknown>
    // Handed on only when there is one, so a handler sees exactly what it was given.
    return { ok: true, value: await (client ? handler(parsed.data, client) : handler(parsed.data)) }
  } catch (err) {
    return { ok: false, error: toErrorBody(err, method) }
  }
}

const MAX_ISSUES = 20
const EXCERPT = 200

function excerpt(words: string): string {
  return words.length > EXCERPT ? `${words.slice(0, EXCERPT)}…` : words
}
