// The test image of the backup-bot-two stand-in (ccd-backupbot:test): the
// rig's busybox image plus Debian's real restic and docker CLI binaries (with
// the C library they load) and test/fixtures/backup-bot-standin/backup. Built
// at test time on the given engine, again only when one of those files
// changes (the label carries their checksum). No registry image of
// backup-bot-two is reachable here; see the stand-in's own comments.
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { REPO_ROOT } from '../rig/rig'

export const BOT_IMAGE = 'ccd-backupbot:test'
const SCRIPT = path.join(REPO_ROOT, 'test', 'fixtures', 'backup-bot-standin', 'backup')
// The binaries and what they load (ldd: libc and the loader only).
const FILES = ['/usr/bin/restic', '/usr/bin/docker', '/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']

export async function ensureBotImage(docker: Docker, base: string): Promise<string> {
  for (const f of FILES) if (!fs.existsSync(f)) throw new Error(`${f} is missing: the rig installs restic and docker.io (node test/rig/setup.mjs)`)
  const hash = crypto.createHash('sha256')
  for (const f of [SCRIPT, ...FILES]) hash.update(fs.readFileSync(f))
  const sum = hash.digest('hex').slice(0, 16)
  const have = await docker.getImage(BOT_IMAGE).inspect().catch(() => undefined)
  if (have?.Config?.Labels?.['ccd.backupbot.sum'] === sum) return BOT_IMAGE
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-botimg-'))
  try {
    for (const f of [...FILES]) {
      const to = path.join(dir, f)
      fs.mkdirSync(path.dirname(to), { recursive: true })
      fs.copyFileSync(fs.realpathSync(f), to)
      fs.chmodSync(to, 0o755)
    }
    fs.copyFileSync(SCRIPT, path.join(dir, 'usr', 'bin', 'backup'))
    fs.chmodSync(path.join(dir, 'usr', 'bin', 'backup'), 0o755)
    const tar = execFileSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', dir, '-c', '.'], { maxBuffer: 512 * 1024 * 1024 })
    const container = await docker.createContainer({ Image: base, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } })
    try {
      await container.putArchive(tar, { path: '/' })
      await container.commit({
        repo: BOT_IMAGE.split(':')[0],
        tag: BOT_IMAGE.split(':')[1],
        changes: ['ENTRYPOINT ["/usr/bin/backup"]', 'CMD ["schedule"]', `LABEL ccd.backupbot.sum=${sum}`]
      })
    } finally {
      await container.remove({ force: true })
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return BOT_IMAGE
}
