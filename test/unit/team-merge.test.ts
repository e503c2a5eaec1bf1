import { describe, expect, it } from 'vitest'
import { conflictLines, conflicts, lines, merge3, settle } from '../../src-main/team/merge'
import { gitError, isShared } from '../../src-main/team/repo'

// The three-way merge of an app's env file (team/merge.ts) and what sharing
// puts in git (team/repo.ts): pure, table-tested.

const base = 'TYPE=ccd-web:v1\nDOMAIN=a.org\nMOTD="hi"\nGREETING="x"\n'

describe('merge3', () => {
  it('takes each side’s edits of different lines', () => {
    const mine = base.replace('MOTD="hi"', 'MOTD="mine"')
    const theirs = base.replace('TYPE=ccd-web:v1', 'TYPE=ccd-web:v2')
    const segs = merge3(lines(base), lines(mine), lines(theirs))
    expect(conflicts(segs)).toEqual([])
    expect(settle(segs, [])).toBe('TYPE=ccd-web:v2\nDOMAIN=a.org\nMOTD="mine"\nGREETING="x"\n')
  })

  it('edits of two neighbouring lines are one place to choose, as git sees them', () => {
    const mine = base.replace('MOTD="hi"', 'MOTD="mine"')
    const theirs = base.replace('GREETING="x"', 'GREETING="theirs"')
    const segs = merge3(lines(base), lines(mine), lines(theirs))
    expect(conflicts(segs)).toEqual([{ kind: 'conflict', base: ['MOTD="hi"', 'GREETING="x"'], mine: ['MOTD="mine"', 'GREETING="x"'], theirs: ['MOTD="hi"', 'GREETING="theirs"'] }])
  })

  it('keeps both additions at different places and one copy of the same edit', () => {
    const mine = `${base}A=1\n`.replace('MOTD="hi"', 'MOTD="same"')
    const theirs = `# top\n${base}`.replace('MOTD="hi"', 'MOTD="same"')
    const segs = merge3(lines(base), lines(mine), lines(theirs))
    expect(settle(segs, [])).toBe('# top\nTYPE=ccd-web:v1\nDOMAIN=a.org\nMOTD="same"\nGREETING="x"\nA=1\n')
  })

  it('reports the same line changed both ways, where it is, and settles it either way', () => {
    const mine = base.replace('MOTD="hi"', 'MOTD="mine"')
    const theirs = base.replace('MOTD="hi"', 'MOTD="theirs"')
    const segs = merge3(lines(base), lines(mine), lines(theirs))
    expect(conflicts(segs)).toEqual([{ kind: 'conflict', base: ['MOTD="hi"'], mine: ['MOTD="mine"'], theirs: ['MOTD="theirs"'] }])
    expect(conflictLines(segs)).toEqual([3])
    expect(settle(segs, ['mine'])).toBe(mine)
    expect(settle(segs, ['theirs'])).toBe(theirs)
    expect(settle(segs, [])).toBeUndefined()
    expect(settle(segs, ['mine', 'theirs'])).toBeUndefined()
  })

  it('a line removed on one side and changed on the other is a conflict', () => {
    const mine = base.replace('GREETING="x"\n', '')
    const theirs = base.replace('GREETING="x"', 'GREETING="y"')
    const segs = merge3(lines(base), lines(mine), lines(theirs))
    expect(conflicts(segs)).toEqual([{ kind: 'conflict', base: ['GREETING="x"'], mine: [], theirs: ['GREETING="y"'] }])
  })
})

describe('what is shared', () => {
  it.each([
    ['example.org/blog.example.org.env', undefined, true],
    ['example.org/blog.example.org.env', ['other.org'], false],
    ['example.org/blog.example.org.env', ['example.org'], true],
    ['README.md', undefined, false],
    ['.git/config', undefined, false],
    ['example.org/id_ed25519', undefined, false],
    ['example.org/sub/x.env', undefined, false],
    ['example.org/.hidden.env', undefined, false]
  ])('%s (servers %j): %s', (file, servers, shared) => {
    expect(isShared(file, servers)).toBe(shared)
  })
})

describe('errors in words', () => {
  const remote = { url: 'https://git.example.org/coop/abra.git', token: 'secret-token-123' }
  it.each([
    [{ code: 'HttpError', message: 'HTTP Error: 401 Unauthorized secret-token-123', data: { statusCode: 401 } }, 'team-token-wrong'],
    [{ code: 'UserCanceledError', message: 'cancelled' }, 'team-token-wrong'],
    [{ code: 'HttpError', message: 'HTTP Error: 404', data: { statusCode: 404 } }, 'team-remote-not-found'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'team-offline'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND git.example.org' }, 'team-offline'],
    [{ code: 'SmartHttpError', message: 'not git' }, 'team-not-a-repository']
  ])('%j → %s, the token never in its words', (err, code) => {
    const e = gitError(Object.assign(new Error(err.message), err), remote)
    expect(e.code).toBe(code)
    expect(`${e.message} ${e.detail}`).not.toContain(remote.token)
    expect(e.message).toMatch(/\.$/)
  })
  it('without a token, a refusal asks for one', () => {
    expect(gitError(Object.assign(new Error('x'), { code: 'HttpError', data: { statusCode: 401 } }), { url: remote.url }).code).toBe('team-token-needed')
  })
})
