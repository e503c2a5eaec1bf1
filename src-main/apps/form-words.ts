// Words for the env form: readable labels from variable names, and the
// recipe's comments kept as help only where they read as help. Pure.
import { t } from '../i18n/i18n'

// Words that read wrong in lower case. Everything else is lower-cased.
const WORDS: Record<string, string> = {
  API: 'API',
  ARN: 'ARN',
  AWS: 'AWS',
  CPU: 'CPU',
  DB: 'DB',
  DNS: 'DNS',
  DSN: 'DSN',
  GITHUB: 'GitHub',
  HTTP: 'HTTP',
  HTTPS: 'HTTPS',
  ID: 'ID',
  IFRAME: 'iframe',
  IMAP: 'IMAP',
  IP: 'IP',
  JWT: 'JWT',
  LDAP: 'LDAP',
  LETS: 'Let’s',
  ENCRYPT: 'Encrypt',
  ENV: 'environment',
  OAUTH: 'OAuth',
  OIDC: 'OIDC',
  OPENID: 'OpenID',
  ORCID: 'ORCID',
  OTEL: 'OpenTelemetry',
  PW: 'password',
  RAM: 'RAM',
  S3: 'S3',
  SMTP: 'SMTP',
  SSL: 'SSL',
  SSO: 'SSO',
  TLS: 'TLS',
  TTL: 'TTL',
  UI: 'UI',
  URI: 'URI',
  URL: 'URL',
  BASICAUTH: 'basic auth',
  PRIVATEKEY: 'private key',
  TOKENFILE: 'token file',
  WEBPUSH: 'web push'
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s
}

/** "DB_MEMORY_LIMIT" → "DB memory limit"; "compose.mail.privatekey" words → "Mail private key". */
export function readable(name: string): string {
  const words = name.split(/[\s_.-]+/).filter(Boolean)
  if (words.length === 0) return name
  return capitalise(words.map((w) => WORDS[w.toUpperCase()] ?? w.toLowerCase()).join(' '))
}

/** A section title ("DATABASE CONFIG", "BASIC_AUTH") in sentence case, acronyms kept. */
export function sectionTitle(raw: string): string {
  const t = raw.replace(/^#+\s*/, '').replace(/[:=#\s]+$/, '').trim()
  return shouting(t) || !/[a-z]/.test(t) ? readable(t) : capitalise(t)
}

// A sentence in capitals ("DO NOT CHANGE DOMAIN AFTER DEPLOYMENT!!") is a
// shout; a few capitals (MAIL, SMTP) in a sentence are not.
function shouting(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '')
  const upper = s.replace(/[^A-Z]/g, '')
  return letters.length >= 12 && upper.length / letters.length > 0.7
}

// "DO NOT CHANGE DOMAIN AFTER DEPLOYMENT! WILL BREAK FEDERATION!!" →
// "Note: do not change domain after deployment — will break federation."
function calm(line: string): string {
  // Judged without the words about the file, which are dropped later: a
  // shout followed by "uncomment" is still a shout.
  if (!shouting(line.replace(FILE_TALK_ALL, ''))) return line.replace(/\bNOT\b/g, 'not')
  const parts = line.toLowerCase().split(/[!.]+\s*/).map((p) => p.trim()).filter(Boolean)
  return t('apps.misc.note', { text: parts.join(' — ') })
}

// Four or more words in capitals in a row: read as shouting wherever they are.
const CAPS_RUN = /\b[A-Z]{2,}(?:\s+[A-Z]{2,}){3,}\b/g

// Abbreviations whose full stop doesn't end a sentence.
const ABBREVIATIONS = /\b(?:e\.g|i\.e|eg|ie|etc|vs)\.$/i

function sentences(text: string): string[] {
  const out: string[] = []
  let current = ''
  for (const piece of text.split(/(?<=[.!?])\s+|\s+(?=NOTE:)/)) {
    current = current ? `${current} ${piece}` : piece
    if (!ABBREVIATIONS.test(current)) {
      out.push(current)
      current = ''
    }
  }
  if (current) out.push(current)
  return out.map((s) => s.trim()).filter(Boolean)
}

// About editing the file, not the setting: "uncomment…", "the COMPOSE_FILE line".
const FILE_TALK = /\b(?:un)?comment(?:ed|ing)?\b|\bCOMPOSE_FILE\b|\.env\b/i
const FILE_TALK_ALL = new RegExp(FILE_TALK.source, 'gi')

function keepClauses(sentence: string): string | undefined {
  if (!FILE_TALK.test(sentence)) return sentence
  // "uncomment to run a version…" says what the setting is for: keep that part.
  const purpose = /^(?:un)?comment(?:\s+(?:this|it|the line|below))?\s+(?:in order\s+)?to\s+(.+)$/i.exec(sentence)
  if (purpose && !FILE_TALK.test(purpose[1])) return t('apps.misc.useThisTo', { purpose: purpose[1] })
  // Else drop only the clauses about the file: "…you choose, and uncomment the COMPOSE_FILE line…".
  const clauses = sentence.split(/,\s+and\s+|;\s+|,\s+(?=then\b)/)
  const kept = clauses.filter((c) => !FILE_TALK.test(c))
  if (kept.length === 0 || !sentence.startsWith(kept[0])) return undefined
  return kept.join(', ')
}

export interface HelpOptions {
  /** The default the form states itself; "default: x" in the comment then goes, so the two never disagree. */
  knownDefault?: string
}

/**
 * The recipe's comment as help, or undefined when nothing in it reads as
 * help. Drops instructions about the file ("uncomment to…"), calms shouting
 * ("DO NOT CHANGE DOMAIN AFTER DEPLOYMENT!!"), drops a "default: x" the form
 * states itself, and ends each sentence with a full stop.
 */
export function cleanHelp(comment: string | undefined, options: HelpOptions = {}): string | undefined {
  if (!comment) return undefined
  const out: string[] = []
  for (const line of comment.split('\n')) {
    // "^ can be code…" points at a line above; a line of symbols is a ruler.
    const text = calm(line.replace(/`/g, '').trim())
    if (!text || text.startsWith('^') || !/[A-Za-z]/.test(text)) continue
    for (const raw of sentences(text)) {
      let s = keepClauses(raw.replace(/^NOTE:/, 'Note:'))
      if (s === undefined) continue
      if (options.knownDefault !== undefined) s = s.replace(/(?:^|[,;]?\s*)\bdefault(?:\s+is|:)\s*[^,;.—]*/gi, '')
      s = s
        .replace(/!{2,}/g, '!')
        .replace(/^[\s,;:—-]+/, '')
        .replace(/[\s,;—-]+$/, '')
        .trim()
      if (!/[A-Za-z]/.test(s)) continue
      // What is left of a shout once its other words went (a dropped
      // "default: …", "uncomment") is not shown in capitals either.
      s = capitalise(s.replace(CAPS_RUN, (run) => run.toLowerCase())).replace(/:$/, '')
      out.push(/[.!?)]$/.test(s) ? s : `${s}.`)
    }
  }
  return out.length > 0 ? out.join(' ') : undefined
}

/** A comment's last line when it labels the value below it ("For ARM or x86:"), without the colon. */
export function valueNote(comment: string | undefined): string | undefined {
  const last = comment?.split('\n').pop()?.trim()
  if (!last || !last.endsWith(':') || last.length > 40 || FILE_TALK.test(last)) return undefined
  return last.slice(0, -1).trim()
}

/** The comment without its value-labelling last line. */
export function withoutValueNote(comment: string | undefined): string | undefined {
  if (valueNote(comment) === undefined) return comment
  const lines = comment!.split('\n')
  return lines.slice(0, -1).join('\n') || undefined
}
