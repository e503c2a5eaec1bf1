// What the background monitor keeps in the history file: per round, each
// server's reachability, disk, memory and load, and each deployed app's
// "up" (for the uptime strips); per incident, when it began and ended (for
// the incident lists). Pure mapping here; history.ts stores it.
import type { Incident as Confirmed } from './debounce'
import type { Sample } from './history'
import type { ServerCheck } from './monitor'
import type { Problem } from './problems'

/** "app:<server>/<domain>" or "server:<name>": what a problem is about, for the history. */
export function subjectOf(p: Problem): string {
  return 'domain' in p ? `app:${p.server}/${p.domain}` : `server:${p.server}`
}

/** The incident's kind in the history: the key's first part ("app", "backup", "cert", "disk:/", "node:<id>"…), stable while its details change. */
export function incidentKind(key: string): string {
  const [what, , which] = key.split(':')
  return (what === 'disk' || what === 'node') && which ? `${what}:${which}` : what
}

/** The monitor's key for an incident the history keeps (subjectOf and incidentKind undone): "app:s/d" + "backup" is "backup:s/d", "server:s" + "disk:/" is "disk:s:/". */
export function keyOfIncident(subject: string, kind: string): string {
  const [what, ...rest] = kind.split(':')
  const name = subject.slice(subject.indexOf(':') + 1)
  return [what, name, ...rest].join(':')
}

const APP_DOWN = new Set<Problem['kind']>(['app-down', 'app-restarting'])

/** One server's round as samples. An app counts as up unless this round saw it down or restarting; a minute keeps its worst. */
export function roundSamples(server: string, check: ServerCheck, found: readonly Problem[], at: number): Sample[] {
  const samples: Sample[] = [{ subject: `server:${server}`, metric: 'reachable', value: check.reached ? 1 : 0, at }]
  if (!check.reached) return samples
  for (const d of check.usage?.disks ?? []) samples.push({ subject: `server:${server}`, metric: `disk.used.pct:${d.mount}`, value: d.usedPct, at })
  if (check.usage?.memory) samples.push({ subject: `server:${server}`, metric: 'memory.used.pct', value: check.usage.memory.usedPct, at })
  if (check.usage?.load) samples.push({ subject: `server:${server}`, metric: 'load.1', value: check.usage.load.one / check.usage.load.cpus, at })
  const down = new Set(found.filter((p) => APP_DOWN.has(p.kind)).map(subjectOf))
  for (const app of check.apps) {
    if (!app.deployed) continue
    const subject = `app:${server}/${app.domain}`
    // A minute with one down look is a down minute.
    samples.push({ subject, metric: 'up', value: down.has(subject) ? 0 : 1, at, keep: 'lowest' })
  }
  return samples
}

/** An incident as history.openIncident takes it. */
export function incidentOf(i: Confirmed<Problem>): { subject: string; kind: string; reason: string; at: number } {
  return { subject: subjectOf(i.problem), kind: incidentKind(i.key), reason: i.problem.kind, at: i.since }
}
