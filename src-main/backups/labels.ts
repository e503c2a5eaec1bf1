// backup-bot-two's labels, read from a swarm service's own (deploy) labels:
//
//   backupbot.backup=true                          back this service up
//   backupbot.backup.pre-hook / post-hook          commands run in its container around the copy
//   backupbot.backup.volumes.<vol>=false           leave this volume out
//   backupbot.backup.volumes.<vol>.path=a,b        only these paths inside the volume
//   backupbot.restore.pre-hook / post-hook         commands run around a restore

export interface ServiceBackupLabels {
  enabled: boolean
  preHook?: string
  postHook?: string
  restorePreHook?: string
  restorePostHook?: string
  /** Compose volume names left out. */
  excluded: string[]
  /** Compose volume name → the paths inside it to take. */
  paths: Record<string, string[]>
}

const VOLUME = /^backupbot\.backup\.volumes\.([^.]+)(\.path)?$/

const text = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined)

/** Paths from "a, b/c,/d/" → ["a", "b/c", "d"]; empty items are dropped. */
export function splitPaths(value: string): string[] {
  return value
    .split(',')
    .map((p) => p.trim().replace(/^\/+|\/+$/g, ''))
    .filter((p) => p && p !== '.')
}

export function readBackupLabels(labels: Record<string, string> | undefined): ServiceBackupLabels {
  const l = labels ?? {}
  const out: ServiceBackupLabels = {
    enabled: (l['backupbot.backup'] ?? '').trim().toLowerCase() === 'true',
    preHook: text(l['backupbot.backup.pre-hook']),
    postHook: text(l['backupbot.backup.post-hook']),
    restorePreHook: text(l['backupbot.restore.pre-hook']),
    restorePostHook: text(l['backupbot.restore.post-hook']),
    excluded: [],
    paths: {}
  }
  for (const [key, value] of Object.entries(l)) {
    const m = VOLUME.exec(key)
    if (!m) continue
    if (m[2]) {
      const paths = splitPaths(value)
      if (paths.length) out.paths[m[1]] = paths
    } else if (value.trim().toLowerCase() === 'false') {
      out.excluded.push(m[1])
    }
  }
  out.excluded.sort()
  return out
}

/** The recipe version the deploy recorded on the service (abra's label). */
export function versionLabel(labels: Record<string, string> | undefined, stackName: string): string | undefined {
  return text(labels?.[`coop-cloud.${stackName}.version`])
}

export function recipeLabel(labels: Record<string, string> | undefined, stackName: string): string | undefined {
  return text(labels?.[`coop-cloud.${stackName}.recipe`])
}
