import type { Job } from '../../../src-main/contract'
import type { BackupInfo } from '../../../src-main/contract/backups'
import { i18n } from '../i18n'
import type { Status } from './status'

// Words and shapes for the backup screens; pure, so the unit tests can check them.

// Sizes are written by lib/format.ts (in the page's language).
export { bytesText } from './format'

// "Monday 30 November 2026, 12:00" in the person's own locale and time zone.
export function backupDateText(iso: string, locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(locale ?? i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

// A backup counts as good only when the core says it was checked: an
// unverified one must never look like a safe one.
export function verifiedStatus(b: Pick<BackupInfo, 'verified'>): Status {
  return b.verified ? { tone: 'ok', icon: 'check', word: i18n.t('backups.verified') } : { tone: 'bad', icon: 'cross', word: i18n.t('backups.notVerified') }
}

export interface BackupGroup {
  domain: string
  backups: BackupInfo[]
}

// One group per app, apps in name order, each app's newest backup first.
export function groupByApp(list: readonly BackupInfo[]): BackupGroup[] {
  const map = new Map<string, BackupInfo[]>()
  for (const b of list) {
    const group = map.get(b.domain) ?? []
    group.push(b)
    map.set(b.domain, group)
  }
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, backups]) => ({ domain, backups: backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) }))
}

export type KeepLastInput = { ok: true; keepLast?: number } | { ok: false; error: string }

// The retention field: empty keeps every backup, otherwise a whole number 1–1000.
export function parseKeepLast(raw: string): KeepLastInput {
  const text = raw.trim()
  if (text === '') return { ok: true }
  if (!/^\d+$/.test(text)) return { ok: false, error: i18n.t('backups.retention.notNumber') }
  const n = Number(text)
  if (n < 1) return { ok: false, error: i18n.t('backups.retention.tooFew') }
  if (n > 1000) return { ok: false, error: i18n.t('backups.retention.tooMany') }
  return { ok: true, keepLast: n }
}

export function keepLastText(keepLast: number | undefined): string {
  if (keepLast === undefined) return i18n.t('backups.retention.keepAll')
  return i18n.t('backups.retention.keep', { count: keepLast })
}

// An app's backup job, for its page to pick up one that started before the
// page opened (app-backup; not a restore, nor a backup-bot download).
export function isBackupJob(job: Pick<Job, 'kind'>): boolean {
  return /backup/i.test(job.kind) && !/restore|bot/i.test(job.kind)
}

export function jobOfApp(jobs: readonly Job[], domain: string, match: (j: Job) => boolean): Job | undefined {
  return jobs.filter((j) => j.app?.domain === domain && match(j)).sort((a, b) => b.startedAt - a.startedAt)[0]
}

export type MoveMode = 'move' | 'clone'

// What moving or copying an app does, step by step, in the words the dialog shows.
export function moveSteps(mode: MoveMode, domain: string, from: string, to: string, newDomain?: string): string[] {
  const creates =
    mode !== 'clone'
      ? i18n.t('backups.move.createsSame', { to })
      : newDomain
        ? i18n.t('backups.move.createsCopy', { domain: newDomain, to })
        : i18n.t('backups.move.createsCopyAnywhere', { to })
  return [
    i18n.t('backups.move.usesNewest', { domain }),
    creates,
    i18n.t('backups.move.deploys', { to }),
    i18n.t('backups.move.restores'),
    mode === 'move' ? i18n.t('backups.move.stopsOld', { from }) : i18n.t('backups.move.leavesOld', { domain, from })
  ]
}
