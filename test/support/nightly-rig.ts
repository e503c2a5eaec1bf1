// Nightly backups on a machine of their own (issue 14), shared by
// test/integration/nightly-backups.test.ts and nightly-health.test.ts: a
// one-node swarm (test/support/swarm-nodes.ts: its own dockerd and sshd in a
// network namespace) added over SSH as the server `nightlybox`. The bot backs
// up every `backupbot`-labelled app on its engine; on the rig's engine 1 it
// walked every other test's apps too (a first snapshot took 35-56 s instead
// of ~10 s, and their failing hooks were its failures). On its own node it
// sees only what its test made, and the node's /var/lib/docker/volumes, which
// the bot mounts, is the node's own (swarm-nodes.ts binds its data root there).
//
// THE BOT IS A STAND-IN. No registry image or recipe repository of Co-op
// Cloud's backup-bot-two can be reached here, so the recipe world serves
// test/fixtures/recipes/backup-bot-two (the real recipe's service, env,
// secret and overlay names) and its image is built now, on the node
// (test/support/backup-bot-image.ts), from Debian's real restic and docker
// binaries, busybox and test/fixtures/backup-bot-standin/backup, a script
// that does what the bot does for the backupbot.* labels. The app deploys it
// through its normal flow (apps.new, apps.saveEnv, secrets.create,
// apps.deploy), exactly as it deploys the real recipe. The clock is
// shortened: CCD_NIGHTLY_SCHEDULE='@every 5s' replaces "every night at
// HH:MM" (the stand-in loops; the real bot's crond would run nightly).
import type { CoreOptions } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig } from '../rig/rig'
import { ensureBotImage } from './backup-bot-image'
import { api, appContainer, type BackupRig } from './backup-rig'
import { startRecipeWorld } from './recipe-world'
import { startSwarmNodes, type SwarmNode, type SwarmNodes } from './swarm-nodes'
import { coreOnSwarm } from './swarm-server'

/** The stand-in's short clock, and a restore's stop wait that fits a test. */
export const NIGHTLY_TEST_ENV = { CCD_NIGHTLY_SCHEDULE: '@every 5s', CCD_RESTORE_STOP_TIMEOUT_SECONDS: '30' }

export const NIGHTLY_SERVER = 'nightlybox'

/** A BackupRig whose server is a machine of its own; `docker` is that machine's engine. */
export interface NightlyRig extends BackupRig {
  swarm: SwarmNodes
  node: SwarmNode
  close(): Promise<void>
}

/**
 * A one-node swarm with the rig's busybox and the stand-in bot's image, added
 * as the server `nightlybox` to a core of its own: the recipe world's
 * catalogue, the short clock, `monitor` as createCore takes it.
 */
export async function startNightlyNode(options: Pick<CoreOptions, 'monitor'> = {}): Promise<NightlyRig> {
  const rig = loadRig()
  const swarm = await startSwarmNodes({ nodes: 1, images: [rig.image] })
  // What was started, closed last first: a failed start leaves nothing running either.
  const closing: Array<() => Promise<void>> = [() => swarm.stop()]
  const close = async (): Promise<void> => {
    while (closing.length) await closing.pop()!().catch(() => undefined)
  }
  try {
    const node = swarm.manager
    const docker = dockerLocal(node.socket)
    await ensureBotImage(docker, rig.image)
    const world = await startRecipeWorld()
    closing.push(() => world.close())
    const { core, home, close: closeCore } = await coreOnSwarm(rig, swarm, NIGHTLY_SERVER, 'ccd-nightly-', {
      transport: 'cli',
      env: { ...world.env, ...NIGHTLY_TEST_ENV },
      ...(options.monitor ? { monitor: options.monitor } : {})
    })
    closing.push(closeCore)
    return { rig, world, home, core, docker, server: NIGHTLY_SERVER, swarm, node, close }
  } catch (err) {
    await close()
    throw err
  }
}

/** Closes the core and the recipe world, and removes the node with everything on it. */
export async function closeNightlyRig(b: NightlyRig | undefined): Promise<void> {
  await b?.close()
}

/** What the ccd-data app's pre-hook dumps; without it the hook fails (and so does the bot's run). */
export const CCD_DATA_DB = '/data/db.txt'

/** `sh -c script` in the app's running `app` container, on the node. */
export async function inApp(b: NightlyRig, domain: string, script: string): Promise<string> {
  return b.node.docker(['exec', await appContainer(b, domain), 'sh', '-c', script])
}

/** nightly.setup to a folder on the server, keeping `keep`; resolves with the recovery kit's password once the job is done. */
export async function setUpNightly(b: NightlyRig, botDomain: string, opts: { time?: string; keep?: number } = {}): Promise<{ password: string; domain: string }> {
  const answer = await api(b.core, 'nightly.setup', { server: b.server, domain: botDomain, destination: { kind: 'server' }, time: opts.time ?? '02:15', keep: opts.keep ?? 2 })
  const job = await b.core.jobs.wait(answer.jobId)
  if (job.status !== 'done') throw new Error(`setting up nightly backups failed: ${job.error?.message ?? job.status}`)
  return { password: answer.recoveryKit.password, domain: answer.domain }
}
