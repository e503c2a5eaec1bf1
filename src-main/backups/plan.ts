// What a backup of an app would take, worked out from its deployed services.
// Pure: the swarm's answers go in, the plan (or why there is none) comes out.
import type { BackupPlan } from '../contract/backups'
import { readBackupLabels } from './labels'
import { t } from '../i18n/i18n'

/** The parts of a swarm service (GET /services) the plan reads. */
export interface PlanService {
  Spec?: {
    Name?: string
    Labels?: Record<string, string>
    TaskTemplate?: { ContainerSpec?: { Image?: string; Mounts?: { Type?: string; Source?: string; Target?: string }[] } }
  }
}

export function composeName(stackName: string, dockerName: string): string {
  return dockerName.startsWith(`${stackName}_`) ? dockerName.slice(stackName.length + 1) : dockerName
}

export function explainNotDeployed(domain: string, server: string): string {
  return t('backups.plan.notDeployed', { domain, server })
}

/** Why a recipe without backup labels has nothing to back up, in the current language. */
export const noLabelsWords = (): string => t('backups.plan.noLabels')

export function buildPlan(app: { server: string; domain: string; stackName: string }, services: PlanService[]): BackupPlan {
  const base = { server: app.server, domain: app.domain, stackName: app.stackName }
  if (services.length === 0) return { ...base, services: [], explanation: explainNotDeployed(app.domain, app.server) }
  const planned: BackupPlan['services'] = []
  for (const svc of [...services].sort((a, b) => (a.Spec?.Name ?? '').localeCompare(b.Spec?.Name ?? ''))) {
    const labels = readBackupLabels(svc.Spec?.Labels)
    if (!labels.enabled) continue
    const volumes: BackupPlan['services'][number]['volumes'] = []
    for (const m of svc.Spec?.TaskTemplate?.ContainerSpec?.Mounts ?? []) {
      // Only the app's own named volumes: bind mounts and other stacks' volumes are not its data to take.
      if (m.Type !== 'volume' || !m.Source || !m.Target || !m.Source.startsWith(`${app.stackName}_`)) continue
      const name = composeName(app.stackName, m.Source)
      const paths = labels.paths[name]
      volumes.push({ name, dockerName: m.Source, mountPath: m.Target, ...(paths ? { paths } : {}), excluded: labels.excluded.includes(name) })
    }
    planned.push({
      service: composeName(app.stackName, svc.Spec?.Name ?? ''),
      ...(labels.preHook ? { preHook: labels.preHook } : {}),
      ...(labels.postHook ? { postHook: labels.postHook } : {}),
      ...(labels.restorePreHook ? { restorePreHook: labels.restorePreHook } : {}),
      ...(labels.restorePostHook ? { restorePostHook: labels.restorePostHook } : {}),
      volumes
    })
  }
  if (planned.length === 0) return { ...base, services: [], explanation: noLabelsWords() }
  if (!planned.some((s) => s.volumes.some((v) => !v.excluded))) {
    const names = planned.map((s) => s.service).join(', ')
    return {
      ...base,
      services: planned,
      explanation: t('backups.plan.noVolumes', { names })
    }
  }
  return { ...base, services: planned }
}
