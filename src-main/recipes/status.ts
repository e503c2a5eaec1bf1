import fs from 'node:fs'
import git from 'isomorphic-git'
import { sortVersionsNewestFirst } from './versions'

// What stands between a recipe checkout and a version switch: local edits
// (dirty) and local commits that exist nowhere upstream (diverged). Both are
// the user's work, so they are reported, never overwritten.

export interface RecipeChange {
  path: string
  change: 'modified' | 'added' | 'deleted' | 'untracked'
}

export interface RecipeStatus {
  dirty: boolean
  /** Files that differ from HEAD (ignored files excluded, as `git status` does). */
  changes: RecipeChange[]
  diverged: boolean
  /** "HEAD" and/or local branch names holding commits no remote branch or tag contains. */
  divergedRefs: string[]
  /** Commit id checked out. */
  head: string
  /** Branch checked out, absent when HEAD is detached (as after choosing a version). */
  branch?: string
  /** The newest version tag pointing at HEAD, if any. */
  currentTag?: string
}

export async function status(dir: string): Promise<RecipeStatus> {
  const head = await git.resolveRef({ fs, dir, ref: 'HEAD' })
  const branch = (await git.currentBranch({ fs, dir, fullname: false })) || undefined
  const changes = await listChanges(dir)
  const tagCommits = await tagsByCommit(dir)
  const divergedRefs = await findDiverged(dir, head, [...tagCommits.keys()])
  const atHead = tagCommits.get(head) ?? []
  return {
    dirty: changes.length > 0,
    changes,
    diverged: divergedRefs.length > 0,
    divergedRefs,
    head,
    ...(branch ? { branch } : {}),
    ...(atHead.length ? { currentTag: sortVersionsNewestFirst(atHead)[0] } : {})
  }
}

async function listChanges(dir: string): Promise<RecipeChange[]> {
  const changes: RecipeChange[] = []
  // Rows are [path, HEAD, workdir, stage]; see isomorphic-git's statusMatrix.
  for (const [file, inHead, inWork, inStage] of await git.statusMatrix({ fs, dir })) {
    if (inHead === 1 && inWork === 1 && inStage === 1) continue
    const change = inHead === 0 ? (inStage === 0 ? 'untracked' : 'added') : inWork === 0 ? 'deleted' : 'modified'
    changes.push({ path: file, change })
  }
  return changes
}

/** Commit id → version tags on it (annotated tags peeled). */
export async function tagsByCommit(dir: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  for (const tag of await git.listTags({ fs, dir })) {
    const commit = await peelToCommit(dir, await git.resolveRef({ fs, dir, ref: `refs/tags/${tag}` }))
    if (!commit) continue
    map.set(commit, [...(map.get(commit) ?? []), tag])
  }
  return map
}

export async function peelToCommit(dir: string, oid: string): Promise<string | undefined> {
  for (let i = 0; i < 10; i++) {
    const { type, object } = await git.readObject({ fs, dir, oid, format: 'parsed' })
    if (type === 'commit') return oid
    if (type !== 'tag') return undefined
    oid = (object as { object: string }).object
  }
  return undefined
}

// A commit is safe when some remote branch or tag contains it: the fetch
// brought it, so a checkout elsewhere loses nothing.
async function findDiverged(dir: string, head: string, tagCommits: string[]): Promise<string[]> {
  const remoteTips = new Set(tagCommits)
  for (const remote of await git.listRemotes({ fs, dir })) {
    for (const name of await git.listBranches({ fs, dir, remote: remote.remote })) {
      try {
        remoteTips.add(await git.resolveRef({ fs, dir, ref: `refs/remotes/${remote.remote}/${name}` }))
      } catch { /* a dangling symbolic ref (remote HEAD) */ }
    }
  }
  const local: [string, string][] = [['HEAD', head]]
  for (const name of await git.listBranches({ fs, dir })) {
    local.push([name, await git.resolveRef({ fs, dir, ref: `refs/heads/${name}` })])
  }
  const diverged: string[] = []
  for (const [name, oid] of local) {
    if (!(await isContained(dir, oid, remoteTips))) diverged.push(name)
  }
  return diverged
}

async function isContained(dir: string, oid: string, tips: Set<string>): Promise<boolean> {
  if (tips.has(oid)) return true
  for (const tip of tips) {
    if (await git.isDescendent({ fs, dir, oid: tip, ancestor: oid, depth: -1 })) return true
  }
  return false
}
