// Optional parts of a recipe, as .env.sample files offer them: a commented
// `#COMPOSE_FILE="$COMPOSE_FILE:compose.mail.yml"` line followed by the
// commented variables that go with it, up to a blank line or a "# ====="
// section header. The prose comments just above the line describe it.
// Turning one on or off only adds or removes the leading "#"s, so the file
// keeps its order and comments.

import { ApiError } from '../contract/errors'
import { commentedAssignment, scanAssignments, splitLines, type TextLine } from './env-lines'
import { t } from '../i18n/i18n'

export interface OverlayVariable {
  key: string
  /** As written, without quotes and unexpanded: "https://${DOMAIN}". */
  value: string
  commented: boolean
  line: number
}

export interface Overlay {
  /** The compose file(s) it adds, e.g. "compose.mail.yml"; unique in the file. */
  id: string
  composeFile: string
  /** "mail privatekey" for compose.mail.privatekey.yml. */
  title: string
  /** The "# =====" section it sits in, e.g. "MAIL". */
  section?: string
  description: string
  enabled: boolean
  /** False when the line lists files itself ("compose.yml:compose.smtp.yml"): turning it on drops overlays set earlier. */
  accumulates: boolean
  line: number
  variables: OverlayVariable[]
}

interface Block {
  overlay: Overlay
  /** The COMPOSE_FILE line and the variable lines, the ones a toggle changes. */
  lines: TextLine[]
}

const header = /^[ \t]*#+[ \t]*={3,}[ \t]*$/

export function findOverlays(text: string): Overlay[] {
  return scanBlocks(text).map((b) => b.overlay)
}

function scanBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const lines = splitLines(text)
  let section: string | undefined
  let prose: string[] = []
  let current: Block | undefined
  let trailingProse: string[] = []
  let expectSectionTitle = false

  const close = (): void => {
    current = undefined
    trailingProse = []
  }

  for (const l of lines) {
    const t = l.text.trim()
    if (header.test(l.text)) {
      close()
      prose = []
      expectSectionTitle = true
      continue
    }
    if (t === '') {
      close()
      prose = []
      continue
    }
    if (expectSectionTitle && t.startsWith('#')) {
      section = proseText(t)
      expectSectionTitle = false
      continue
    }
    expectSectionTitle = false

    const commented = commentedAssignment(l.text)
    const active = t.startsWith('#') ? undefined : /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/.exec(t)
    const key = commented?.key ?? active?.[1]

    if (key === 'COMPOSE_FILE') {
      const files = addedFiles(commented ? commented.body : t)
      const description = current ? trailingProse : prose
      close()
      prose = []
      if (files.length === 0) continue
      let id = files.join(':')
      for (let n = 2; blocks.some((b) => b.overlay.id === id); n++) id = `${files.join(':')}#${n}`
      current = {
        overlay: {
          id,
          composeFile: files[0],
          title: titleOf(files[0]),
          section,
          description: description.join('\n'),
          enabled: !commented,
          accumulates: /\$\{?COMPOSE_FILE\b/.test(commented ? commented.body : t),
          line: l.number,
          variables: []
        },
        lines: [l]
      }
      blocks.push(current)
      continue
    }

    if (key && current) {
      const body = commented ? commented.body : t
      current.overlay.variables.push({ key, value: rawValue(body), commented: Boolean(commented), line: l.number })
      current.lines.push(l)
      trailingProse = []
      continue
    }
    if (t.startsWith('#')) {
      if (current) trailingProse.push(proseText(t))
      else prose.push(proseText(t))
      continue
    }
    // An ordinary setting ends both a block and the prose above it.
    close()
    prose = []
  }
  return blocks
}

function proseText(commentLine: string): string {
  return commentLine.replace(/^#+[ \t]*/, '').trimEnd()
}

function addedFiles(assignment: string): string[] {
  const value = rawValue(assignment)
  return value
    .split(':')
    .map((f) => f.trim())
    .filter((f) => f !== '' && f !== 'compose.yml' && !/^\$\{?COMPOSE_FILE\}?$/.test(f))
}

function rawValue(assignment: string): string {
  const a = scanAssignments(assignment)[0]
  if (!a) return ''
  const v = assignment.slice(a.valueStart, a.valueEnd)
  return a.quote ? v.slice(1, -1) : v
}

function titleOf(composeFile: string): string {
  const base = composeFile.split('/').pop() ?? composeFile
  return base.replace(/^compose\./, '').replace(/\.ya?ml$/, '').replaceAll('.', ' ')
}

export interface SetOverlayOptions {
  /**
   * The recipe's .env.sample. Commenting a line back reuses the exact "#" or
   * "# " the sample had for it, so on-then-off gives the original bytes.
   */
  sample?: string
}

/** Uncomments (on) or comments (off) an overlay's COMPOSE_FILE line and its variables, in place. */
export function setOverlay(text: string, id: string, enabled: boolean, options: SetOverlayOptions = {}): string {
  const block = scanBlocks(text).find((b) => b.overlay.id === id)
  if (!block) throw new ApiError('overlay-unknown', t('apps.misc.noOverlay', { id }))
  const samplePrefixes = options.sample === undefined ? new Map<string, string>() : commentPrefixes(options.sample)
  const blockPrefix = block.lines.map((l) => commentedAssignment(l.text)?.prefix.trimStart()).find((p) => p !== undefined) ?? usualPrefix(text)

  let out = ''
  let from = 0
  for (const l of block.lines) {
    const commented = commentedAssignment(l.text)
    let replacement: string | undefined
    if (enabled && commented) replacement = l.text.slice(0, l.text.indexOf('#')) + commented.body
    if (!enabled && !commented) {
      const indent = /^[ \t]*/.exec(l.text)?.[0] ?? ''
      const body = l.text.slice(indent.length)
      replacement = indent + (samplePrefixes.get(body) ?? blockPrefix) + body
    }
    if (replacement === undefined) continue
    out += text.slice(from, l.start) + replacement
    from = l.end
  }
  return out + text.slice(from)
}

function commentPrefixes(sample: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const l of splitLines(sample)) {
    const c = commentedAssignment(l.text)
    if (c && !out.has(c.body)) out.set(c.body, c.prefix.trimStart())
  }
  return out
}

// Without the sample, the file's own habit: "#" or "# ", whichever its
// commented settings use more.
function usualPrefix(text: string): string {
  const counts = new Map<string, number>()
  for (const l of splitLines(text)) {
    const p = commentedAssignment(l.text)?.prefix.trimStart()
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1)
  }
  let best = '#'
  for (const [p, n] of counts) if (n > (counts.get(best) ?? 0)) best = p
  return best
}
