// The env form's layout: the settings that must be decided first, then the
// rest in the sections the recipe's .env.sample marks with "# =====" comment
// headers, each key once (a sample that offers a key twice, commented out
// with two values, gets one field), with readable labels and the comments
// that read as help. Pure: everything comes in as text.

import type { EnvForm } from '../contract/apps'
import { isManagedKey, type EnvField, type EnvGroup, type EnvLayout, type EnvPart } from '../contract/env-layout'
import { parseComposeText } from '../compose/load'
import { splitLines } from './env-lines'
import { cleanHelp, readable, sectionTitle, valueNote, withoutValueNote } from './form-words'
import type { Overlay } from './overlays'
import type { RecipeFiles } from './recipe-files'
import { t } from '../i18n/i18n'

type EnvVariable = EnvForm['variables'][number]

const header = /^[ \t]*#+[ \t]*={3,}[ \t]*$/
const GENERAL = 'General'

/** Each section's first line and title: the comment line right after a "# =====" header. */
export function envSections(text: string): Array<{ line: number; title: string }> {
  const out: Array<{ line: number; title: string }> = []
  let afterHeader = false
  for (const l of splitLines(text)) {
    if (header.test(l.text)) {
      afterHeader = true
      continue
    }
    const t = l.text.trim()
    if (afterHeader && t.startsWith('#')) out.push({ line: l.number, title: sectionTitle(t) })
    if (t !== '') afterHeader = false
  }
  return out
}

function sectionAt(sections: Array<{ line: number; title: string }>, line: number): string {
  let title = GENERAL
  for (const s of sections) if (s.line < line) title = s.title
  return title
}

/** `${KEY:-default}` and `${KEY-default}` in the recipe's compose files: what applies when the env leaves KEY unset. compose.yml wins. */
export function composeDefaults(files: RecipeFiles): Map<string, string> {
  const out = new Map<string, string>()
  const names = [...files.keys()].filter((f) => /(^|\/)compose(\.[^/]*)?\.ya?ml$/.test(f)).sort((a, b) => (a === 'compose.yml' ? -1 : b === 'compose.yml' ? 1 : a.localeCompare(b)))
  for (const name of names) {
    for (const m of files.get(name)!.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}$]*)\}/g)) {
      if (!out.has(m[1])) out.set(m[1], m[2])
    }
  }
  return out
}

/** One field per key, at its first line: the active value that wins, else the sample's commented values as suggestions. */
export function foldFields(variables: readonly EnvVariable[], defaults: ReadonlyMap<string, string>): EnvField[] {
  const byKey = new Map<string, EnvVariable[]>()
  for (const v of variables) {
    if (isManagedKey(v.key)) continue
    byKey.set(v.key, [...(byKey.get(v.key) ?? []), v])
  }
  return [...byKey.entries()].map(([key, all]) => {
    const winner = all.filter((v) => !v.commented).pop()
    const defaultValue = defaults.get(key)
    const comments = [...new Set(all.map((v) => withoutValueNote(v.comment)).filter((c): c is string => Boolean(c)))]
    const help = cleanHelp(comments.join('\n'), winner || defaultValue === undefined ? {} : { knownDefault: defaultValue })
    const mentioned = (value: string): boolean => help !== undefined && new RegExp(`(^|[\\s(,])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s),.]|$)`).test(help)
    const suggestions: EnvField['suggestions'] = []
    for (const v of all) {
      if (!v.commented || v.value === '' || v.value === winner?.value || suggestions.some((s) => s.value === v.value)) continue
      const note = valueNote(v.comment)
      if (!note && (v.value === defaultValue || mentioned(v.value))) continue
      suggestions.push({ value: v.value, ...(note ? { note } : {}) })
    }
    return {
      key,
      label: readable(key),
      value: winner?.value ?? '',
      commented: !winner,
      line: all[0].line,
      ...(help ? { help } : {}),
      ...(defaultValue !== undefined ? { defaultValue } : {}),
      suggestions,
      required: winner !== undefined && winner.value === '' && !defaultValue
    }
  })
}

/** The services a compose file defines, with their images (defaults filled in): "search (valeriansaliou/sonic:v1.7.4)". */
export function composeServices(text: string | undefined, file: string): Array<{ name: string; image?: string; secrets: number; settings: number }> {
  if (text === undefined) return []
  const services = parseComposeText(text, file).loaded?.data.services
  if (!services || typeof services !== 'object') return []
  return Object.entries(services as Record<string, Record<string, unknown> | null>).map(([name, s]) => {
    const image = typeof s?.image === 'string' ? s.image.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1').replace(/\$\{[^}]*\}/g, '') : undefined
    const count = (x: unknown): number => (Array.isArray(x) ? x.length : x && typeof x === 'object' ? Object.keys(x).length : 0)
    return { name, ...(image ? { image } : {}), secrets: count(s?.secrets), settings: count(s?.environment) }
  })
}

/** The README's sentences about a part ("…the new sonic search backend…"), not its how-to lines. */
export function readmeWords(readme: string | undefined, name: string): string | undefined {
  if (!readme || name.length < 3) return undefined
  const word = new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`, 'i')
  const found: string[] = []
  for (const line of readme.split('\n')) {
    const t = line.trim()
    // Metadata ("* **Email**:"), headings, HTML comments, link targets, numbered steps.
    if (!t || /^(\*\s+\*\*|#|<!--|\[|\d+\.\s|```)/.test(t)) continue
    for (const s of t.split(/(?<=[.!?])\s+/)) {
      const plain = s.replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      if (!word.test(plain) || /COMPOSE_FILE|abra |docker |\.env\b|compose\.[\w.]+\.yml/.test(plain)) continue
      found.push(plain.replace(/^NOTE:\s*/i, '').replace(/:$/, '.'))
    }
  }
  const text = found.slice(0, 2).join(' ')
  return text ? text[0].toUpperCase() + text.slice(1) : undefined
}


/** What turning a part on adds: the sample's words, the README's, and the services it brings or changes. */
export function partOf(overlay: Overlay, fields: EnvField[], files: RecipeFiles, baseServices: ReadonlySet<string>): EnvPart {
  const ownWords = cleanHelp(overlay.description)
  // "OpenID Connect: connect as a client…": the words before the colon name the part.
  const named = /^((?:[^:.]|\.(?=\S)){3,30}):\s+(.+)$/s.exec(overlay.description.split('\n')[0] ?? '')
  const label = named ? named[1].trim().replace(/^./, (c) => c.toUpperCase()) : readable(overlay.title)
  const words = named ? cleanHelp([named[2], ...overlay.description.split('\n').slice(1)].join('\n')) : ownWords

  const services = composeServices(files.get(overlay.composeFile), overlay.composeFile)
  // A service with its own image is brought; one without only adds to a service defined elsewhere.
  const brought = services.filter((s) => !baseServices.has(s.name) && s.image)
  const changed = services.filter((s) => !brought.includes(s))
  const sentences: string[] = []
  if (words) sentences.push(words)
  const readme = readmeWords(files.get('README.md'), overlay.title.split(' ').pop() ?? overlay.title)
  if (readme && readme !== words) sentences.push(t('apps.form.readme', { readme }))
  const named2 = brought.map((s) => (s.image ? `${s.name} (${s.image})` : s.name))
  if (brought.length > 0) sentences.push(t('apps.form.runsMore', { count: brought.length, names: named2.join(', ') }))
  for (const s of changed) {
    const gives = [s.secrets ? t('apps.form.secrets', { count: s.secrets }) : '', s.settings ? t('apps.form.settings', { count: s.settings }) : ''].filter(Boolean)
    const given = gives.length === 2 ? t('apps.form.both', { a: gives[0], b: gives[1] }) : gives[0]
    sentences.push(given ? t('apps.form.gives', { name: s.name, gives: given }) : t('apps.form.changes', { name: s.name }))
  }
  if (sentences.length === 0) sentences.push(t('apps.form.changesApp', { file: overlay.composeFile }))
  return { id: overlay.id, composeFile: overlay.composeFile, label, adds: sentences.join(' '), services: named2, fields }
}

export interface LayoutInput {
  envText: string
  /** Every variable in the file, overlays' included, with its comment (form.ts envVariables). */
  variables: readonly EnvVariable[]
  overlays: readonly Overlay[]
  files: RecipeFiles
}

/** Essentials first, then each section of the sample with its fields and optional parts, in the sample's order. */
export function layoutForm({ envText, variables, overlays, files }: LayoutInput): EnvLayout {
  const defaults = composeDefaults(files)
  const sections = envSections(envText)
  const overlayLines = new Map<number, string>()
  for (const o of overlays) for (const v of o.variables) overlayLines.set(v.line, o.id)
  const inOverlay = new Set(overlays.map((o) => o.line))

  const plain = variables.filter((v) => !overlayLines.has(v.line) && !inOverlay.has(v.line))
  const fields = foldFields(plain, defaults)
  const essentials = fields.filter((f) => f.required)
  const baseServices = new Set(composeServices(files.get('compose.yml'), 'compose.yml').map((s) => s.name))

  const groups = new Map<string, EnvGroup>()
  const groupFor = (line: number): EnvGroup => {
    const title = sectionAt(sections, line)
    let g = groups.get(title)
    if (!g) groups.set(title, (g = { title, fields: [], parts: [] }))
    return g
  }
  // Walk in file order so groups come in the sample's order.
  const items: Array<{ line: number; add: () => void }> = [
    ...fields.filter((f) => !f.required).map((f) => ({ line: f.line, add: () => groupFor(f.line).fields.push(f) })),
    ...overlays.map((o) => ({
      line: o.line,
      add: () => {
        const own = variables.filter((v) => overlayLines.get(v.line) === o.id)
        groupFor(o.line).parts.push(partOf(o, foldFields(own, defaults), files, baseServices))
      }
    }))
  ].sort((a, b) => a.line - b.line)
  for (const i of items) i.add()
  const domainComments = plain.filter((v) => v.key === 'DOMAIN').map((v) => withoutValueNote(v.comment))
  const domainHelp = cleanHelp([...new Set(domainComments.filter((c): c is string => Boolean(c)))].join('\n'))
  return { ...(domainHelp ? { domainHelp } : {}), essentials, groups: [...groups.values()] }
}
