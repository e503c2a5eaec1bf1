// Docker's answers about secrets, in words for the person at the screen. The
// raw answer goes in `detail`; secret values never appear in either.
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'

export interface DockerHttpError {
  statusCode?: number
  json?: { message?: string } | null
  message?: string
}

export function dockerMessage(err: unknown): string {
  const e = err as DockerHttpError
  const raw = e?.json?.message ?? e?.message ?? String(err)
  return raw.trim()
}

export const isNotFound = (err: unknown): boolean => (err as DockerHttpError)?.statusCode === 404

export function isAlreadyExists(err: unknown): boolean {
  const e = err as DockerHttpError
  return e?.statusCode === 409 || /AlreadyExists|already exists/i.test(dockerMessage(err))
}

/** abra's AlreadyExists case: the secret is there, and left as it was. */
export function secretExistsError(name: string, swarmName: string): ApiError {
  return new ApiError(
    'secret-exists',
    t('apps.secrets.exists', { name, swarmName }),
    undefined,
    { name, swarmName }
  )
}

export function notManagerHint(msg: string): string | undefined {
  if (/not a swarm manager|swarm mode|not part of a swarm/i.test(msg)) {
    return t('apps.secrets.notManager')
  }
  return undefined
}

export function createFailedError(name: string, swarmName: string, err: unknown): ApiError {
  const msg = dockerMessage(err)
  return new ApiError(
    'secret-create-failed',
    notManagerHint(msg) ?? t('apps.secrets.createFailed', { name, swarmName }),
    msg,
    { name, swarmName }
  )
}

export function inUseError(name: string, swarmName: string, users: string[], err?: unknown): ApiError {
  return new ApiError(
    'secret-in-use',
    users.length ? t('apps.secrets.inUseBy', { name, swarmName, users: users.join(', ') }) : t('apps.secrets.inUse', { name, swarmName }),
    err ? dockerMessage(err) : undefined,
    { name, swarmName, users }
  )
}

/** Docker's "secret 'x' is in use by the following service: a, b". */
export function inUseBy(err: unknown): string[] | undefined {
  const m = /in use by the following services?: (.+)$/i.exec(dockerMessage(err))
  return m ? m[1].split(/,\s*/).map((s) => s.trim()).filter(Boolean) : undefined
}
