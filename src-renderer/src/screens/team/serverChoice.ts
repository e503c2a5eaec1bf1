import type { TeamStatus } from '../../../../src-main/contract/team'

// Which servers are shared, after Share (issue 14; unit-tested in
// test/unit/server-choice.test.ts): the rows the window lists and the choice
// team.setServers is sent when one server is shared or stops being shared.
// `servers` absent means all of them, those added later too.

export type Shared = Pick<TeamStatus, 'servers' | 'allServers'>

export interface ServerRow {
  name: string
  shared: boolean
  /** Shared with the team, but this computer has no folder for it (only a teammate's apps are on it). */
  absent: boolean
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort()

/** Every server to list: this computer's folders and those the team shares, sorted by name. */
export function serverRows(s: Shared): ServerRow[] {
  const here = new Set(s.allServers ?? [])
  return sorted([...here, ...(s.servers ?? [])]).map((name) => ({ name, shared: !s.servers || s.servers.includes(name), absent: !here.has(name) }))
}

/** Whether every server is shared, those added later too. */
export const sharesAll = (s: Shared): boolean => !s.servers

/** The servers shared now, by name (all of this computer's when all are). */
export const sharedNow = (s: Shared): string[] => sorted(s.servers ?? s.allServers ?? [])

export type Choice = { ok: true; servers?: string[] } | { ok: false; why: 'last' | 'unchanged' }

/** The choice after `name` stops being shared: the others stay. The last one can't go this way (that is Stop sharing). */
export function withoutServer(s: Shared, name: string): Choice {
  const now = sharedNow(s)
  if (!now.includes(name)) return { ok: false, why: 'unchanged' }
  const next = now.filter((n) => n !== name)
  return next.length ? { ok: true, servers: next } : { ok: false, why: 'last' }
}

/** The choice after `name` is shared too. */
export function withServer(s: Shared, name: string): Choice {
  if (sharesAll(s) || s.servers?.includes(name)) return { ok: false, why: 'unchanged' }
  return { ok: true, servers: sorted([...(s.servers ?? []), name]) }
}

/** team.setServers' input for a choice: no list at all means every server, those added later too. */
export const setServersInput = (servers: string[] | undefined): { servers?: string[] } => (servers ? { servers } : {})
