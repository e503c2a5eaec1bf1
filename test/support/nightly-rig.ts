// Nightly backups on the rig's swarm (issue 14), shared by
// test/integration/nightly-backups.test.ts and nightly-health.test.ts.
//
// THE BOT IS A STAND-IN. No registry image or recipe repository of Co-op
// Cloud's backup-bot-two can be reached here, so the recipe world serves
// test/fixtures/recipes/backup-bot-two (the real recipe's service, env,
// secret and overlay names) and its image is built now
// (test/support/backup-bot-image.ts) from Debian's real restic and docker
// binaries, busybox and test/fixtures/backup-bot-standin/backup, a script
// that does what the bot does for the backupbot.* labels. The app deploys it
// through its normal flow (apps.new, apps.saveEnv, secrets.create,
// apps.deploy), exactly as it deploys the real recipe. The clock is
// shortened: CCD_NIGHTLY_SCHEDULE='@every 5s' replaces "every night at
// HH:MM" (the stand-in loops; the real bot's crond would run nightly).
import fs from 'node:fs'
import path from 'node:path'
import type { CoreOptions } from '../../src-main/core/core'
import { ensureBotImage } from './backup-bot-image'
import { api, appContainer, inContainer, openBackupRig, removeCcdData, type BackupRig } from './backup-rig'

/** The stand-in's short clock, and a restore's stop wait that fits a test. */
export const NIGHTLY_TEST_ENV = { CCD_NIGHTLY_SCHEDULE: '@every 5s', CCD_RESTORE_STOP_TIMEOUT_SECONDS: '30' }

/** rigbox added to a core whose nightly schedule is the short clock, with the stand-in bot's image built on the rig's engine. */
export async function openNightlyRig(options: Pick<CoreOptions, 'monitor'> = {}): Promise<BackupRig> {
  const b = await openBackupRig('rigbox', { env: NIGHTLY_TEST_ENV, ...options })
  try {
    await ensureBotImage(b.docker, b.rig.image)
  } catch (err) {
    await b.core.close()
    await b.world.close()
    fs.rmSync(b.home, { recursive: true, force: true })
    throw err
  }
  return b
}

/** What the ccd-data app's pre-hook dumps; without it the hook fails (and so does the bot's run). */
export const CCD_DATA_DB = '/data/db.txt'

/** `sh -c script` in the app's running `app` container. */
export async function inApp(b: BackupRig, domain: string, script: string): Promise<string> {
  return inContainer(b.rig, await appContainer(b, domain), script)
}

/** nightly.setup to a folder on the server, keeping `keep`; resolves with the recovery kit's password once the job is done. */
export async function setUpNightly(b: BackupRig, botDomain: string, opts: { time?: string; keep?: number } = {}): Promise<{ password: string; domain: string }> {
  const answer = await api(b.core, 'nightly.setup', { server: b.server, domain: botDomain, destination: { kind: 'server' }, time: opts.time ?? '02:15', keep: opts.keep ?? 2 })
  const job = await b.core.jobs.wait(answer.jobId)
  if (job.status !== 'done') throw new Error(`setting up nightly backups failed: ${job.error?.message ?? job.status}`)
  return { password: answer.recoveryKit.password, domain: answer.domain }
}

/** apps.remove for an app whose env file is still here (the engine's way when that fails). */
export async function removeIfKept(b: BackupRig, domain: string): Promise<void> {
  if (fs.existsSync(path.join(b.core.paths.serversDir, b.server, `${domain}.env`))) await removeCcdData(b, domain)
}
