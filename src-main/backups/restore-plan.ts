// What a restore would do, in words, before it is confirmed: which volumes
// are overwritten (and how), which services stop, and whether the backup
// comes from another version of the recipe than the app runs now.
import type Docker from 'dockerode'
import { abraLabelKeys, MAIN_SERVICE } from '../compose/abra-labels'
import type { BackupInfo, RestorePlan } from '../contract/backups'
import type { Manifest } from './archive'
import { t } from '../i18n/i18n'

type VolumeWords = { volumes: Array<Pick<Manifest['volumes'][number], 'service' | 'volume' | 'paths'>> }

export function overwriteWords(manifest: VolumeWords): string[] {
  return manifest.volumes.map((v) =>
    v.paths && v.paths.length
      ? t('backups.restore.onlyPaths', { paths: v.paths.map((p) => `${p}/`).join(', '), volume: v.volume, service: v.service })
      : t('backups.restore.emptied', { volume: v.volume, service: v.service })
  )
}

export function versionWarning(backupVersion: string | undefined, appVersion: string | undefined): string | undefined {
  if (!backupVersion || !appVersion || backupVersion === appVersion) return undefined
  return t('backups.restore.versionWarning', { backup: backupVersion, app: appVersion })
}

export function restorePlanOf(backup: BackupInfo, manifest: VolumeWords, appVersion: string | undefined): RestorePlan {
  const warning = versionWarning(backup.version, appVersion)
  return {
    backup,
    overwrites: overwriteWords(manifest),
    ...(warning ? { versionWarning: warning } : {}),
    stops: [...new Set(manifest.volumes.map((v) => v.service))]
  }
}

/** The version the app runs: the deployed app service's abra label, else the one its env file records. */
export async function runningVersion(docker: Docker | undefined, stackName: string, recorded: string | undefined): Promise<string | undefined> {
  if (!docker) return recorded
  try {
    const info = (await docker.getService(`${stackName}_${MAIN_SERVICE}`).inspect()) as Docker.Service
    return info.Spec?.Labels?.[abraLabelKeys(stackName).version] || recorded
  } catch {
    return recorded
  }
}
