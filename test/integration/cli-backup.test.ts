import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { homeWithSshConfig, hostKeyFingerprints } from './support'
import { cliBin, requireBuiltCli, runCli, type CliResult } from '../support/cli'

// `coopcloud-desktop app backup|restore …` as a person runs it: the built bin
// in a fresh process, a temp HOME with the rig's sshd as server "rigbox", and
// the ccd-data test recipe (volumes data, files with only keep/ backed up,
// cache excluded; hooks that dump and reload a stand-in database).
const bin = cliBin
const run = crypto.randomBytes(3).toString('hex')
const domain = `data-${run}.clibackup.example`
const stack = stackNameFor(domain)
// ccd-web has no backupbot labels: backing it up must be explained, not done.
const unlabelled = `web-${run}.clibackup.example`
// The move goes to the rig's second engine, reached over the same SSH account.
const copy = `copy-${run}.clibackup.example`
let rig: Rig
let docker: Docker
let world: RecipeWorld
let home: string

const cli = (args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<CliResult> =>
  runCli(bin, home, { COOPCLOUD_CATALOGUE_URL: world.catalogueUrl }, args, opts)

const backupsDir = (): string => path.join(home, '.abra/backups', domain)
const archives = (): string[] => (fs.existsSync(backupsDir()) ? fs.readdirSync(backupsDir()).filter((f) => f.endsWith('.tar.gz')) : [])

// The app's running container: a restore or a move replaces it, so it is looked up each time.
type Where = { socket: string; stack: string }
const here = (): Where => ({ socket: rig.docker.socket, stack })

async function appContainer(where: Where): Promise<string> {
  const engine = dockerLocal(where.socket)
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    const [c] = await engine.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${where.stack}_app`], status: ['running'] }) })
    if (c) return c.Id
  }
  throw new Error(`no running container for ${where.stack}_app`)
}

async function sh(script: string, where: Where = here()): Promise<string> {
  const r = spawnSync('docker', ['-H', `unix://${where.socket}`, 'exec', await appContainer(where), 'sh', '-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, DOCKER_CONFIG: path.join(home, '.docker-cli') }
  })
  if (r.status !== 0) throw new Error(`docker exec ${script}: ${r.stderr}`)
  return r.stdout
}

async function listJson(d = domain): Promise<Array<{ id: string; domain: string; file: string; verified: boolean; version?: string; size: number }>> {
  const r = await cli(['app', 'backup', 'ls', d, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

// "Backed up <domain>: backup <id> (…)." then the file.
function backupIdOf(r: CliResult): string {
  const id = /: backup (\S+) \(/.exec(r.stdout)?.[1]
  if (!id) throw new Error(`no backup id in: ${r.stdout}`)
  return id
}

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  world = await startRecipeWorld()
  await ensureProxyNetwork(docker)
  const added = await cli(['server', 'add', 'rigbox', '--trust-host-key', hostKeyFingerprints(rig)[0]])
  if (added.code !== 0) throw new Error(`server add rigbox failed: ${added.stderr}`)
}, 120_000)

afterAll(async () => {
  if (docker) {
    await removeStack(docker, stackNameFor(unlabelled)).catch(() => undefined)
    const secrets = (await docker.listSecrets()).filter((s) => s.Spec?.Name?.startsWith(`${stackNameFor(unlabelled)}_`))
    await Promise.all(secrets.map((s) => docker.getSecret(s.ID).remove().catch(() => undefined)))
    for (const [socket, ns] of [[rig.docker.socket, stack], [rig.docker2.socket, stack], [rig.docker.socket, stackNameFor(copy)]]) {
      const engine = dockerLocal(socket)
      await removeStack(engine, ns).catch(() => undefined)
      // Volumes go once no container holds them; the stack's containers take a moment to leave.
      for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
        const left = ((await engine.listVolumes()).Volumes ?? []).filter((v) => v.Name.startsWith(`${ns}_`))
        if (left.length === 0) break
        await Promise.all(left.map((v) => engine.getVolume(v.Name).remove().catch(() => undefined)))
      }
    }
  }
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 150_000)

describe('coopcloud-desktop app backup: the command line', () => {
  it('exits 2 with the usage text on a bad command line, before touching anything', async () => {
    const bad = [
      ['app', 'backup'],
      ['app', 'backup', domain, 'extra'],
      ['app', 'backup', domain, '--nope'],
      ['app', 'backup', 'ls', 'a.example', 'b.example'],
      ['app', 'backup', 'verify', domain],
      ['app', 'backup', 'rm', domain],
      ['app', 'backup', 'rm', domain, 'some-id', '--confirm', 'yes'],
      ['app', 'backup', 'keep', '0'],
      ['app', 'backup', 'keep', 'lots'],
      ['app', 'backup', 'keep', '1', '2'],
      ['app', 'restore', domain],
      ['app', 'restore', domain, 'a', 'b'],
      ['app', 'move', domain],
      ['app', 'move', domain, '--to'],
      ['app', 'move', '--to', 'rigbox'],
      ['app', 'move', domain, '--to', 'rigbox', '--clone'],
      ['app', 'upgrade', domain, '--no-backup']
    ]
    for (const args of bad) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toContain('Usage:')
      expect(r.stdout, args.join(' ')).toBe('')
    }
    expect(fs.existsSync(path.join(home, '.abra/backups'))).toBe(false)
  })

  it('--help lists the backup commands', async () => {
    const r = await cli(['app', '--help'])
    expect(r.code).toBe(0)
    for (const line of ['app backup <domain>', 'app backup ls [<domain>] [--json]', 'app backup verify <domain> <id>', 'app backup rm <domain> <id> --confirm', 'app backup keep [N|all]', 'app restore <domain> <id> [--yes]', 'app move <domain> --to SERVER [--clone NEW_DOMAIN]', '[--no-backup]']) {
      expect(r.stdout).toContain(line)
    }
  })

  it('names an unknown app in plain words, exit 1', async () => {
    for (const args of [['app', 'backup', 'nope.example.org'], ['app', 'restore', 'nope.example.org', 'x'], ['app', 'move', 'nope.example.org', '--to', 'rigbox']]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr, args.join(' ')).toContain('There is no app called nope.example.org.')
      expect(r.stderr).not.toContain('Usage:')
      expect(r.stdout).toBe('')
    }
  })
})

describe('coopcloud-desktop app backup: back up, verify, restore, delete on the rig swarm', () => {
  let first: string

  it('sets up a ccd-data app on rigbox and deploys v1.0.0', { timeout: 240_000 }, async () => {
    const made = await cli(['app', 'new', 'ccd-data', domain, '--server', 'rigbox', '--version', 'v1.0.0'], { timeoutMs: 90_000 })
    expect(made.code, made.stderr).toBe(0)
    const deployed = await cli(['app', 'deploy', domain], { timeoutMs: 200_000 })
    expect(deployed.code, deployed.stderr).toBe(0)
    await sh('echo hello > /data/db.txt && echo kept > /files/keep/a.txt && echo skipped > /files/skip/b.txt && echo cached > /cache/c.txt')
  })

  it('ls says there are no backups yet', async () => {
    const r = await cli(['app', 'backup', 'ls', domain])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`No backups of ${domain} yet.`)
    expect(await listJson()).toEqual([])
  })

  it('a recipe without backupbot labels is explained, exit 1, and nothing is written', { timeout: 240_000 }, async () => {
    const made = await cli(['app', 'new', 'ccd-web', unlabelled, '--server', 'rigbox', '--version', 'v1.0.0', '--secrets'], { timeoutMs: 90_000 })
    expect(made.code, made.stderr).toBe(0)
    const notDeployed = await cli(['app', 'backup', unlabelled])
    expect(notDeployed.code).toBe(1)
    expect(notDeployed.stderr).toContain(`${unlabelled} is not deployed on rigbox`)
    const deployed = await cli(['app', 'deploy', unlabelled], { timeoutMs: 200_000 })
    expect(deployed.code, deployed.stderr).toBe(0)
    const r = await cli(['app', 'backup', unlabelled])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('backup labels (backupbot labels)')
    expect(r.stderr).not.toContain('Usage:')
    expect(r.stderr).not.toContain('==>')
    expect(fs.existsSync(path.join(home, '.abra/backups', unlabelled))).toBe(false)
    const rm = await cli(['app', 'rm', unlabelled, '--confirm', unlabelled], { timeoutMs: 120_000 })
    expect(rm.code, rm.stderr).toBe(0)
  })

  it('backup follows the job and prints the id and the file', { timeout: 180_000 }, async () => {
    const r = await cli(['app', 'backup', domain], { timeoutMs: 150_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^==> .*\(step 1 of \d+\)$/m)
    first = backupIdOf(r)
    const file = path.join(backupsDir(), `${first}.tar.gz`)
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringContaining(`Backed up ${domain}: backup ${first} (`), file])
    expect(fs.statSync(file).size).toBeGreaterThan(0)
    // No half-written archive is left beside the final one.
    expect(fs.readdirSync(backupsDir()).filter((f) => f.endsWith('.partial'))).toEqual([])
    // The pre- and post-hook ran in the container, in that order.
    expect((await sh('cat /files/keep/hooks.log')).trim().split('\n')).toEqual(['pre', 'post'])
  })

  it('ls shows it with date, size, version and a ✓; --json has the same', async () => {
    const plain = await cli(['app', 'backup', 'ls', domain])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/^ID\s+DATE\s+SIZE\s+VERSION\s+VERIFIED\s+FROM SERVER$/m)
    expect(plain.stdout).toMatch(new RegExp(`^${first}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\s+[\\d.]+ (B|kB|MB)\\s+v1\\.0\\.0\\s+✓\\s+rigbox$`, 'm'))
    const json = await listJson()
    expect(json).toEqual([expect.objectContaining({ id: first, domain, server: 'rigbox', verified: true, version: 'v1.0.0', file: path.join(backupsDir(), `${first}.tar.gz`) })])
    const all = await cli(['app', 'backup', 'ls'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.stdout).toMatch(/^DOMAIN\s+ID\s+DATE/)
    expect(all.stdout).toContain(`${domain}  ${first}`)
  })

  it('verify says the backup is intact', async () => {
    const r = await cli(['app', 'backup', 'verify', domain, first])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^Backup ${first} of ${domain.replaceAll('.', '\\.')} is intact: \\d+ files`))
  })

  it('restore refuses without --yes when nobody can be asked, and changes nothing', async () => {
    await sh('echo changed > /data/db.txt && rm /files/keep/a.txt')
    const r = await cli(['app', 'restore', domain, first])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Nothing was restored.')
    expect(r.stderr).toContain(`app restore ${domain} ${first} --yes`)
    // The plan was shown before the refusal.
    expect(r.stderr).toContain('overwrites:')
    expect(r.stdout).toBe('')
    expect((await sh('cat /data/db.txt')).trim()).toBe('changed')
  })

  it('restore --yes shows what is overwritten, then brings the data back', { timeout: 240_000 }, async () => {
    const r = await cli(['app', 'restore', domain, first, '--yes'], { timeoutMs: 200_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(new RegExp(`^Backup ${first} of ${domain.replaceAll('.', '\\.')}: taken .* version v1\\.0\\.0\\.$`, 'm'))
    expect(r.stderr).toMatch(/overwrites:\n {2}- \S/)
    expect(r.stderr).not.toContain('Warning:')
    expect(r.stdout).toContain(`Restored ${domain} on rigbox from backup ${first}.`)
    // db.txt comes back through the restore post-hook, from the dump the pre-hook made.
    expect((await sh('cat /data/db.txt')).trim()).toBe('hello')
    expect((await sh('cat /files/keep/a.txt')).trim()).toBe('kept')
  })

  it('a damaged archive fails verify with exit 1, loses its ✓ and is refused for restore', { timeout: 120_000 }, async () => {
    const file = path.join(backupsDir(), `${first}.tar.gz`)
    const good = fs.readFileSync(file)
    const bad = Buffer.from(good)
    bad[Math.floor(bad.length / 2)] ^= 0xff
    fs.writeFileSync(file, bad)
    try {
      const r = await cli(['app', 'backup', 'verify', domain, first])
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(`Backup ${first} of ${domain} is damaged; do not restore from it.`)
      expect(r.stderr).toMatch(/^ {2}- \S/m)
      expect((await listJson()).find((b) => b.id === first)?.verified).toBe(false)
      await sh('echo after-damage > /data/db.txt')
      const restore = await cli(['app', 'restore', domain, first, '--yes'], { timeoutMs: 100_000 })
      expect(restore.code).toBe(1)
      expect(restore.stdout).toBe('')
      expect((await sh('cat /data/db.txt')).trim()).toBe('after-damage')
      await sh('echo hello > /data/db.txt')
    } finally {
      fs.writeFileSync(file, good)
    }
    const again = await cli(['app', 'backup', 'verify', domain, first])
    expect(again.code, again.stderr).toBe(0)
    expect((await listJson()).find((b) => b.id === first)?.verified).toBe(true)
  })

  it('rm refuses without --confirm and names an unknown backup, exit 1; with --confirm it deletes', async () => {
    const unknown = await cli(['app', 'backup', 'rm', domain, 'no-such-backup', '--confirm'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain(`There is no backup no-such-backup of ${domain}.`)
    const refused = await cli(['app', 'backup', 'rm', domain, first])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Nothing was deleted.')
    expect(refused.stderr).toContain(`app backup rm ${domain} ${first} --confirm`)
    expect(refused.stderr).not.toContain('Usage:')
    expect(archives()).toEqual([`${first}.tar.gz`])
    const r = await cli(['app', 'backup', 'rm', domain, first, '--confirm'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`Deleted backup ${first} of ${domain}.`)
    expect(archives()).toEqual([])
    expect(await listJson()).toEqual([])
  })

  it('keep 2 keeps the newest two backups; keep all and keep show the setting', { timeout: 300_000 }, async () => {
    const shown = await cli(['app', 'backup', 'keep'])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout.trim()).toBe('Every backup is kept.')
    const set = await cli(['app', 'backup', 'keep', '2'])
    expect(set.code, set.stderr).toBe(0)
    expect(set.stdout.trim()).toBe('Keeping the newest 2 backups of each app; older ones are deleted.')
    expect((await cli(['app', 'backup', 'keep'])).stdout).toBe(set.stdout)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const r = await cli(['app', 'backup', domain], { timeoutMs: 150_000 })
      expect(r.code, r.stderr).toBe(0)
      ids.push(backupIdOf(r))
    }
    expect(new Set(ids).size).toBe(3)
    expect((await listJson()).map((b) => b.id).sort()).toEqual(ids.slice(1).sort())
    expect(archives().sort()).toEqual(ids.slice(1).map((id) => `${id}.tar.gz`).sort())
    const all = await cli(['app', 'backup', 'keep', 'all'])
    expect(all.code, all.stderr).toBe(0)
    expect(all.stdout.trim()).toBe('Every backup is kept.')
  })

  it('Ctrl-C during the copy cancels: the post-hook runs and no backup is kept', { timeout: 180_000 }, async () => {
    await sh('dd if=/dev/urandom of=/data/big bs=1M count=200 2>/dev/null')
    const before = archives()
    try {
      const child = spawn(process.execPath, [bin, 'app', 'backup', domain], {
        cwd: home,
        env: { PATH: process.env.PATH, HOME: home, COOPCLOUD_CATALOGUE_URL: world.catalogueUrl }
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString('utf8')
          if (stderr.includes('==> Copying')) resolve()
        })
      )
      child.kill('SIGINT')
      const code = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('still running'), 120_000))])
      if (code === 'still running') child.kill('SIGKILL')
      expect(code, stderr).toBe(1)
      expect(stdout).toBe('')
      expect(stderr).toContain(`Cancelled: no backup of ${domain} was kept.`)
      expect(archives()).toEqual(before)
      expect(fs.readdirSync(backupsDir()).filter((f) => f.endsWith('.partial'))).toEqual([])
      expect((await sh('cat /files/keep/hooks.log')).trim().split('\n').slice(-2)).toEqual(['pre', 'post'])
    } finally {
      await sh('rm -f /data/big')
    }
  })

  it('upgrade --no-backup takes no backup; a plain upgrade takes one first', { timeout: 600_000 }, async () => {
    const before = (await listJson()).length
    const skip = await cli(['app', 'upgrade', domain, 'v2.0.0', '--no-backup'], { timeoutMs: 200_000 })
    expect(skip.code, skip.stderr).toBe(0)
    expect(await listJson()).toHaveLength(before)
    const back = await cli(['app', 'rollback', domain, 'v1.0.0', '--no-backup'], { timeoutMs: 200_000 })
    expect(back.code, back.stderr).toBe(0)
    const up = await cli(['app', 'upgrade', domain, 'v2.0.0'], { timeoutMs: 200_000 })
    expect(up.code, up.stderr).toBe(0)
    const after = await listJson()
    expect(after).toHaveLength(before + 1)
    expect(after.every((b) => b.version === 'v1.0.0')).toBe(true)
  })

  it('restoring a v1.0.0 backup into the v2.0.0 app warns about the versions first', { timeout: 240_000 }, async () => {
    const [newest] = (await listJson()).sort((a, b) => b.id.localeCompare(a.id))
    const r = await cli(['app', 'restore', domain, newest.id, '--yes'], { timeoutMs: 200_000 })
    expect(r.code, r.stderr).toBe(0)
    const warning = r.stderr.indexOf('Warning:')
    expect(warning).toBeGreaterThan(-1)
    expect(warning).toBeLessThan(r.stderr.indexOf('==>'))
    expect((await sh('cat /data/db.txt')).trim()).toBe('hello')
  })

  it('move --to takes the app and its data to the second engine', { timeout: 400_000 }, async () => {
    const engine2 = dockerLocal(rig.docker2.socket)
    const info = (await engine2.info()) as { Swarm?: { LocalNodeState?: string } }
    if (info.Swarm?.LocalNodeState !== 'active') {
      // As apps-move.test.ts: two swarms share this machine, so engine 2's needs its own address and ports.
      await engine2.swarmInit({ AdvertiseAddr: '127.0.0.2:2378', ListenAddr: '127.0.0.2:2378', DataPathPort: 4790 } as never)
    }
    const added = await cli(['server', 'add', 'rigbox', '--name', 'rigbox2', '--socket', rig.docker2.socket])
    expect(added.code, added.stderr).toBe(0)
    await sh('echo moved > /data/db.txt')
    const r = await cli(['app', 'move', domain, '--to', 'rigbox2'], { timeoutMs: 350_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^==> .*\(step 1 of \d+\)$/m)
    expect(r.stdout).toContain(`Moved ${domain} from rigbox to rigbox2`)
    const there = { socket: rig.docker2.socket, stack }
    expect((await sh('cat /data/db.txt', there)).trim()).toBe('moved')
    expect((await sh('cat /files/keep/a.txt', there)).trim()).toBe('kept')
    // The domain now names the app on rigbox2 alone.
    const ps = await cli(['app', 'ps', domain])
    expect(ps.code, ps.stderr).toBe(0)
    expect(ps.stdout).toMatch(/^app\s+\S+\s+1\/1\s/m)
  })

  it('move --clone copies it back under its own domain, leaving it running where it is', { timeout: 400_000 }, async () => {
    const r = await cli(['app', 'move', domain, '--to', 'rigbox', '--clone', copy], { timeoutMs: 350_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`Copied ${domain} to rigbox as ${copy}`)
    expect((await sh('cat /data/db.txt', { socket: rig.docker.socket, stack: stackNameFor(copy) })).trim()).toBe('moved')
    expect((await sh('cat /data/db.txt', { socket: rig.docker2.socket, stack })).trim()).toBe('moved')
    const rm = await cli(['app', 'rm', copy, '--confirm', copy], { timeoutMs: 120_000 })
    expect(rm.code, rm.stderr).toBe(0)
  })

  it('app rm takes the app away; its backups stay listed', { timeout: 150_000 }, async () => {
    const kept = (await listJson()).length
    const r = await cli(['app', 'rm', domain, '--confirm', domain], { timeoutMs: 120_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(await listJson()).toHaveLength(kept)
  })
})
