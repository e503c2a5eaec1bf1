// What integration and e2e tests know about the rig that test/rig/setup.mjs
// started, plus helpers to disturb it (rotate host keys, drop connections,
// reset the "fresh server").
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { resetEngine2 } from './engine.mjs'

export interface Rig {
  sshd: {
    host: string
    port: number
    configFile: string
    pidFile: string
    /** Private host key files (ed25519, rsa); `${file}.pub` holds the public key. */
    hostKeyFiles: string[]
    /** docker: in groups docker + ccddocker; nodocker: may not open either socket; root. */
    users: { docker: string; nodocker: string; sudo: string; noForwarding: string; noKey: string; root: string }
    /** Password of users.docker and users.nodocker. */
    password: string
    /** Private key without passphrase, authorized for all three users. */
    key: string
    /** Private key protected by `passphrase`, authorized for all three users. */
    keyWithPassphrase: string
    passphrase: string
  }
  /** Engine 1: in swarm, socket group docker. */
  docker: { socket: string }
  /** Engine 2, the "fresh server": no swarm, socket group ccddocker. */
  docker2: { socket: string; dataRoot: string }
  /** Local-only busybox image present on both engines (sh, httpd, wget, tar...). */
  image: string
  /**
   * Debian's docker-registry on loopback (plain HTTP: dockerd allows 127.0.0.0/8).
   * images.v1 / images.v2: the rig's busybox (sh -c 'sleep'), each with its own
   * digest, present in the registry but not on the engines until a deploy pulls them.
   * `node test/rig/setup.mjs --registry` (re)starts only this part.
   */
  registry: { host: string; port: number; configFile: string; pidFile: string; images: { v1: string; v2: string } }
  chromium: string
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const RIG_FILE = path.join(REPO_ROOT, '.rig', 'rig.json')

export function loadRig(): Rig {
  if (!fs.existsSync(RIG_FILE)) {
    throw new Error(`${RIG_FILE} not found: run npm test, which starts the rig (or node test/rig/setup.mjs alone)`)
  }
  return JSON.parse(fs.readFileSync(RIG_FILE, 'utf8')) as Rig
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Replaces sshd's host keys and makes it reload them (SIGHUP re-execs sshd).
 * Resolves once sshd offers the new ed25519 key; returns the new public key
 * lines ("ssh-ed25519 AAAA... ccd-rig", ...).
 */
export async function rotateSshdHostKeys(rig: Rig): Promise<string[]> {
  const pubs = rig.sshd.hostKeyFiles.map((file) => {
    const type = path.basename(file).includes('rsa') ? 'rsa' : 'ed25519'
    fs.rmSync(file, { force: true })
    fs.rmSync(`${file}.pub`, { force: true })
    execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', 'ccd-rig', '-f', file])
    return fs.readFileSync(`${file}.pub`, 'utf8').trim()
  })
  const pid = Number(fs.readFileSync(rig.sshd.pidFile, 'utf8').trim())
  process.kill(pid, 'SIGHUP')
  const newEd25519 = pubs.find((p) => p.startsWith('ssh-ed25519'))!.split(' ')[1]
  for (const end = Date.now() + 15_000; Date.now() < end; await sleep(100)) {
    // Until the re-exec'd sshd listens, the port refuses or still shows the old key.
    let scan = ''
    try {
      scan = execFileSync('ssh-keyscan', ['-T', '2', '-t', 'ed25519', '-p', String(rig.sshd.port), rig.sshd.host], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    } catch { /* refused while restarting */ }
    if (scan.includes(newEd25519)) return pubs
  }
  throw new Error('sshd did not come back with the new host keys within 15s (see .rig/sshd/sshd.log)')
}

/**
 * Kills the per-connection processes of `user` under the rig's sshd
 * ("sshd: user [priv]" and its "sshd: user@notty" child; never the listener),
 * as if the network dropped. Resolves once they are gone, with how many there were.
 */
export async function killSshSessions(user: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<number> {
  const listener = Number(fs.readFileSync(loadRig().sshd.pidFile, 'utf8').trim())
  // setproctitle pads the title with NULs.
  const title = new RegExp(`^sshd(?:-session)?: ${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[ @\\0]|$)`)
  const ppid = (pid: number) => {
    try { return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) } catch { return 0 }
  }
  const pids: number[] = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let cmdline: string
    try { cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8') } catch { continue }
    const pid = Number(entry)
    // Only sessions of this rig's sshd: other sshds on the machine may serve the same user.
    if (!title.test(cmdline) || (ppid(pid) !== listener && ppid(ppid(pid)) !== listener)) continue
    pids.push(pid)
  }
  for (const pid of pids) { try { process.kill(pid, signal) } catch { /* already gone */ } }
  for (const end = Date.now() + 5000; Date.now() < end && pids.some((p) => fs.existsSync(`/proc/${p}`)); ) await sleep(50)
  return pids.length
}

/** The sudo user back outside the docker groups, as setup leaves it. */
export function resetSudoUser(rig: Rig): void {
  for (const group of ['docker', 'ccddocker']) {
    // gpasswd exits non-zero when the user is not a member: that's the goal.
    spawnSync('gpasswd', ['-d', rig.sshd.users.sudo, group], { stdio: 'ignore' })
  }
}

/** Engine 2 back to "fresh server": swarm left, containers removed, no proxy network. */
export async function resetDocker2(rig: Rig): Promise<void> {
  await resetEngine2(rig.docker2.socket)
}

/** A TCP port on 127.0.0.1 that was free a moment ago, for a test's own server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** A port on 127.0.0.1 where nothing listens: connecting is refused at once. */
export const closedPort = freePort

/**
 * A fresh, empty HOME for one test (with an empty ~/.ssh, mode 700), under
 * $CCD_TEST_HOME_ROOT which npm test points at a temp dir. Tests set HOME /
 * ABRA_DIR from it, never the real HOME.
 */
export function makeHome(): string {
  const root = process.env.CCD_TEST_HOME_ROOT || os.tmpdir()
  fs.mkdirSync(root, { recursive: true })
  const home = fs.mkdtempSync(path.join(root, 'home-'))
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 })
  return home
}

/**
 * Bare repos of every recipe in ../shared/recipes (one commit and tag per
 * version folder) in a fresh temp dir, served over git smart HTTP on
 * 127.0.0.1. Clone `${url}/<recipe>.git`; close() stops the server and removes
 * the repos.
 */
export async function startRecipeGitServer(): Promise<{ url: string; root: string; repos: import('./git-server.mjs').RecipeRepo[]; close(): Promise<void> }> {
  const { buildRecipeRepos, startGitServer } = await import('./git-server.mjs')
  const root = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || os.tmpdir(), 'recipe-repos-'))
  const { repos } = buildRecipeRepos({ sharedRecipes: path.join(REPO_ROOT, '..', 'shared', 'recipes'), outDir: root })
  const server = await startGitServer({ root })
  return {
    url: server.url,
    root,
    repos,
    close: async () => {
      await server.close()
      fs.rmSync(root, { recursive: true, force: true })
    }
  }
}
