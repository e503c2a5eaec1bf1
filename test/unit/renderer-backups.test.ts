import { describe, expect, it } from 'vitest'
import type { Job } from '../../src-main/contract'
import type { BackupInfo } from '../../src-main/contract/backups'
import {
  backupDateText,
  bytesText,
  groupByApp,
  isBackupJob,
  jobOfApp,
  keepLastText,
  moveSteps,
  parseKeepLast,
  verifiedStatus
} from '../../src-renderer/src/lib/backups'
import { withPluralForms } from '../../src-main/contract/settings'
import { i18n } from '../../src-renderer/src/i18n'
import { fr } from '../../src-renderer/src/i18n/fr'

const backup = (over: Partial<BackupInfo>): BackupInfo => ({
  id: '2026-11-30T12-00-00Z',
  domain: 'a.example.org',
  server: 'rigbox',
  file: '/home/x/.abra/backups/a.example.org/2026-11-30T12-00-00Z.tar.gz',
  createdAt: '2026-11-30T12:00:00.000Z',
  size: 1234,
  services: ['app'],
  verified: true,
  ...over
})

const job = (over: Partial<Job>): Job => ({
  id: 'j1',
  kind: 'backup',
  title: 'Backing up',
  target: 'a.example.org',
  status: 'running',
  step: 'Copying',
  stepIndex: 0,
  stepCount: 1,
  log: [],
  startedAt: 1,
  ...over
})

describe('backup words', () => {
  it('says sizes the way people read them', () => {
    expect(bytesText(0)).toBe('0 bytes')
    expect(bytesText(1)).toBe('1 byte')
    expect(bytesText(999)).toBe('999 bytes')
    expect(bytesText(1500)).toBe('1.5 kB')
    expect(bytesText(523_000_000)).toBe('523 MB')
    expect(bytesText(2_100_000_000)).toBe('2.1 GB')
    expect(bytesText(Number.NaN)).toBe('unknown size')
  })

  it('says sizes the way French readers write them', () => {
    // French puts a comma before decimals, a (narrow no-break) space between thousands, and says octets.
    const fr = (n: number) => bytesText(n, 'fr').replace(/\s/g, ' ')
    expect(fr(1)).toBe('1 octet')
    expect(fr(999)).toBe('999 octets')
    expect(fr(1500)).toBe('1,5 ko')
    expect(fr(2_100_000_000)).toBe('2,1 Go')
    expect(fr(1_234_000_000_000_000)).toBe('1 234 To')
  })

  it('writes a date with the year and the time, and leaves a bad one as it is', () => {
    const text = backupDateText('2026-11-30T12:00:00.000Z', 'en-GB')
    expect(text).toMatch(/2026/)
    expect(text).toMatch(/November/)
    expect(backupDateText('not a date')).toBe('not a date')
  })

  it('never shows an unverified backup as good', () => {
    expect(verifiedStatus({ verified: true })).toEqual({ tone: 'ok', icon: 'check', word: 'Verified' })
    expect(verifiedStatus({ verified: false })).toEqual({ tone: 'bad', icon: 'cross', word: 'Not verified' })
  })
})

describe('grouping by app', () => {
  it('groups by domain in name order, the newest backup first', () => {
    const groups = groupByApp([
      backup({ domain: 'b.example.org', id: 'b1', createdAt: '2026-11-01T00:00:00Z' }),
      backup({ domain: 'a.example.org', id: 'a1', createdAt: '2026-11-01T00:00:00Z' }),
      backup({ domain: 'a.example.org', id: 'a2', createdAt: '2026-11-02T00:00:00Z' })
    ])
    expect(groups.map((g) => g.domain)).toEqual(['a.example.org', 'b.example.org'])
    expect(groups[0].backups.map((b) => b.id)).toEqual(['a2', 'a1'])
    expect(groupByApp([])).toEqual([])
  })
})

describe('the retention field', () => {
  it('keeps everything when empty, and takes whole numbers from 1 to 1000', () => {
    expect(parseKeepLast('')).toEqual({ ok: true })
    expect(parseKeepLast('  ')).toEqual({ ok: true })
    expect(parseKeepLast(' 7 ')).toEqual({ ok: true, keepLast: 7 })
    expect(parseKeepLast('1000')).toEqual({ ok: true, keepLast: 1000 })
  })

  it('refuses anything else, saying what to type', () => {
    for (const bad of ['0', '1001', '-3', '2.5', 'seven']) {
      const r = parseKeepLast(bad)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/empty to keep every backup/)
    }
  })

  it('says what the setting means', () => {
    expect(keepLastText(undefined)).toMatch(/Every backup is kept/)
    expect(keepLastText(1)).toMatch(/Only the newest backup/)
    expect(keepLastText(5)).toMatch(/newest 5 backups/)
  })
})

describe('finding an app’s backup job', () => {
  it('tells backups from restores and bot downloads', () => {
    expect(isBackupJob({ kind: 'backup' })).toBe(true)
    expect(isBackupJob({ kind: 'app-backup' })).toBe(true)
    expect(isBackupJob({ kind: 'backup-restore' })).toBe(false)
    expect(isBackupJob({ kind: 'backup-bot-download' })).toBe(false)
    expect(isBackupJob({ kind: 'app-restore' })).toBe(false)
  })

  it('picks the newest matching job of that app', () => {
    const jobs = [
      job({ id: 'old', startedAt: 1, app: { server: 's', domain: 'a.example.org' } }),
      job({ id: 'new', startedAt: 5, app: { server: 's', domain: 'a.example.org' } }),
      job({ id: 'other', startedAt: 9, app: { server: 's', domain: 'b.example.org' } }),
      job({ id: 'deploy', kind: 'app-deploy', startedAt: 10, app: { server: 's', domain: 'a.example.org' } })
    ]
    expect(jobOfApp(jobs, 'a.example.org', isBackupJob)?.id).toBe('new')
    expect(jobOfApp(jobs, 'c.example.org', isBackupJob)).toBeUndefined()
  })
})

describe('moving an app', () => {
  it('spells out the steps, and that a move keeps the old data', () => {
    const move = moveSteps('move', 'a.example.org', 'one', 'two')
    expect(move.join(' ')).toMatch(/newest backup of a\.example\.org/)
    expect(move.join(' ')).toMatch(/same settings and the same secrets/)
    expect(move.at(-1)).toMatch(/Stops the app on one.*data stays on one/)
    const clone = moveSteps('clone', 'a.example.org', 'one', 'two', 'b.example.org')
    expect(clone.join(' ')).toMatch(/copy at b\.example\.org on two/)
    expect(clone.at(-1)).toMatch(/a\.example\.org on one running.*two apps/)
  })
})

describe('backup words in French', () => {
  // The page's French words, loaded as the page loads them (lib/backups.ts reads i18n.language).
  const inFrench = async (check: () => void): Promise<void> => {
    i18n.addResourceBundle('fr', 'ui', withPluralForms(fr, 'fr'), true, true)
    await i18n.changeLanguage('fr')
    try {
      check()
    } finally {
      await i18n.changeLanguage('en')
    }
  }

  it('says the setting, its mistakes and the marks in French, and English again after', async () => {
    await inFrench(() => {
      expect(keepLastText(undefined)).toBe('Chaque sauvegarde est gardée jusqu’à ce que vous la supprimiez.')
      expect(keepLastText(1)).toMatch(/^Seule la sauvegarde la plus récente de chaque application est gardée/)
      expect(keepLastText(5)).toMatch(/^Les 5 sauvegardes les plus récentes/)
      const r = parseKeepLast('0')
      expect(r.ok === false && r.error).toBe('Gardez au moins 1 sauvegarde, ou laissez vide pour garder toutes les sauvegardes.')
      expect(verifiedStatus({ verified: false }).word).toBe('Non vérifiée')
      expect(backupDateText('2026-11-30T12:00:00.000Z')).toMatch(/^lundi 30 novembre 2026/)
      const clone = moveSteps('clone', 'a.example.org', 'one', 'two', 'b.example.org')
      expect(clone[1]).toMatch(/^Crée une copie à l’adresse b\.example\.org sur two/)
      expect(moveSteps('move', 'a.example.org', 'one', 'two').at(-1)).toMatch(/^Arrête l’application sur one/)
    })
    expect(keepLastText(5)).toMatch(/newest 5 backups/)
  })
})
