// The env form: what a person sees and edits of an app's env file, built
// from the text and the recipe's files at one version. Pure: the recipe's
// files come in as a map, so any version can be shown without a checkout.
import path from 'node:path'
import type { EnvForm } from '../contract/apps'
import type { Diagnostic } from '../compose/diagnostics'
import { stackNameFor } from '../compose/env'
import type { Config } from '../compose/model'
import { loadStackConfig } from '../compose/pipeline'
import { envProblems } from './env-file'
import { commentedAssignment, scanAssignments, splitLines } from './env-lines'
import { layoutForm } from './form-layout'
import { findOverlays } from './overlays'
import { fileReader, type RecipeFiles } from './recipe-files'
import { findSecrets } from './secrets'

type EnvVariable = EnvForm['variables'][number]

const sectionHeader = /^[ \t]*#+[ \t]*={3,}[ \t]*$/

/**
 * Every assignment, active or commented, in file order, with the prose
 * comment lines right above it (a blank line or a "# =====" header ends a
 * comment), and those right below it that name it. Values are as written, without quotes and unexpanded, the way
 * overlays report theirs.
 */
export function envVariables(text: string): EnvVariable[] {
  const active = new Map(scanAssignments(text).map((a) => [a.line, a]))
  const out: EnvVariable[] = []
  let prose: string[] = []
  let skipUntil = 0
  // The variable on the line just above, while comment lines right below it
  // name it: bonfire's "DOMAIN=…" is followed by "# DO NOT CHANGE DOMAIN
  // AFTER DEPLOYMENT!", which is about DOMAIN, not about EXTRA_DOMAINS below.
  let above: number | undefined
  for (const l of splitLines(text)) {
    if (l.number <= skipUntil) continue
    const t = l.text.trim()
    const a = active.get(l.number)
    if (a) {
      const raw = text.slice(a.valueStart, a.valueEnd)
      above = out.push(variable(a.key, a.quote ? raw.slice(1, -1) : raw, false, l.number, prose)) - 1
      prose = []
      // A quoted value may run over several lines; none of them is a comment.
      skipUntil = lineOf(text, a.end)
      continue
    }
    const c = commentedAssignment(l.text)
    if (c) {
      const first = scanAssignments(c.body)[0]
      const raw = first ? c.body.slice(first.valueStart, first.valueEnd) : ''
      above = out.push(variable(c.key, first?.quote ? raw.slice(1, -1) : raw, true, l.number, prose)) - 1
      prose = []
      continue
    }
    if (t === '' || sectionHeader.test(l.text) || !t.startsWith('#')) {
      prose = []
      above = undefined
      continue
    }
    const line = t.replace(/^#+[ \t]*/, '').trimEnd()
    if (above !== undefined && prose.length === 0 && namesKey(line, out[above].key)) {
      const v = out[above]
      out[above] = { ...v, comment: v.comment ? `${v.comment}\n${line}` : line }
      continue
    }
    above = undefined
    prose.push(line)
  }
  return out
}

/** Whether a comment line names the variable KEY as a word ("… DOMAIN AFTER …", not "EXTRA_DOMAINS"). */
function namesKey(line: string, key: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${key}([^A-Za-z0-9_]|$)`).test(line)
}

function variable(key: string, value: string, commented: boolean, line: number, prose: string[]): EnvVariable {
  const comment = prose.join('\n')
  return { key, value, commented, line, ...(comment ? { comment } : {}) }
}

function lineOf(text: string, offset: number): number {
  let n = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++
  return n
}

// The pipeline checks that config and secret files exist on disk, where the
// checkout may be at another version; here they are checked in the version's files.
const fileCheckPath = /^(secrets|configs)\.[^.]+\.file$/

function isFileCheck(d: Diagnostic): boolean {
  return d.path !== undefined && fileCheckPath.test(d.path) && /which (does not exist|is a folder)/.test(d.message)
}

function fileChecks(config: Config | undefined, recipeDir: string, files: RecipeFiles): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [kind, objs] of [['secrets', config?.secrets], ['configs', config?.configs]] as const) {
    for (const [name, obj] of Object.entries(objs ?? {})) {
      if (obj.external || obj.driver || !obj.file) continue
      const rel = path.relative(recipeDir, obj.file).split(path.sep).join('/')
      if (files.has(rel)) continue
      const folder = [...files.keys()].some((f) => f.startsWith(`${rel}/`))
      // Not translated: recipe-gaps.ts reads the missing file's name from these words (its own message is).
      out.push({
        severity: 'error',
        path: `${kind}.${name}.file`,
        message: `\`${kind}.${name}.file\` is ${rel}, which ${folder ? 'is a folder, not a file' : 'this version of the recipe does not have'}.`
      })
    }
  }
  return out
}

/** The variables the compose files read bare but the env leaves unset, from the interpolation warnings. */
export function missingVariables(diagnostics: Diagnostic[]): string[] {
  const names = new Set<string>()
  for (const d of diagnostics) {
    const m = /uses ([A-Za-z_][A-Za-z0-9_]*), which is not set/.exec(d.message) ?? /required variable ([A-Za-z_][A-Za-z0-9_]*) is not set/.exec(d.message)
    if (m) names.add(m[1])
  }
  return [...names]
}

export interface FormInput {
  envText: string
  /** Where the recipe would be checked out: paths in messages and the pipeline are relative to it. */
  recipeDir: string
  files: RecipeFiles
  domain?: string
}

export function buildForm({ envText, recipeDir, files, domain }: FormInput): EnvForm {
  const overlays = findOverlays(envText)
  const inOverlay = new Set(overlays.flatMap((o) => [o.line, ...o.variables.map((v) => v.line)]))

  const syntax: Diagnostic[] = envProblems(envText).map((p) => ({ severity: p.severity, file: '.env', ...(p.line ? { line: p.line } : {}), message: p.message }))
  const broken = syntax.some((d) => d.severity === 'error')
  // A file that would not load is not rendered: its values would be half read.
  const rendered = broken
    ? undefined
    : loadStackConfig({ recipeDir, envText, envFile: domain ? `${domain}.env` : '.env', abraShText: files.get('abra.sh'), domain, readText: fileReader(recipeDir, files) })
  const renderDiagnostics = rendered ? [...rendered.diagnostics.filter((d) => !isFileCheck(d)), ...fileChecks(rendered.config, recipeDir, files)] : []
  const stackName = rendered?.stackName || (domain ? stackNameFor(domain) : '')

  const composeSecrets = rendered?.config ? Object.keys(rendered.config.secrets ?? {}) : undefined
  const secrets = broken
    ? []
    : findSecrets(envText, { composeSecrets, ...(stackName ? { stackName } : {}) }).map((s) => ({
        name: s.name,
        envKey: s.envKey,
        version: s.version,
        swarmName: s.swarmName,
        ...(s.length === undefined ? {} : { length: s.length }),
        charset: s.charset,
        generate: s.generate,
        tooLong: s.tooLong
      }))

  const allVariables = envVariables(envText)
  return {
    envText,
    variables: allVariables.filter((v) => !inOverlay.has(v.line)),
    overlays: overlays.map((o) => ({
      id: o.id,
      composeFile: o.composeFile,
      title: o.title,
      ...(o.section ? { section: o.section } : {}),
      description: o.description,
      enabled: o.enabled,
      variables: o.variables.map((v) => ({ key: v.key, value: v.value, commented: v.commented, line: v.line }))
    })),
    secrets,
    problems: [...syntax, ...renderDiagnostics],
    missing: missingVariables(renderDiagnostics),
    stackName,
    layout: layoutForm({ envText, variables: allVariables, overlays, files })
  }
}
