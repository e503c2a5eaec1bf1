import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  commitMayTouch,
  formatServersTrailer,
  listWords,
  newestServersChoice,
  parseServersTrailer,
  pullMayTouch,
  repoInternal,
  sameServers,
  withServersTrailer,
  type CommitInfo
} from '../../src-main/team/servers'
import { writeWorkFile } from '../../src-main/team/repo'

// Issue 14: which servers a team shares travels as a `Shared-servers:` line
// below a commit's sentence; the newest line wins.
// (`team servers` on the command line: cli-team.test.ts.)

describe('the Shared-servers: trailer', () => {
  it('names the servers sorted, once each, or * for all of them', () => {
    expect(formatServersTrailer(['b.example.net', 'a.example.org', 'b.example.net'])).toBe('Shared-servers: a.example.org b.example.net')
    expect(formatServersTrailer(undefined)).toBe('Shared-servers: *')
    expect(withServersTrailer('Stopped sharing c.example.org', ['a.example.org'])).toBe('Stopped sharing c.example.org\n\nShared-servers: a.example.org')
  })

  it('reads back what it wrote, and tells a message without the line apart from one saying all', () => {
    expect(parseServersTrailer(withServersTrailer('Shared servers changed', ['x.example.org', 'a.example.org']))).toEqual({ servers: ['a.example.org', 'x.example.org'] })
    expect(parseServersTrailer(withServersTrailer('Shared servers changed: now all of them', undefined))).toEqual({ servers: undefined })
    expect(parseServersTrailer('Upgraded blog.example.org to 2.1.0')).toBeUndefined()
    expect(parseServersTrailer('Shared the app settings\n\nShared-servers: x.example.org\n')).toEqual({ servers: ['x.example.org'] })
    // Written by git on Windows, or with a trailing space.
    expect(parseServersTrailer('Shared\r\n\r\nShared-servers: x.example.org  \r\n')).toEqual({ servers: ['x.example.org'] })
    // Several lines: the last one counts.
    expect(parseServersTrailer('a\n\nShared-servers: x.example.org\nShared-servers: y.example.org')).toEqual({ servers: ['y.example.org'] })
  })

  it('compares choices whatever their order', () => {
    expect(sameServers(['b', 'a'], ['a', 'b'])).toBe(true)
    expect(sameServers(undefined, undefined)).toBe(true)
    expect(sameServers(['a'], undefined)).toBe(false)
    expect(sameServers(['a'], ['a', 'b'])).toBe(false)
  })

  it('lists names in a sentence', () => {
    expect(listWords(['a.example.org'], ' and ')).toBe('a.example.org')
    expect(listWords(['a.example.org', 'b.example.net'], ' and ')).toBe('a.example.org and b.example.net')
    expect(listWords(['a', 'b', 'c'], ' et ')).toBe('a, b et c')
  })
})

describe('which files a commit or a pull may touch', () => {
  it('a commit carries the shared servers’ app files only', () => {
    expect(commitMayTouch('x.example.org/blog.x.example.org.env', ['x.example.org'])).toBe(true)
    expect(commitMayTouch('y.example.org/wiki.y.example.org.env', ['x.example.org'])).toBe(false)
    expect(commitMayTouch('y.example.org/wiki.y.example.org.env', undefined)).toBe(true)
    expect(commitMayTouch('x.example.org/.hidden.env', undefined)).toBe(false)
    expect(commitMayTouch('x.example.org/keys/id_ed25519', undefined)).toBe(false)
    expect(commitMayTouch('.git/config', undefined)).toBe(false)
    expect(commitMayTouch('README.md', undefined)).toBe(false)
  })

  it('a pull never writes a file of a server not shared here, whatever the file', () => {
    expect(pullMayTouch('y.example.org/wiki.y.example.org.env', ['x.example.org'])).toBe(false)
    expect(pullMayTouch('y.example.org/compose.pin.app.yml', ['x.example.org'])).toBe(false)
    expect(pullMayTouch('x.example.org/blog.x.example.org.env', ['x.example.org'])).toBe(true)
    expect(pullMayTouch('y.example.org/wiki.y.example.org.env', undefined)).toBe(true)
    // Not any server's: the team's README at the top.
    expect(pullMayTouch('README.md', ['x.example.org'])).toBe(true)
  })

  it('a pull never writes inside a .git folder, in any case, whatever is shared', () => {
    for (const file of ['.git/config', '.GIT/hooks/post-checkout', 'x.example.org/.git/config', 'x.example.org/.Git/x']) {
      expect(repoInternal(file), file).toBe(true)
      expect(pullMayTouch(file, undefined), file).toBe(false)
      expect(pullMayTouch(file, ['x.example.org']), file).toBe(false)
    }
    expect(repoInternal('x.example.org/.gitignore')).toBe(false)
    expect(repoInternal('x.example.org/blog.git.example.org.env')).toBe(false)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-team-'))
    try {
      expect(() => writeWorkFile(dir, '.git/config', Buffer.from('x'))).toThrow(/\.git folder/)
      expect(fs.existsSync(path.join(dir, '.git'))).toBe(false)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the newest line since the last pull', () => {
  /** A history in memory; `reads` counts the commits the walk opened. */
  function history(commits: Record<string, { parents: string[]; time: number; message?: string }>) {
    const reads: string[] = []
    const read = async (oid: string): Promise<CommitInfo> => {
      reads.push(oid)
      const c = commits[oid]
      if (!c) throw new Error(`no commit ${oid}`)
      return { parents: c.parents, time: c.time, message: c.message ?? `change ${oid}` }
    }
    return { read, reads }
  }

  it('reads only the commits after the one seen last, and finds the newest line among them', async () => {
    // A long history below `seen`: none of it may be read but `seen` itself.
    const commits: Record<string, { parents: string[]; time: number; message?: string }> = {}
    commits.c0 = { parents: [], time: 0, message: withServersTrailer('Shared the app settings', ['x', 'y']) }
    for (let i = 1; i <= 200; i++) commits[`c${i}`] = { parents: [`c${i - 1}`], time: i }
    commits.n1 = { parents: ['c200'], time: 201, message: withServersTrailer('Stopped sharing y', ['x']) }
    commits.n2 = { parents: ['n1'], time: 202, message: withServersTrailer('Shared servers changed: now x and z', ['x', 'z']) }
    commits.n3 = { parents: ['n2'], time: 203 }
    const h = history(commits)
    expect(await newestServersChoice('n3', 'c200', h.read)).toEqual({ servers: ['x', 'z'] })
    expect(h.reads.filter((o) => o.startsWith('c')).sort()).toEqual(['c200'])
  })

  it('says nothing when the new commits carry no line, and stops at what was seen', async () => {
    const commits: Record<string, { parents: string[]; time: number; message?: string }> = {
      c0: { parents: [], time: 0, message: withServersTrailer('Shared the app settings', ['x']) },
      c1: { parents: ['c0'], time: 1 },
      c2: { parents: ['c1'], time: 2 }
    }
    const h = history(commits)
    expect(await newestServersChoice('c2', 'c1', h.read)).toBeUndefined()
    expect(h.reads).not.toContain('c0')
    expect(await newestServersChoice('c1', 'c1', h.read)).toBeUndefined()
  })

  it('without a commit seen, reads the whole history once (joining): the share commit’s line, or none for all', async () => {
    const h = history({
      c0: { parents: [], time: 0, message: withServersTrailer('Shared the app settings', ['x']) },
      c1: { parents: ['c0'], time: 1 }
    })
    expect(await newestServersChoice('c1', undefined, h.read)).toEqual({ servers: ['x'] })
    const all = history({ c0: { parents: [], time: 0, message: 'Shared the app settings' }, c1: { parents: ['c0'], time: 1 } })
    expect(await newestServersChoice('c1', undefined, all.read)).toBeUndefined()
  })

  it('across a merge, ignores a line below the one seen that a side branch brings back into view', async () => {
    // s0 (line: x y) ← s1 seen ← m (merge) ; s0 ← b1 (a teammate's old branch, no line) → m
    // The old line of s0 is below what was seen: it must not count again.
    const h = history({
      s0: { parents: [], time: 0, message: withServersTrailer('Shared', ['x', 'y']) },
      s1: { parents: ['s0'], time: 10, message: withServersTrailer('Stopped sharing y', ['x']) },
      b1: { parents: ['s0'], time: 5 },
      m: { parents: ['s1', 'b1'], time: 20, message: 'Merged the team’s changes' }
    })
    expect(await newestServersChoice('m', 's1', h.read)).toBeUndefined()
    // A line on the side branch itself is new to this computer: it counts.
    const side = history({
      s0: { parents: [], time: 0, message: withServersTrailer('Shared', ['x', 'y']) },
      s1: { parents: ['s0'], time: 10 },
      b1: { parents: ['s0'], time: 5, message: withServersTrailer('Stopped sharing x', ['y']) },
      m: { parents: ['s1', 'b1'], time: 20, message: 'Merged the team’s changes' }
    })
    expect(await newestServersChoice('m', 's1', side.read)).toEqual({ servers: ['y'] })
  })
})
