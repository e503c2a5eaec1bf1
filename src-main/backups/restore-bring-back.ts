// Bringing the services a restore stopped back to what they ran before,
// whatever ended the restore (Cancel, the stop timeout, a failed write, a
// dropped connection). Each one is tried; while the server can't be reached
// it waits for the connection to come back (the link reconnects by itself)
// and tries again, for a bounded time. Then it looks at what really runs, so
// the user is told the truth, never "started again" on faith.
import type Docker from 'dockerode'
import { asDockerError } from '../apps/list-docker'
import { ApiError, errorWords } from '../contract/errors'
import { runningNow, scaleUp, type Scaled } from './restore-scale'
import { t } from '../i18n/i18n'

export const RETRY_MS = 180_000

export interface BackState {
  name: string
  wanted: number
  /** Containers running when last looked at; undefined if nobody could look. */
  running?: number
  /** Why it is not (all) running, in words. */
  problem?: string
}

export interface BringBackOptions {
  /** Resolves once the server can be reached again (bounded by the connection itself). */
  reconnect(): Promise<void>
  log(text: string): void
  /** How long to keep trying while the server can't be reached. */
  retryMs?: number
  /** How long to wait for the containers to run; 0 leaves the check to the caller. */
  verifyMs: number
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The engine answered and refused: trying again won't change its mind. */
function final(err: unknown): boolean {
  if (err instanceof ApiError) return true
  const code = asDockerError(err).statusCode
  return code !== undefined && code >= 400 && code < 500
}

const containers = (n: number): string => t('backups.restore.containers', { count: n })

export async function bringBack(docker: Docker, scaled: Scaled[], opts: BringBackOptions): Promise<BackState[]> {
  const retryUntil = Date.now() + (opts.retryMs ?? RETRY_MS)
  const failed = new Map<string, unknown>()
  let pending = [...scaled]
  let waitedOnce = false
  while (pending.length) {
    const next: Scaled[] = []
    for (const s of pending) {
      try {
        await scaleUp(docker, s)
        failed.delete(s.name)
        opts.log(`${t('backups.restore.askedStart', { name: s.name, containers: containers(s.replicas) })}\n`)
      } catch (err) {
        failed.set(s.name, err)
        if (!final(err)) next.push(s)
      }
    }
    pending = next
    if (!pending.length || Date.now() >= retryUntil) break
    if (!waitedOnce) {
      const err = failed.get(pending[0].name)
      opts.log(`${t('backups.restore.unreachable', { names: pending.map((s) => s.name).join(', '), why: errorWords(err), seconds: Math.round((retryUntil - Date.now()) / 1000) })}\n`)
      waitedOnce = true
    }
    // The connection bounds its own wait; a short pause keeps a refusing server from being hammered.
    await opts.reconnect().catch(() => undefined)
    await sleep(Math.min(2000, Math.max(0, retryUntil - Date.now())))
  }

  const states: BackState[] = scaled.map((s) => {
    const err = failed.get(s.name)
    return err ? { name: s.name, wanted: s.replicas, problem: `it could not be started again: ${errorWords(err)}` } : { name: s.name, wanted: s.replicas }
  })
  if (opts.verifyMs <= 0) return states

  // Started, but is it running? Look until every container runs, or the time is up.
  const checkUntil = Date.now() + opts.verifyMs
  for (;;) {
    for (const st of states) {
      if (failed.has(st.name)) continue
      try {
        const now = await runningNow(docker, st.name)
        st.running = now.running
        st.problem = now.running >= st.wanted ? undefined : now.problem ? `the server says: ${now.problem}` : undefined
      } catch (err) {
        st.running = undefined
        st.problem = `whether it runs is not known: the server could not be asked (${errorWords(err)})`
      }
    }
    const waiting = states.filter((st) => !failed.has(st.name) && (st.running ?? -1) < st.wanted)
    if (!waiting.length || Date.now() >= checkUntil) break
    await sleep(1000)
  }
  for (const st of states) {
    if (failed.has(st.name) || st.running === undefined || st.running >= st.wanted) continue
    st.problem = `${st.running} of ${containers(st.wanted)} running after ${Math.round(opts.verifyMs / 1000)} seconds${st.problem ? ` (${st.problem})` : ''}`
  }
  return states
}

/** Every service runs as many containers as before the restore. */
export const allBack = (states: BackState[]): boolean => states.every((s) => !s.problem && s.running !== undefined && s.running >= s.wanted)

/** What runs now, in words: "The services were started again." only when every one was seen running. */
export function backWords(states: BackState[], domain: string): string {
  if (!states.length) return t('backups.restore.noneStopped')
  const running = states.filter((s) => !s.problem && s.running !== undefined && s.running >= s.wanted)
  const notRunning = states.filter((s) => !running.includes(s))
  const runningWords = running.map((s) => t('backups.restore.runningOf', { name: s.name, running: s.running, containers: containers(s.wanted) })).join(', ')
  if (!notRunning.length) return t('backups.restore.allBack', { running: runningWords })
  return [
    running.length ? t('backups.restore.runningAgain', { running: runningWords }) : '',
    t('backups.restore.notRunning', { services: notRunning.map((s) => `${s.name}: ${s.problem ?? t('backups.restore.stateUnknown')}`).join('; ') }),
    t('backups.restore.startThem', { count: notRunning.length, domain })
  ]
    .filter(Boolean)
    .join(' ')
}
