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

// Downloading a backup-bot-two snapshot, as in backup-bot.test.ts with a
// stand-in bot (a `restic` script in a container of a service labelled as
// that recipe), when it is cancelled, when an earlier download left its
// unpacked copy behind, and when the snapshot would not fit: Cancel stops
// restic in the bot's container and removes what it unpacked, leftovers are
// removed, and a snapshot too big for the bot's /tmp is not unpacked at all.
let rig: Rig
let core: Core
let docker: Docker
const id = crypto.randomBytes(3).toString('hex')
const stack = `botc${id}`
const service = `${stack}_app`
const QUICK = 'a1b2c3d4e5f60718'
const SLOW = 'b1b2c3d4e5f60718'
const HUGE = 'c1b2c3d4e5f60718'

// `restore` of SLOW unpacks a little, then takes its time, as a large snapshot does.
const RESTIC = `#!/bin/sh
# A global flag before the command, as restic takes it (the app lists without the lock).
[ "$1" = --no-lock ] && shift
case "$1" in
  snapshots) echo '[{"id":"${QUICK}","time":"2026-11-29T02:00:00Z","paths":["/var/lib/docker/volumes"],"tags":[]}]' ;;
  stats) [ "$2" = "${HUGE}" ] && echo '{"total_size":90000000000000,"total_file_count":1}' || echo '{"total_size":1000,"total_file_count":1}' ;;
  restore)
    mkdir -p "$4/volumes/app_data" && echo "from the bot" > "$4/volumes/app_data/note.txt"
    [ "$2" = "${SLOW}" ] && sleep 600 ;
    true ;;
  *) exit 2 ;;
esac
`

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function botContainerId(): Promise<string> {
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(250)) {
    const [c] = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${service}`], status: ['running'] }) })
    if (c) return c.Id
  }
  throw new Error('the stand-in bot did not start')
}

/** `sh -c script` in the bot's container, from the test's side. */
async function inBot(script: string): Promise<string> {
  return execFileSync('docker', ['-H', `unix://${rig.docker.socket}`, 'exec', await botContainerId(), 'sh', '-c', script], { encoding: 'utf8' })
}

/** Live processes in the bot's container besides its own sleep and init. */
async function botProcesses(): Promise<string[]> {
  return (await inBot('ps -o pid,stat,args'))
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !/ Z /.test(l) && !/sleep 3600|docker-init|ps -o|sh -c ps/.test(l))
}

const unpacked = async (): Promise<string> => (await inBot('ls -d /tmp/ccd-snapshot-* 2>/dev/null || true')).trim()
const localFiles = (): string[] => {
  const dir = path.join(core.paths.backupsDir, 'default-backupbot')
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  const home = makeHome()
  core = createCore({ transport: 'browser', home, env: { HOME: home } })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const script = Buffer.from(RESTIC).toString('base64')
  await docker.createService({
    Name: service,
    Labels: { 'com.docker.stack.namespace': stack, [`coop-cloud.${stack}.recipe`]: 'backup-bot-two' },
    TaskTemplate: {
      ContainerSpec: {
        Image: rig.image,
        Command: ['sh', '-c', `echo ${script} | base64 -d > /bin/restic && chmod 755 /bin/restic && exec sleep 3600`],
        // An init reaps what is killed, so a stopped restic is gone, not a zombie.
        Init: true,
        Labels: { 'com.docker.stack.namespace': stack }
      }
    },
    Mode: { Replicated: { Replicas: 1 } }
  } as Docker.CreateServiceOptions)
  // The script may not be written yet the moment the container starts.
  for (const end = Date.now() + 60_000; ; await sleep(500)) {
    const listed = await call(core, 'backups.botSnapshots', { server: 'default' }).catch(() => ({ snapshots: [] }))
    if (listed.snapshots.length === 1) break
    if (Date.now() > end) throw new Error('the stand-in bot never listed its snapshot')
  }
}, 120_000)

afterAll(async () => {
  await docker?.getService(service).remove().catch(() => {})
  await core?.close()
})

describe('downloading a backup-bot-two snapshot', () => {
  it('removes the unpacked copy an earlier download left in the bot, and its own', { timeout: 60_000 }, async () => {
    await inBot('mkdir -p /tmp/ccd-snapshot-0123456789ab/volumes && echo left > /tmp/ccd-snapshot-0123456789ab/volumes/old.txt')
    const { jobId } = await call(core, 'backups.botDownload', { server: 'default', snapshot: QUICK })
    const job = await core.jobs.wait(jobId)
    expect(job.status, job.error?.message).toBe('done')
    expect(localFiles()).toEqual([`${QUICK}.tar`])
    expect(await unpacked()).toBe('')
  })

  it('cancelled while the bot unpacks: restic is stopped in its container, what it unpacked is removed, nothing is saved', { timeout: 60_000 }, async () => {
    const { jobId } = await call(core, 'backups.botDownload', { server: 'default', snapshot: SLOW })
    await expect.poll(async () => (await botProcesses()).some((l) => l.includes('sleep 600')), { timeout: 20_000, interval: 200 }).toBe(true)
    // One download at a time per server.
    expect((await callError(core, 'backups.botDownload', { server: 'default', snapshot: QUICK })).code).toBe('bot-busy')

    await call(core, 'jobs.cancel', { jobId })
    const job = await core.jobs.wait(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.log.join('\n')).toMatch(/Cancelled\. Nothing was saved, and the unpacked snapshot was removed from the server\./)
    await expect.poll(botProcesses, { timeout: 10_000, interval: 200 }).toEqual([])
    expect(await unpacked()).toBe('')
    expect(localFiles()).toEqual([`${QUICK}.tar`])
  })

  it('refuses a snapshot that would fill the disk of the bot, before unpacking anything', { timeout: 60_000 }, async () => {
    const { jobId } = await call(core, 'backups.botDownload', { server: 'default', snapshot: HUGE })
    const job = await core.jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expect(job.error?.code).toBe('bot-no-room')
    expect(job.error?.message).toMatch(/^Snapshot c1b2c3d4e5f60718 holds 90000\.0 GB, but the disk of backup-bot-two on default has only [\d.]+ GB free, so it was not unpacked/)
    expect(await unpacked()).toBe('')
    expect(localFiles()).toEqual([`${QUICK}.tar`])
  })
})
