// A recipe's files as of one version, read from git objects rather than the
// checkout: the env form renders any version while a deploy may have the
// working tree at another, and nothing here can change what is on disk.
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import { peelToCommit } from '../recipes/status'

/** Recipe-relative path → text. */
export type RecipeFiles = Map<string, string>

// Compose files, env samples, abra.sh and config templates are small; a
// recipe that ships something big (a binary, a dump) is skipped past this.
const MAX_FILE_BYTES = 1024 * 1024

const cache = new Map<string, RecipeFiles>()
const CACHE_SIZE = 32

/** Every file at `ref` (a tag or "HEAD"); cached by commit, which never changes. */
export async function recipeFilesAt(dir: string, ref: string): Promise<RecipeFiles> {
  const oid = await git.resolveRef({ fs, dir, ref: ref === 'HEAD' ? 'HEAD' : `refs/tags/${ref}` })
  const commit = (await peelToCommit(dir, oid)) ?? oid
  const key = `${dir}\n${commit}`
  const hit = cache.get(key)
  if (hit) return hit

  const files: RecipeFiles = new Map()
  const { commit: c } = await git.readCommit({ fs, dir, oid: commit })
  await readTree(dir, c.tree, '', files)
  cache.set(key, files)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  return files
}

async function readTree(dir: string, oid: string, prefix: string, out: RecipeFiles): Promise<void> {
  const { tree } = await git.readTree({ fs, dir, oid })
  for (const entry of tree) {
    const p = prefix ? `${prefix}/${entry.path}` : entry.path
    if (entry.type === 'tree') await readTree(dir, entry.oid, p, out)
    if (entry.type !== 'blob') continue
    const { blob } = await git.readBlob({ fs, dir, oid: entry.oid })
    if (blob.byteLength <= MAX_FILE_BYTES) out.set(p, Buffer.from(blob).toString('utf8'))
  }
}

/** A readText for the compose pipeline over these files, as if they sat in `recipeDir`. */
export function fileReader(recipeDir: string, files: RecipeFiles): (abs: string) => string {
  return (abs) => {
    const rel = path.relative(recipeDir, abs).split(path.sep).join('/')
    const text = files.get(rel)
    if (text === undefined) throw Object.assign(new Error(`${rel} is not in the recipe`), { code: 'ENOENT' })
    return text
  }
}
