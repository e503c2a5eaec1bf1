// Where a lint's input comes from: a recipe's published version (git
// objects, as the new-app form reads them) or a folder on disk as it is (a
// maintainer's working copy). Both end as the same files map and facts.
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'
import { listVersions } from '../recipes/git'
import { parseRecipeVersion } from '../recipes/versions'
import { composeFileNames } from './recipe'

// The files the rules read, all at the recipe's top; anything past this
// size is not a recipe file worth reading.
const MAX_FILE_BYTES = 1024 * 1024
const WANTED = (name: string): boolean => name === '.env.sample' || name === 'README.md' || name === 'abra.sh' || composeFileNames([name]).length === 1

/** Keeps only what the rules read from a version's files. */
export function lintFiles(all: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...all].filter(([name]) => WANTED(name)))
}

/** The folder's top-level recipe files; each through confinedPath, so a symlink can't make it read elsewhere. */
export function readRecipeFolder(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    throw new ApiError('not-found', t('lint.notFolder', { path: dir }))
  }
  for (const name of names.filter(WANTED)) {
    const p = confinedPath(dir, name)
    const st = fs.statSync(p)
    if (st.isFile() && st.size <= MAX_FILE_BYTES) files.set(name, fs.readFileSync(p, 'utf8'))
  }
  if (!files.has('compose.yml')) throw new ApiError('not-found', t('lint.notFolder', { path: dir }))
  return files
}

export interface GitFacts {
  versions: string[]
  lightweightTags?: string[]
  hasRemote: boolean
}

/** Versions, which of them are lightweight tags, and whether the clone has a remote; nothing known when `dir` is no git repository. */
export async function gitFacts(dir: string): Promise<GitFacts> {
  if (!fs.existsSync(path.join(dir, '.git'))) return { versions: [], hasRemote: false }
  const versions = (await listVersions(dir)).filter((v) => parseRecipeVersion(v))
  const lightweightTags: string[] = []
  for (const tag of versions) {
    const oid = await git.resolveRef({ fs, dir, ref: `refs/tags/${tag}` })
    const { type } = await git.readObject({ fs, dir, oid, format: 'content' })
    if (type !== 'tag') lightweightTags.push(tag)
  }
  const hasRemote = (await git.listRemotes({ fs, dir })).length > 0
  return { versions, lightweightTags, hasRemote }
}
