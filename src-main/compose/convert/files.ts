// What secrets and configs have in common (docker/cli
// cli/compose/convert/compose.go fileObjectConfig, service.go
// convertFileObject, cli/command/service/parse.go ParseSecrets/ParseConfigs).

import { isAbsolute, resolve } from 'node:path'
import { readBounded, sizeWords } from '../../core/limits'
import { excerpt } from '../diagnostics'
import type { Json } from '../objects'
import type { FileObjectConfig, FileReferenceConfig } from '../model'
import { DEFAULT_OUTSIDE_FILES, insideFolder, outsideWords } from '../outside-files'
import type { ConvertContext } from './context'
import { goCompare, goSortStable } from './gosort'
import { addStackLabel, jsonObject, scope } from './names'
import { t } from '../../i18n/i18n'

export type FileKind = 'secret' | 'config'

// Swarm's own limits (swarmkit's MaxSecretSize and MaxConfigSize): a bigger
// file would be refused by the server anyway, so it is not read whole here.
const MAX_BYTES: Record<FileKind, number> = { secret: 500 * 1024, config: 1000 * 1024 }

/** The engine name of a secret/config key: its `name:` or `<stack>_<key>`. */
export function fileObjectName(ctx: ConvertContext, key: string, obj: FileObjectConfig): string {
  if (obj.name) return obj.name
  // docker's loader gives external objects their key as name.
  return obj.external ? key : scope(ctx.namespace, key)
}

/** The file's bytes as base64, or undefined (after an error) when it cannot be read. */
function readData(ctx: ConvertContext, kind: FileKind, key: string, obj: FileObjectConfig, path: string): string | undefined {
  if (!obj.file) {
    ctx.error(path, t('compose.convert.needsFile', { kind, key }))
    return undefined
  }
  const file = isAbsolute(obj.file) ? obj.file : resolve(ctx.recipeDir, obj.file)
  // normalize made the name absolute; the message shows it as the recipe wrote it when it can.
  const named = file.startsWith(ctx.recipeDir + '/') ? file.slice(ctx.recipeDir.length + 1) : obj.file
  if (!insideFolder(ctx.recipeDir, file)) {
    const mode = ctx.outsideFiles ?? DEFAULT_OUTSIDE_FILES
    const words = outsideWords(t('compose.convert.fileOf', { kind, key: excerpt(key) }), named, mode)
    if (mode === 'refuse') {
      ctx.error(`${path}.file`, words)
      return undefined
    }
    ctx.warn(`${path}.file`, words)
  }
  try {
    return readBounded(file, MAX_BYTES[kind]).toString('base64')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? t('compose.convert.doesNotExist')
        : code === 'EISDIR'
          ? t('compose.convert.isDirectory')
          : code === 'E2BIG'
            ? t('compose.convert.tooBig', { size: sizeWords(MAX_BYTES[kind]), kind })
            : (err as Error).message
    ctx.error(`${path}.file`, t('compose.convert.cannotRead', { kind, key: excerpt(key), file: excerpt(named), why }))
    return undefined
  }
}

/**
 * Body of POST /secrets/create or /configs/create for every non-external
 * object the file defines; docker creates them whether a service uses them
 * or not.
 */
export function convertFileObjects(
  ctx: ConvertContext,
  kind: FileKind,
  defs: Record<string, FileObjectConfig> | undefined
): { name: string; spec: { [key: string]: Json } }[] {
  const out: { name: string; spec: { [key: string]: Json } }[] = []
  for (const [key, obj] of Object.entries(defs ?? {})) {
    if (obj.external) continue
    const path = `${kind}s.${key}`
    const name = fileObjectName(ctx, key, obj)
    const withDriver = kind === 'secret' && !!obj.driver
    // A driver secret has no data (docker sends an empty, hence omitted, Data).
    const data = withDriver ? '' : readData(ctx, kind, key, obj, path)
    if (data === undefined) continue
    out.push({
      name,
      spec: jsonObject({
        Name: name,
        Labels: addStackLabel(ctx.namespace, obj.labels),
        Data: data || undefined,
        Driver: withDriver ? jsonObject({ Name: obj.driver, Options: nonEmptyOptions(obj.driver_opts) }) : undefined,
        Templating: obj.template_driver ? { Name: obj.template_driver } : undefined
      })
    })
  }
  out.sort((a, b) => goCompare(a.name, b.name))
  return out
}

function nonEmptyOptions(map: Record<string, string> | undefined): Record<string, string> | undefined {
  return map && Object.keys(map).length > 0 ? map : undefined
}

export interface FileReference {
  File: { Name: string; UID: string; GID: string; Mode: number }
  /** The engine name; apply resolves it to SecretID/ConfigID. */
  name: string
  external: boolean
}

/**
 * A service's secret/config references: target defaults to the key, uid and
 * gid to "0", mode to 0444; sorted by name (stable). Two references with the
 * same target are an error, as in docker.
 */
export function convertFileReferences(
  ctx: ConvertContext,
  kind: FileKind,
  refs: FileReferenceConfig[] | undefined,
  defs: Record<string, FileObjectConfig> | undefined,
  servicePath: string
): FileReference[] {
  const out: FileReference[] = []
  const targets = new Set<string>()
  for (const ref of refs ?? []) {
    // normalize records each reference's position under its source.
    const path = `${servicePath}.${kind}s.${ref.source}`
    const obj = defs?.[ref.source]
    if (!obj) {
      ctx.error(path, t('compose.convert.undefinedRef', { kind, name: ref.source }))
      continue
    }
    const target = ref.target || ref.source
    const name = fileObjectName(ctx, ref.source, obj)
    if (targets.has(target)) {
      ctx.error(path, t('compose.convert.duplicateTarget', { kind, target, name }))
      continue
    }
    targets.add(target)
    out.push({
      File: { Name: target, UID: ref.uid || '0', GID: ref.gid || '0', Mode: ref.mode ?? 0o444 },
      name,
      external: !!obj.external
    })
  }
  return goSortStable(out, (a, b) => goCompare(a.name, b.name) < 0)
}
