import type { TeamConflict, TeamStatus } from '../../../../src-main/contract/team'

// Pure rules of Settings' team section (unit-tested in test/unit/team-text.test.ts):
// the form's checks (the contract's rules, with words saying what to fix), env
// lines read as settings, and which app a conflicting file belongs to.

type T = (key: string, values?: Record<string, unknown>) => string

export interface TeamForm {
  remote: string
  token: string
  name: string
  /** Share only: undefined = all servers. */
  servers?: string[]
}

export interface FormErrors {
  remote?: string
  name?: string
  servers?: string
}

/** What is wrong with the form, field by field (empty when it can be sent). Mirrors contract/team.ts's TeamRemote and MemberName. */
export function checkTeamForm(form: TeamForm, mode: 'share' | 'join', t: T): FormErrors {
  const errors: FormErrors = {}
  const remote = form.remote.trim()
  if (!remote) errors.remote = t('team.invalid.remoteEmpty')
  else if (/\s/.test(remote)) errors.remote = t('team.invalid.remoteSpaces')
  else if (!/^https?:\/\//i.test(remote)) errors.remote = t('team.invalid.remoteScheme')
  else if (/^https?:\/\/[^/]*@/i.test(remote)) errors.remote = t('team.invalid.remoteCredentials')
  else if (remote.length < 8 || !/^https?:\/\/[^\s@/]+(\/[^\s]*)?$/.test(remote)) errors.remote = t('team.invalid.remoteShort')
  const name = form.name.trim()
  if (!name) errors.name = t('team.invalid.nameEmpty')
  else if (name.length > 200) errors.name = t('team.invalid.nameLong')
  if (mode === 'share' && form.servers && form.servers.length === 0) errors.servers = t('team.invalid.serversNone')
  return errors
}

export const hasErrors = (e: FormErrors): boolean => Object.values(e).some(Boolean)

/** The contract input of team.connect/join: trimmed, the token only when one was typed, the servers only when some were chosen. */
export function teamInput(form: TeamForm, mode: 'share' | 'join'): { remote: string; name: string; token?: string; servers?: string[] } {
  return {
    remote: form.remote.trim(),
    name: form.name.trim(),
    ...(form.token ? { token: form.token } : {}),
    ...(mode === 'share' && form.servers ? { servers: [...form.servers].sort() } : {})
  }
}

export type EnvLine = { kind: 'setting'; key: string; value: string } | { kind: 'comment'; text: string } | { kind: 'blank' } | { kind: 'other'; text: string }

/** One line of an app's env file, as abra reads it: KEY=value (quotes and `export` kept as written), a # note, or an empty line. */
export function readEnvLine(line: string): EnvLine {
  const trimmed = line.trim()
  if (!trimmed) return { kind: 'blank' }
  if (trimmed.startsWith('#')) return { kind: 'comment', text: trimmed.replace(/^#+\s*/, '') }
  const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(trimmed)
  if (!m) return { kind: 'other', text: trimmed }
  return { kind: 'setting', key: m[1], value: m[2].trim() }
}

/** The line in words: "MOTD is set to "hello"", "A note: …", "An empty line". */
export function envLineWords(line: string, t: T): string {
  const l = readEnvLine(line)
  switch (l.kind) {
    case 'setting':
      return l.value === '' || l.value === '""' || l.value === "''" ? t('team.dialog.setEmpty', { key: l.key }) : t('team.dialog.set', { key: l.key, value: l.value })
    case 'comment':
      return t('team.dialog.comment', { text: l.text })
    case 'blank':
      return t('team.dialog.blank')
    default:
      return t('team.dialog.other', { text: l.text })
  }
}

/** The app a shared file is about: <server>/<domain>.env. */
export function conflictApp(file: string): { server: string; domain: string } {
  const slash = file.indexOf('/')
  const server = slash > 0 ? file.slice(0, slash) : ''
  const rest = slash > 0 ? file.slice(slash + 1) : file
  return { server, domain: rest.replace(/\.env$/, '') }
}

/** The conflict of one app, if its file waits for a choice. */
export function conflictOf(status: Pick<TeamStatus, 'conflicts'> | undefined, server: string, domain: string): TeamConflict | undefined {
  return status?.conflicts.find((c) => c.file === `${server}/${domain}.env`)
}

/** The first place left without a choice (1-based), or undefined when every place has one. */
export function missingChoice(choices: ReadonlyArray<'mine' | 'theirs' | undefined>, count: number): number | undefined {
  for (let i = 0; i < count; i++) if (!choices[i]) return i + 1
  return undefined
}
