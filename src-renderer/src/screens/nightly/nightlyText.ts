import { newDomainProblem } from '../../../../src-main/contract/domain'
import type { NightlyDestination } from '../../../../src-main/contract/nightly'

// Pure rules of the nightly backups window (unit-tested in
// test/unit/renderer-nightly.test.ts): the person picks a time of night on
// their own clock, the bot's container counts in UTC; and the set-up form's
// checks, which mirror contract/nightly.ts's rules with words saying what to fix.

type T = (key: string, values?: Record<string, unknown>) => string

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/
const DAY = 24 * 3600_000

/** The wall clock in `timeZone` (the computer's own when undefined) at `instant`, as a UTC-based number of ms. */
function wallClock(instant: number, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant)
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'))
}

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in ms (to the minute). */
function offsetMs(instant: number, timeZone?: string): number {
  return Math.round((wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000) / 60_000) * 60_000
}

const pad = (n: number): string => String(n).padStart(2, '0')

export interface ClockOptions {
  /** The moment "tonight" is counted from (ms); now when undefined. */
  now?: number
  /** An IANA zone, e.g. "Europe/Paris"; the computer's own when undefined. */
  timeZone?: string
}

/**
 * The UTC time of day of the next `time` (HH:MM) on the person's clock:
 * "03:30" in Paris in winter is "02:30". Undefined for anything but HH:MM.
 * The next one after `now` is taken, so a change to or from summer time
 * tonight is counted.
 */
export function localToUtc(time: string, { now = Date.now(), timeZone }: ClockOptions = {}): string | undefined {
  const m = HHMM.exec(time)
  if (!m) return undefined
  const today = wallClock(now, timeZone)
  const d = new Date(today)
  let wall = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(m[1]), Number(m[2]))
  if (wall < today) wall += DAY
  // Two passes: the offset at the guessed instant, then at the instant it gives (summer time changes in between).
  let instant = wall - offsetMs(wall, timeZone)
  instant = wall - offsetMs(instant, timeZone)
  const u = new Date(instant)
  return `${pad(u.getUTCHours())}:${pad(u.getUTCMinutes())}`
}

/** The person's clock time (HH:MM) of the next `time` (HH:MM, UTC) after `now`. */
export function utcToLocal(time: string, { now = Date.now(), timeZone }: ClockOptions = {}): string | undefined {
  const m = HHMM.exec(time)
  if (!m) return undefined
  const d = new Date(now)
  let instant = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(m[1]), Number(m[2]))
  if (instant < now) instant += DAY
  const w = new Date(wallClock(instant, timeZone))
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`
}

/** The computer's time zone, for the form's hint ("Europe/Paris"); undefined when the system doesn't say. */
export function computerTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined
}

export type DestinationKind = NightlyDestination['kind']

export interface NightlyForm {
  kind: DestinationKind
  /** HH:MM on the person's clock. */
  time: string
  keep: string
  /** The backup app's address; empty: the core's default, backups.<server>. */
  domain: string
  host: string
  port: string
  user: string
  path: string
  privateKey: string
  hostKey: string
  endpoint: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
}

export type NightlyField = Exclude<keyof NightlyForm, 'kind'>
export type NightlyErrors = Partial<Record<NightlyField, string>>

export function emptyNightlyForm(): NightlyForm {
  return { kind: 'server', time: '03:30', keep: '7', domain: '', host: '', port: '22', user: '', path: '', privateKey: '', hostKey: '', endpoint: '', bucket: '', accessKeyId: '', secretAccessKey: '' }
}

// The contract's rules (contract/nightly.ts), kept in step by the unit test's property check.
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/
const USER = /^[A-Za-z0-9._-]+$/
const REMOTE_PATH = /^[^\0\n\r'"`$\\]+$/
const ONE_LINE = /^[^\0\n\r]+$/
const BUCKET = /^[A-Za-z0-9._/-]+$/
const ENDPOINT = /^https?:\/\/[^\s'"`$\\]+$/
const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s/

/** The port as typed, when it is a whole number from 1 to 65535. */
function portOf(raw: string): number | undefined {
  const s = raw.trim()
  if (!/^\d{1,5}$/.test(s)) return undefined
  const n = Number(s)
  return n >= 1 && n <= 65535 ? n : undefined
}

/** The host key line as the recipe wants it: "host ssh-ed25519 AAAA…"; a key pasted without its host gets it in front (as known_hosts writes it). */
export function hostKeyLine(raw: string, host: string, port: number): string {
  const line = raw.trim()
  if (!KEY_TYPE.test(line)) return line
  const h = host.trim()
  return `${port === 22 ? h : `[${h}]:${port}`} ${line}`
}

/**
 * The cipher an OpenSSH private key file is locked with ("none" when it has
 * no passphrase), read from its header; "none" too when the file can't be
 * read that way (a PEM key, or text the server will judge).
 */
export function openSshCipher(key: string): string {
  const m = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(key)
  if (!m) return 'none'
  let bin: string
  try {
    bin = atob(m[1].replace(/\s+/g, ''))
  } catch {
    return 'none'
  }
  const magic = 'openssh-key-v1\0'
  if (!bin.startsWith(magic) || bin.length < magic.length + 4) return 'none'
  const at = magic.length
  const len = ((bin.charCodeAt(at) << 24) | (bin.charCodeAt(at + 1) << 16) | (bin.charCodeAt(at + 2) << 8) | bin.charCodeAt(at + 3)) >>> 0
  if (len === 0 || len > 64 || at + 4 + len > bin.length) return 'none'
  return bin.slice(at + 4, at + 4 + len)
}

function validUrl(s: string): boolean {
  try {
    new URL(s)
    return true
  } catch {
    return false
  }
}

/** What is wrong with the form, field by field (empty when it can be sent). Only the chosen destination's fields are checked. */
export function checkNightlyForm(form: NightlyForm, t: T): NightlyErrors {
  const e: NightlyErrors = {}
  if (!HHMM.test(form.time)) e.time = t('nightly.invalid.time')
  const keep = form.keep.trim()
  if (!/^\d+$/.test(keep)) e.keep = t('nightly.invalid.keepNumber')
  else if (Number(keep) < 1 || Number(keep) > 365) e.keep = t('nightly.invalid.keepRange')
  // The contract's own words for an address (the new-app form's).
  const domain = form.domain.trim()
  if (domain) e.domain = newDomainProblem(domain)

  if (form.kind === 'sftp') {
    const host = form.host.trim()
    if (!host) e.host = t('nightly.invalid.hostEmpty')
    else if (host.length > 253 || !HOST.test(host)) e.host = t('nightly.invalid.host')
    if (portOf(form.port) === undefined) e.port = t('nightly.invalid.port')
    const user = form.user.trim()
    if (!user) e.user = t('nightly.invalid.userEmpty')
    else if (user.length > 64 || !USER.test(user)) e.user = t('nightly.invalid.user')
    const path = form.path.trim()
    if (!path) e.path = t('nightly.invalid.pathEmpty')
    else if (path.length > 1024 || !REMOTE_PATH.test(path)) e.path = t('nightly.invalid.path')
    const key = form.privateKey.trim()
    if (!key) e.privateKey = t('nightly.invalid.keyEmpty')
    else if (KEY_TYPE.test(key) || /\.pub$/.test(key)) e.privateKey = t('nightly.invalid.keyPublic')
    else if (!/^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(key)) e.privateKey = t('nightly.invalid.keyNotKey')
    else if (/ENCRYPTED/.test(key) || openSshCipher(key) !== 'none') e.privateKey = t('nightly.invalid.keyEncrypted')
    else if (key.length + 1 > 4096) e.privateKey = t('nightly.invalid.keyLong')
    const hostKey = form.hostKey.trim()
    if (!hostKey) e.hostKey = t('nightly.invalid.hostKeyEmpty')
    else if (/[\n\r]/.test(hostKey)) e.hostKey = t('nightly.invalid.hostKeyLines')
    else if (!/\s(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+@openssh\.com)\s+AAAA/.test(` ${hostKey}`)) e.hostKey = t('nightly.invalid.hostKey')
    else if (!e.host && hostKeyLine(hostKey, host, portOf(form.port) ?? 22).length > 8 * 1024) e.hostKey = t('nightly.invalid.hostKey')
  }

  if (form.kind === 's3') {
    const endpoint = form.endpoint.trim()
    if (!endpoint) e.endpoint = t('nightly.invalid.endpointEmpty')
    else if (!/^https?:\/\//i.test(endpoint)) e.endpoint = t('nightly.invalid.endpointScheme')
    else if (endpoint.length > 1024 || !ENDPOINT.test(endpoint) || !validUrl(endpoint)) e.endpoint = t('nightly.invalid.endpoint')
    const bucket = form.bucket.trim()
    if (!bucket) e.bucket = t('nightly.invalid.bucketEmpty')
    else if (bucket.length < 3 || bucket.length > 255 || !BUCKET.test(bucket)) e.bucket = t('nightly.invalid.bucket')
    const id = form.accessKeyId.trim()
    if (!id) e.accessKeyId = t('nightly.invalid.keyIdEmpty')
    else if (id.length > 1024 || !ONE_LINE.test(id)) e.accessKeyId = t('nightly.invalid.keyId')
    const secret = form.secretAccessKey.trim()
    if (!secret) e.secretAccessKey = t('nightly.invalid.secretEmpty')
    else if (secret.length > 4096 || !ONE_LINE.test(secret)) e.secretAccessKey = t('nightly.invalid.secret')
  }
  return e
}

export const hasErrors = (e: NightlyErrors): boolean => Object.values(e).some(Boolean)

/** The fields of the form in the order they are shown: the first one with an error takes the focus. */
export const FIELD_ORDER: readonly NightlyField[] = ['host', 'port', 'user', 'path', 'privateKey', 'hostKey', 'endpoint', 'bucket', 'accessKeyId', 'secretAccessKey', 'time', 'keep', 'domain']

/** nightly.setup's input from a form checkNightlyForm found nothing wrong with: the time in UTC, trimmed values, only the chosen destination. */
export function nightlySetupInput(
  form: NightlyForm,
  server: string,
  clock: ClockOptions = {}
): { server: string; domain?: string; destination: NightlyDestination; time: string; keep: number } {
  const time = localToUtc(form.time, clock) ?? form.time
  const keep = Number(form.keep.trim())
  let destination: NightlyDestination
  switch (form.kind) {
    case 'server':
      destination = { kind: 'server' }
      break
    case 'sftp': {
      const port = portOf(form.port) ?? 22
      destination = {
        kind: 'sftp',
        host: form.host.trim(),
        port,
        user: form.user.trim(),
        path: form.path.trim(),
        privateKey: `${form.privateKey.trim()}\n`,
        hostKey: hostKeyLine(form.hostKey, form.host, port)
      }
      break
    }
    case 's3':
      destination = { kind: 's3', endpoint: form.endpoint.trim(), bucket: form.bucket.trim(), accessKeyId: form.accessKeyId.trim(), secretAccessKey: form.secretAccessKey.trim() }
      break
  }
  const domain = form.domain.trim()
  return { server, ...(domain ? { domain } : {}), destination, time, keep }
}

export interface RecoveryKitData {
  server: string
  domain: string
  repository: string
  password: string
}

/** The recovery kit as a text file: what it is for, then the four facts. */
export function recoveryKitText(kit: RecoveryKitData, t: T): string {
  return `${t('nightly.kit.fileText', { server: kit.server, domain: kit.domain, repository: kit.repository, password: kit.password })}\n`
}

/** A file name for the kit: "recovery-kit-<server>.txt", with nothing a file system would refuse. */
export function recoveryKitFileName(server: string): string {
  return `recovery-kit-${server.replace(/[^A-Za-z0-9._-]+/g, '-')}.txt`
}
