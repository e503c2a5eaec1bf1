import { describe, expect, it } from 'vitest'
import { cronForTime, graceMs, lastDue, timeOfCron } from '../../src-main/backups/nightly-schedule'
import { destinationEnv, snapshotStacks } from '../../src-main/backups/nightly'
import { NightlyDestination } from '../../src-main/contract/nightly'

describe('nightly schedule', () => {
  it('turns a time of day into the bot’s CRON_SCHEDULE and back', () => {
    expect(cronForTime('03:30')).toBe('30 3 * * *')
    expect(cronForTime('00:05')).toBe('5 0 * * *')
    expect(timeOfCron('30 3 * * *')).toBe('03:30')
    expect(timeOfCron("*/5 * * * *")).toBeUndefined()
    expect(timeOfCron('@every 5s')).toBeUndefined()
  })

  it('last night’s run was due at the last scheduled time at least the grace before now', () => {
    const at = (iso: string): number => Date.parse(iso)
    // 03:30 with 30 minutes' grace: at 04:10 tonight's run counts, at 03:45 it is still last night's.
    expect(lastDue('30 3 * * *', at('2026-12-06T04:10:00Z'))).toBe(at('2026-12-06T03:30:00Z'))
    expect(lastDue('30 3 * * *', at('2026-12-06T03:45:00Z'))).toBe(at('2026-12-05T03:30:00Z'))
    expect(graceMs('30 3 * * *')).toBe(30 * 60_000)
    // The tests' short clock: within the last period, after a period's grace.
    expect(lastDue('@every 5s', 100_000)).toBe(90_000)
    expect(lastDue('not a schedule', 100_000)).toBeUndefined()
  })
})

describe('nightly destinations', () => {
  it('writes no secret into the env file: the key and the S3 secret go to secrets only', () => {
    const sftp = destinationEnv(NightlyDestination.parse({ kind: 'sftp', host: 'backup.example.org', user: 'coop', path: '/srv/restic', privateKey: 'PRIVATE-KEY-BODY', hostKey: 'backup.example.org ssh-ed25519 AAAA' }))
    expect(sftp.repository).toBe('sftp:coop@backup.example.org:/srv/restic')
    expect(JSON.stringify(sftp.env)).not.toContain('PRIVATE-KEY-BODY')
    expect(sftp.secrets).toEqual({ ssh_key: 'PRIVATE-KEY-BODY\n' })
    expect(sftp.env.COMPOSE_FILE).toBe('compose.yml:compose.ssh.yml')
    const s3 = destinationEnv(NightlyDestination.parse({ kind: 's3', endpoint: 'https://s3.example.org/', bucket: 'coop-backups', accessKeyId: 'AKID', secretAccessKey: 'S3CRET' }))
    expect(s3.repository).toBe('s3:https://s3.example.org/coop-backups')
    expect(JSON.stringify(s3.env)).not.toContain('S3CRET')
    expect(s3.secrets).toEqual({ aws_secret_access_key: 'S3CRET' })
    expect(destinationEnv({ kind: 'server' })).toEqual({ env: { RESTIC_REPOSITORY: '/backups/restic' }, secrets: {}, repository: '/backups/restic' })
  })

  it('refuses a destination that would reach a shell or the env file’s syntax', () => {
    expect(NightlyDestination.safeParse({ kind: 'sftp', host: 'a;rm -rf /', user: 'u', path: '/p', privateKey: 'k', hostKey: 'h' }).success).toBe(false)
    expect(NightlyDestination.safeParse({ kind: 'sftp', host: 'h.example', user: 'u', path: "/p'$(x)", privateKey: 'k', hostKey: 'h' }).success).toBe(false)
    expect(NightlyDestination.safeParse({ kind: 's3', endpoint: 'ftp://x', bucket: 'b12', accessKeyId: 'a', secretAccessKey: 's' }).success).toBe(false)
  })

  it('finds an app’s snapshots by its tag, its host or its volumes’ paths', () => {
    const s = { id: 'a', time: '', tags: ['backupbot'], paths: ['/var/lib/docker/volumes/blog_example_org_data/_data'] }
    expect(snapshotStacks(s, ['blog_example_org', 'wiki_example_org'])).toEqual(['blog_example_org'])
    expect(snapshotStacks({ ...s, paths: [], tags: ['wiki_example_org'] }, ['blog_example_org', 'wiki_example_org'])).toEqual(['wiki_example_org'])
    expect(snapshotStacks({ ...s, paths: [], hostname: 'blog_example_org' }, ['blog_example_org'])).toEqual(['blog_example_org'])
  })
})
