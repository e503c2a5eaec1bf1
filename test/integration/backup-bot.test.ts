import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, makeHome, type Rig } from '../rig/rig'
import { call, callError } from './support'

// Co-op Cloud's backup-bot-two, as a stand-in: a service labelled as that
// recipe whose container has a `restic` script answering `snapshots --json`
// and `restore <id> --target DIR` the way restic does. The real bot needs a
// registry image and a restic repository, neither of which exists here; the
// app only ever talks to it through those two commands in its container.
let rig: Rig
let core: Core
let docker: Docker
const id = crypto.randomBytes(3).toString('hex')
const stack = `bot${id}`
const service = `${stack}_app`
const SNAPSHOT = 'a1b2c3d4e5f60718'

const RESTIC = `#!/bin/sh
# A global flag before the command, as restic takes it (the app lists without the lock).
[ "$1" = --no-lock ] && shift
case "$1" in
  snapshots) echo '[{"id":"0000aaaa1111bbbb","time":"2026-11-01T02:00:00Z","paths":["/var/lib/docker/volumes"],"tags":["old"]},{"id":"${SNAPSHOT}","time":"2026-11-29T02:00:00Z","paths":["/var/lib/docker/volumes"],"tags":["nightly"]}]' ;;
  restore)
    [ "$2" = "${SNAPSHOT}" ] || { echo "no snapshot $2" >&2; exit 1; }
    mkdir -p "$4/volumes/app_data" && echo "from the bot" > "$4/volumes/app_data/note.txt" ;;
  *) exit 2 ;;
esac
`

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function waitJob(jobId: string): Promise<{ status: string; error?: { message: string } }> {
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(200)) {
    const job = core.jobs.list().find((j) => j.id === jobId)
    if (job && job.status !== 'running') return job
  }
  throw new Error(`job ${jobId} did not end`)
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  const home = makeHome()
  core = createCore({ transport: 'browser', home, env: { HOME: home } })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
})

afterAll(async () => {
  await docker?.getService(service).remove().catch(() => {})
  await core?.close()
})

describe('backup-bot-two on a server', () => {
  it('says when no bot runs, and refuses a download', async () => {
    const none = await call(core, 'backups.botSnapshots', { server: 'default' })
    // Other tests never run a bot on the rig's swarm, so none is found.
    expect(none).toEqual({ running: false, snapshots: [] })
    const err = await callError(core, 'backups.botDownload', { server: 'default', snapshot: SNAPSHOT })
    expect(err.code).toBe('bot-not-running')
  })

  it('lists the bot’s snapshots newest first and downloads one', { timeout: 120_000 }, async () => {
    const script = Buffer.from(RESTIC).toString('base64')
    await docker.createService({
      Name: service,
      Labels: { 'com.docker.stack.namespace': stack, [`coop-cloud.${stack}.recipe`]: 'backup-bot-two' },
      TaskTemplate: {
        ContainerSpec: {
          Image: rig.image,
          Command: ['sh', '-c', `echo ${script} | base64 -d > /bin/restic && chmod 755 /bin/restic && exec sleep 3600`],
          Labels: { 'com.docker.stack.namespace': stack }
        }
      },
      Mode: { Replicated: { Replicas: 1 } }
    } as Docker.CreateServiceOptions)
    await expect.poll(async () => (await call(core, 'backups.botSnapshots', { server: 'default' })).running, { timeout: 60_000, interval: 500 }).toBe(true)
    // The script may not be written yet the moment the container starts.
    await expect.poll(async () => (await call(core, 'backups.botSnapshots', { server: 'default' }).catch(() => ({ snapshots: [] }))).snapshots.length, { timeout: 20_000 }).toBe(2)
    const { snapshots } = await call(core, 'backups.botSnapshots', { server: 'default' })
    expect(snapshots.map((s) => s.id)).toEqual([SNAPSHOT, '0000aaaa1111bbbb'])
    expect(snapshots[0]).toMatchObject({ time: '2026-11-29T02:00:00Z', tags: ['nightly'] })

    const bad = await call(core, 'backups.botDownload', { server: 'default', snapshot: 'ffffffffffffffff' })
    const failed = await waitJob(bad.jobId)
    expect(failed.status).toBe('failed')
    expect(failed.error?.message).toMatch(/could not unpack snapshot ffffffffffffffff/)

    const { jobId } = await call(core, 'backups.botDownload', { server: 'default', snapshot: SNAPSHOT })
    expect((await waitJob(jobId)).status).toBe('done')
    const file = path.join(core.paths.backupsDir, 'default-backupbot', `${SNAPSHOT}.tar`)
    expect(fs.existsSync(file)).toBe(true)
    const listing = execFileSync('tar', ['-tf', file], { encoding: 'utf8' })
    expect(listing).toMatch(/volumes\/app_data\/note\.txt/)
    const note = execFileSync('tar', ['-xOf', file, '--wildcards', '*/note.txt'], { encoding: 'utf8' })
    expect(note).toBe('from the bot\n')
    // Nothing half-written is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual([`${SNAPSHOT}.tar`])
  })
})
