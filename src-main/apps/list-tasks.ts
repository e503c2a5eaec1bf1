// The pure half of "Show details" (apps.ps): Docker's tasks as rows naming
// the node they run on, in the order people read them.
import type { z } from 'zod'
import type { TaskInfo } from '../contract/apps'
import type { SwarmTask } from './status'
import { t as tr } from '../i18n/i18n'

export type TaskRow = z.infer<typeof TaskInfo>

export interface NodeLike {
  ID?: string
  Description?: { Hostname?: string }
}
export interface ContainerLike {
  Id?: string
  Status?: string
}

/** Node hostnames by ID. */
export function nodeNames(nodes: NodeLike[]): Map<string, string> {
  return new Map(nodes.filter((n) => n.ID).map((n) => [n.ID!, n.Description?.Hostname || n.ID!]))
}

/**
 * Container health by container ID, from the container list's Status text
 * ("Up 5 minutes (healthy)"): one call for the whole stack instead of an
 * inspect per container. Only the node we talk to lists its containers.
 */
export function containerHealth(containers: ContainerLike[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const c of containers) {
    const m = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? '')
    if (c.Id && m) out.set(c.Id, m[1] === 'health: starting' ? 'starting' : m[1])
  }
  return out
}

export function taskRows(tasks: SwarmTask[], serviceNames: Map<string, string>, nodes: Map<string, string>, health: Map<string, string>): TaskRow[] {
  const rows = tasks.map((t) => {
    const containerId = t.Status?.ContainerStatus?.ContainerID
    const row: TaskRow = {
      id: t.ID,
      service: (t.ServiceID && serviceNames.get(t.ServiceID)) || t.ServiceID || '',
      slot: t.Slot,
      node: t.NodeID ? (nodes.get(t.NodeID) ?? t.NodeID) : tr('apps.misc.notPlaced'),
      state: t.Status?.State ?? 'unknown',
      desiredState: t.DesiredState ?? 'unknown',
      image: (t.Spec?.ContainerSpec?.Image ?? '').replace(/@sha256:[0-9a-f]+$/, ''),
      error: t.Status?.Err || undefined,
      message: t.Status?.Message || undefined,
      since: t.Status?.Timestamp ?? t.UpdatedAt ?? t.CreatedAt ?? '',
      health: containerId ? health.get(containerId) : undefined
    }
    return row
  })
  // By service and slot, the newest task of each slot first, as `docker stack ps` lists them.
  return rows.sort((a, b) => a.service.localeCompare(b.service) || (a.slot ?? 0) - (b.slot ?? 0) || (Date.parse(b.since) || 0) - (Date.parse(a.since) || 0))
}
