import { describe, expect, it } from 'vitest'
import type { Manifest } from '../../src-main/backups/archive'
import { overwriteWords, restorePlanOf, versionWarning } from '../../src-main/backups/restore-plan'
import { dataState } from '../../src-main/backups/restore-run'
import type { BackupInfo } from '../../src-main/contract/backups'

const volumes: Manifest['volumes'] = [
  { service: 'app', volume: 'data', dockerName: 's_data', mountPath: '/data', entry: 'volumes/app/data/', bytes: 10, files: [] },
  { service: 'app', volume: 'files', dockerName: 's_files', mountPath: '/files', paths: ['keep'], entry: 'volumes/app/files/', bytes: 5, files: [] },
  { service: 'db', volume: 'pg', dockerName: 's_pg', mountPath: '/var/lib/postgresql', entry: 'volumes/db/pg/', bytes: 5, files: [] }
]
const backup: BackupInfo = {
  id: '2026-11-30T12-00-00Z',
  domain: 'a.example.com',
  server: 'box',
  file: '/x.tar.gz',
  createdAt: '2026-11-30T12:00:00Z',
  size: 1,
  version: 'v1.0.0',
  services: ['app', 'db'],
  verified: true
}

describe('restore plan words', () => {
  it('says a whole volume is emptied and a path-filtered one keeps the rest', () => {
    const words = overwriteWords({ volumes })
    expect(words[0]).toMatch(/The volume data of the service app is emptied .* files added since the backup are deleted/)
    expect(words[1]).toMatch(/^Only keep\/ inside the volume files of the service app .* the rest of that volume is left as it is/)
    expect(words).toHaveLength(3)
  })

  it('warns about a version difference in both directions, not when equal or unknown', () => {
    expect(versionWarning('v1.0.0', 'v2.0.0')).toMatch(/^This backup was taken from version v1\.0\.0; the app now runs v2\.0\.0\. Restoring older data into a newer version can fail/)
    expect(versionWarning('v2.0.0', 'v1.0.0')).toContain('the app now runs v1.0.0')
    expect(versionWarning('v1.0.0', 'v1.0.0')).toBeUndefined()
    expect(versionWarning(undefined, 'v1.0.0')).toBeUndefined()
    expect(versionWarning('v1.0.0', undefined)).toBeUndefined()
  })

  it('stops each service that owns a restored volume once', () => {
    const plan = restorePlanOf(backup, { volumes }, 'v2.0.0')
    expect(plan.stops).toEqual(['app', 'db'])
    expect(plan.versionWarning).toContain('v1.0.0')
    expect(restorePlanOf(backup, { volumes }, 'v1.0.0').versionWarning).toBeUndefined()
  })
})

describe('the state of the data after a restore that stopped', () => {
  const all = ['data (service app)', 'files (service app)', 'pg (service db)']
  it('says nothing was written when it stopped before the first volume', () => {
    expect(dataState(all, [], undefined)).toBe('No data was written: the app still has the data it had before.')
  })
  it('names what was restored, what is half written and what was not touched', () => {
    expect(dataState(all, ['data (service app)'], 'files (service app)')).toBe(
      'Restored completely: data (service app). The volume files (service app) was being written when it stopped: it now holds only part of the backup. Not touched: pg (service db).'
    )
  })
})
