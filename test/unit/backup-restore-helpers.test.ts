import { describe, expect, it } from 'vitest'
import { mapResticSnapshots } from '../../src-main/backups/bot'
import { mountedSecrets } from '../../src-main/backups/move-secrets'
import { moveSteps } from '../../src-main/backups/move'
import { clearCommand, safeInnerPath } from '../../src-main/backups/restore-volume'

describe('clearing before a restore', () => {
  it('empties a whole volume, dotfiles included, without a shell glob on the mount path itself', () => {
    const cmd = clearCommand('/data')
    expect(cmd.slice(0, 2)).toEqual(['sh', '-c'])
    expect(cmd[2]).toContain('.[!.]*')
    expect(cmd.at(-1)).toBe('/data')
  })

  it('removes only the filtered paths of a path-filtered volume', () => {
    expect(clearCommand('/files', ['keep', 'more/inner/'])).toEqual(['rm', '-rf', '--', '/files/keep', '/files/more/inner'])
  })

  it('refuses paths that would leave the volume', () => {
    expect(() => safeInnerPath('../etc')).toThrow(/outside/)
    expect(() => safeInnerPath('a/../../b')).toThrow(/outside/)
    expect(() => safeInnerPath('.')).toThrow(/outside/)
    expect(safeInnerPath('/keep/')).toBe('keep')
  })
})

describe('backup-bot-two snapshots', () => {
  it('maps restic snapshots --json, newest first, skipping entries without id or time', () => {
    const json = JSON.stringify([
      { time: '2026-11-01T10:00:00.1+00:00', tree: 't', paths: ['/var/lib/docker/volumes/a_data/_data'], hostname: 'h', id: 'aaa111', short_id: 'aaa1' },
      { time: '2026-11-02T10:00:00+00:00', paths: ['/x'], tags: ['backupbot', 7], id: 'bbb222' },
      { time: '2026-11-03T10:00:00+00:00' }
    ])
    expect(mapResticSnapshots(json)).toEqual([
      { id: 'bbb222', time: '2026-11-02T10:00:00+00:00', paths: ['/x'], tags: ['backupbot'] },
      { id: 'aaa111', time: '2026-11-01T10:00:00.1+00:00', paths: ['/var/lib/docker/volumes/a_data/_data'], tags: [] }
    ])
  })

  it('says plainly when restic printed something else', () => {
    expect(() => mapResticSnapshots('Fatal: unable to open config file')).toThrow(/not a list of snapshots/)
    expect(() => mapResticSnapshots('{"a":1}')).toThrow(/not a list of snapshots/)
  })
})

describe('moving an app', () => {
  it('reads each mounted secret from where the container sees it', () => {
    const spec = (name: string, secrets: unknown[]) => ({ Spec: { Name: name, TaskTemplate: { ContainerSpec: { Secrets: secrets } } } }) as never
    const got = mountedSecrets([
      spec('s_app', [
        { SecretName: 's_db_password_v1', File: { Name: 'db_password' } },
        { SecretName: 's_key_v2', File: { Name: '/etc/app/key' } }
      ]),
      spec('s_db', [{ SecretName: 's_db_password_v1', File: { Name: 'pw' } }])
    ])
    expect(got).toEqual([
      { swarmName: 's_db_password_v1', file: '/run/secrets/db_password', service: 's_app' },
      { swarmName: 's_key_v2', file: '/etc/app/key', service: 's_app' }
    ])
  })

  it('undeploys the old app only for a move', () => {
    expect(moveSteps('move', 'b2')).toContain('Undeploying the old app')
    expect(moveSteps('clone', 'b2')).not.toContain('Undeploying the old app')
    expect(moveSteps('clone', 'b2')[2]).toBe('Creating the app on b2')
  })
})
