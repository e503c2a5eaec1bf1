import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemberName, TeamRemote } from '../../src-main/contract/team'
import { checkTeamForm, conflictApp, conflictOf, envLineWords, hasErrors, missingChoice, readEnvLine, teamInput } from '../../src-renderer/src/screens/team/teamText'

// Settings' team section, its pure rules: the form's checks agree with the
// contract (nothing it lets through is refused at the door, and it names the
// field to fix), env lines read as settings, and conflicts found by app.
const t = (key: string, values?: Record<string, unknown>): string => (values ? `${key} ${JSON.stringify(values)}` : key)
const form = (over: Partial<Parameters<typeof checkTeamForm>[0]> = {}) => ({ remote: 'https://git.example.org/coop/abra.git', token: '', name: 'Alice', ...over })

describe('the Share and Join form', () => {
  it('takes a forge address and a name', () => {
    expect(checkTeamForm(form(), 'share', t)).toEqual({})
    expect(checkTeamForm(form({ remote: '  http://10.0.0.5:3000/coop/abra.git ' }), 'join', t)).toEqual({})
  })

  it('says what to fix, field by field', () => {
    expect(checkTeamForm(form({ remote: '' }), 'share', t).remote).toBe('team.invalid.remoteEmpty')
    expect(checkTeamForm(form({ remote: 'git@git.example.org:coop/abra.git' }), 'share', t).remote).toBe('team.invalid.remoteScheme')
    expect(checkTeamForm(form({ remote: 'https://alice:secret@git.example.org/coop/abra.git' }), 'share', t).remote).toBe('team.invalid.remoteCredentials')
    expect(checkTeamForm(form({ remote: 'https://git.example.org/coop abra.git' }), 'share', t).remote).toBe('team.invalid.remoteSpaces')
    expect(checkTeamForm(form({ remote: 'https://' }), 'share', t).remote).toBe('team.invalid.remoteShort')
    expect(checkTeamForm(form({ name: '   ' }), 'join', t).name).toBe('team.invalid.nameEmpty')
    expect(checkTeamForm(form({ name: 'x'.repeat(201) }), 'join', t).name).toBe('team.invalid.nameLong')
    expect(checkTeamForm(form({ servers: [] }), 'share', t).servers).toBe('team.invalid.serversNone')
    // Join has no choice of servers.
    expect(checkTeamForm(form({ servers: [] }), 'join', t)).toEqual({})
  })

  it('lets through only what the contract takes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('https://a@b/c', 'http://x', 'https://git.example.org/')), fc.string({ maxLength: 210 }), (remote, name) => {
        const errors = checkTeamForm({ remote, name, token: '' }, 'join', t)
        if (hasErrors(errors)) return
        const input = teamInput({ remote, name, token: '' }, 'join')
        expect(TeamRemote.safeParse(input.remote).success).toBe(true)
        expect(MemberName.safeParse(input.name).success).toBe(true)
      })
    )
  })

  it('sends the token only when typed, and the servers only for Share when chosen', () => {
    expect(teamInput(form({ remote: ' https://g.example/x.git ', name: ' Bob ' }), 'join')).toEqual({ remote: 'https://g.example/x.git', name: 'Bob' })
    expect(teamInput(form({ token: 'tok', servers: ['b', 'a'] }), 'share')).toEqual({ remote: 'https://git.example.org/coop/abra.git', name: 'Alice', token: 'tok', servers: ['a', 'b'] })
    expect(teamInput(form({ servers: ['a'] }), 'join')).not.toHaveProperty('servers')
  })
})

describe('env lines in a conflict', () => {
  it('reads KEY=value as written, notes, empty lines and anything else', () => {
    expect(readEnvLine('MOTD="from Bob"')).toEqual({ kind: 'setting', key: 'MOTD', value: '"from Bob"' })
    expect(readEnvLine('export SMTP_HOST = mail.example.org')).toEqual({ kind: 'setting', key: 'SMTP_HOST', value: 'mail.example.org' })
    expect(readEnvLine('## Mail settings')).toEqual({ kind: 'comment', text: 'Mail settings' })
    expect(readEnvLine('   ')).toEqual({ kind: 'blank' })
    expect(readEnvLine('not a setting')).toEqual({ kind: 'other', text: 'not a setting' })
  })

  it('says each line in words', () => {
    expect(envLineWords('MOTD="hi"', t)).toBe('team.dialog.set {"key":"MOTD","value":"\\"hi\\""}')
    expect(envLineWords('MOTD=', t)).toBe('team.dialog.setEmpty {"key":"MOTD"}')
    expect(envLineWords('MOTD=""', t)).toBe('team.dialog.setEmpty {"key":"MOTD"}')
    expect(envLineWords('# hello', t)).toBe('team.dialog.comment {"text":"hello"}')
    expect(envLineWords('', t)).toBe('team.dialog.blank')
  })
})

describe('conflicts by app', () => {
  const status = { conflicts: [{ file: 'team.example.org/blog.example.org.env', hunks: [{ line: 3, mine: ['A=1'], theirs: ['A=2'] }], words: '' }] }
  it('finds the app a file is about', () => {
    expect(conflictApp('team.example.org/blog.example.org.env')).toEqual({ server: 'team.example.org', domain: 'blog.example.org' })
    expect(conflictOf(status, 'team.example.org', 'blog.example.org')?.hunks).toHaveLength(1)
    expect(conflictOf(status, 'team.example.org', 'wiki.example.org')).toBeUndefined()
    expect(conflictOf(undefined, 'team.example.org', 'blog.example.org')).toBeUndefined()
  })
  it('names the first place left without a choice', () => {
    expect(missingChoice([], 2)).toBe(1)
    expect(missingChoice(['mine', undefined], 2)).toBe(2)
    expect(missingChoice(['mine', 'theirs'], 2)).toBeUndefined()
  })
})
