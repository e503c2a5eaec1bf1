import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { startHelper } from '../../src-main/backups/stream'

// A stopped service's volume missing on the machine chosen for it (issue 13):
// backups reach any machine of the swarm now, so the words no longer tell the
// user to add that machine as a server, and no helper container is made.
describe('startHelper when the volume is missing', () => {
  it('says the volume is not on the machine that keeps the service’s data, and what to do, making no container', async () => {
    let created = 0
    const docker = {
      getVolume: (name: string) => ({
        inspect: async () => {
          throw Object.assign(new Error(`get ${name}: no such volume`), { statusCode: 404 })
        }
      }),
      createContainer: async () => {
        created++
        throw new Error('not expected')
      }
    } as unknown as Docker
    const err = await startHelper(docker, { image: 'busybox', stackName: 's', service: 'db', volumes: [{ dockerName: 's_db', mountPath: '/var/db' }] }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'backup-volume-missing' })
    const message = (err as Error).message
    expect(message).toContain('The volume s_db of db is not on the machine where db keeps its data')
    expect(message).toContain('start it once')
    expect(message).not.toContain('add that machine as a server')
    expect(created).toBe(0)
  })
})
