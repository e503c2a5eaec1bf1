#!/usr/bin/env node
// Test rig: brings up the real services that integration and e2e tests talk to
// (two Docker engines, an OpenSSH server with test users, a busybox image) and
// describes them in .rig/rig.json. Idempotent: a second run only checks.
// Plain Node, no dependencies, so it runs before anything else is built.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { D2_BRIDGE, api, ping, resetEngine2, swarmState } from './engine.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const RIG = path.join(ROOT, '.rig')
// Sockets and authorized_keys live under /tmp: unix socket paths are limited to
// 107 bytes, and the unprivileged test users must be able to traverse to them
// even when the clone sits in a 0700 home directory.
const TMP = '/tmp/ccd-rig'
// Per clone: two clones on one machine each run their own sshd and keys (the
// two Docker engines, their ports and bridges are machine-wide and shared).
const AUTH_DIR = `${TMP}/${crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}/authorized_keys`
const IMAGE = 'ccd-busybox:test'
// Bump when the image content changes: an image without this label is re-imported.
const IMAGE_LABEL = 'ccd.rig.image=2'
const CHROMIUM = '/usr/bin/chromium'
const REGISTRY_BIN = '/usr/bin/docker-registry'
const SSHD = '/usr/sbin/sshd' // absolute: sshd re-execs itself on SIGHUP
const D1 = { sock: '/var/run/docker.sock', log: path.join(RIG, 'dockerd.log') }
const D2 = {
  sock: `${TMP}/d2.sock`,
  dataRoot: path.join(RIG, 'd2', 'data'),
  execRoot: '/tmp/ccd-d2-exec',
  pidFile: path.join(RIG, 'd2', 'pid'),
  log: path.join(RIG, 'd2', 'dockerd.log')
}
// noKey: a member with only a password (and sudo), as a fresh VPS hands out;
// tests sign it in on an sshd of their own, whose settings they may change.
const USERS = { docker: 'ccdtest', nodocker: 'ccdnodocker', sudo: 'ccdsudo', noForwarding: 'ccdstdio', noKey: 'ccdnokey', root: 'root' }
// Daemons we start need the sbin tools (containerd, runc, iptables) on PATH.
const ENV = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin` }

const log = (msg) => console.log(`rig: ${msg}`)
class RigError extends Error {}
const fail = (msg) => { throw new RigError(msg) }

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: ENV, ...opts })
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim()
    fail(`\`${cmd} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`})${out ? `:\n${out}` : ''}`)
  }
  return r.stdout
}

function which(cmd) {
  for (const dir of ENV.PATH.split(':')) {
    const p = path.join(dir || '.', cmd)
    try { fs.accessSync(p, fs.constants.X_OK); return p } catch { /* next */ }
  }
  return null
}

// A static ELF has no PT_INTERP program header; the dynamic `busybox` package
// would not run inside an empty image.
function isStaticElf(file) {
  try {
    const b = fs.readFileSync(file)
    if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2) return false // ELF64 only
    const phoff = Number(b.readBigUInt64LE(0x20)), phentsize = b.readUInt16LE(0x36), phnum = b.readUInt16LE(0x38)
    for (let i = 0; i < phnum; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3) return false
    return true
  } catch { return false }
}

// ---------- packages ----------

const REQUIRED = [
  ['dockerd', 'docker.io', () => which('dockerd')],
  ['docker', 'docker.io', () => which('docker')],
  [SSHD, 'openssh-server', () => fs.existsSync(SSHD)],
  ['ssh-keygen', 'openssh-server', () => which('ssh-keygen')],
  [CHROMIUM, 'chromium', () => fs.existsSync(CHROMIUM)],
  ['Xvfb', 'xvfb', () => which('Xvfb')],
  ['gnome-keyring-daemon', 'gnome-keyring', () => which('gnome-keyring-daemon')],
  ['dbus-run-session', 'dbus', () => which('dbus-run-session')],
  ['dbus-daemon', 'dbus', () => which('dbus-daemon')],
  ['dbus-launch', 'dbus-x11', () => which('dbus-launch')],
  ['libsecret headers', 'libsecret-1-dev', () => fs.existsSync('/usr/include/libsecret-1/libsecret/secret.h')],
  ['static /bin/busybox', 'busybox-static', () => isStaticElf('/bin/busybox')],
  // Nightly backups' stand-in bot image is built from it (test/support/backup-bot-image.ts).
  ['restic', 'restic', () => fs.existsSync('/usr/bin/restic')],
  ['git', 'git', () => which('git')],
  ['tar', 'tar', () => which('tar')],
  ['ip', 'iproute2', () => which('ip')],
  ['sudo', 'sudo', () => which('sudo')],
  // The firewall and automatic-updates checks run them on a test server in a
  // network namespace (never on this machine itself), which has no internet.
  ['ufw', 'ufw', () => fs.existsSync('/usr/sbin/ufw')],
  ['iptables-save', 'iptables', () => which('iptables-save')],
  ['unattended-upgrade', 'unattended-upgrades', () => fs.existsSync('/usr/bin/unattended-upgrade')],
  // A real image registry on loopback, so deploys resolve digests and pull as users' do.
  [REGISTRY_BIN, 'docker-registry', () => fs.existsSync(REGISTRY_BIN)]
]

function ensurePackages() {
  const missing = () => REQUIRED.filter(([, , ok]) => !ok())
  let miss = missing()
  if (!miss.length) return
  const pkgs = [...new Set(miss.map(([, p]) => p))]
  const list = miss.map(([what, p]) => `  ${what} (Debian package ${p})`).join('\n')
  const debian = fs.existsSync('/etc/debian_version') && which('apt-get')
  if (process.getuid() !== 0 || !debian) {
    fail(`missing:\n${list}\nInstall them (as root on Debian: apt-get install -y ${pkgs.join(' ')}) and run again.`)
  }
  log(`installing ${pkgs.join(' ')}`)
  const env = { ...ENV, DEBIAN_FRONTEND: 'noninteractive' }
  // Installed for the tests' servers: this machine itself must not start updating itself.
  if (pkgs.includes('unattended-upgrades')) run('debconf-set-selections', [], { input: 'unattended-upgrades unattended-upgrades/enable_auto_updates boolean false\n' })
  run('apt-get', ['update'], { env, stdio: 'inherit' })
  run('apt-get', ['install', '-y', ...pkgs], { env, stdio: 'inherit' })
  miss = missing()
  if (miss.length) fail(`still missing after apt-get install:\n${miss.map(([w]) => `  ${w}`).join('\n')}`)
}

// ---------- users ----------

const readDb = (file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(':'))
const groupMembers = (g) => (readDb('/etc/group').find((e) => e[0] === g)?.[3] ?? '').split(',').filter(Boolean)

function ensureUsers(password) {
  if (process.getuid() !== 0) fail('the rig must run as root (it creates users and starts sshd/dockerd)')
  for (const g of ['docker', 'ccddocker']) {
    if (!readDb('/etc/group').some((e) => e[0] === g)) run('groupadd', ['--system', g])
  }
  const hasUser = (u) => readDb('/etc/passwd').some((e) => e[0] === u)
  for (const u of [USERS.docker, USERS.nodocker, USERS.sudo, USERS.noForwarding, USERS.noKey]) {
    if (!hasUser(u)) run('useradd', ['--create-home', '--shell', '/bin/sh', u])
  }
  for (const g of ['docker', 'ccddocker']) {
    for (const u of [USERS.docker, USERS.noForwarding, USERS.noKey]) if (!groupMembers(g).includes(u)) run('usermod', ['-aG', g, u])
    for (const u of [USERS.nodocker, USERS.sudo]) if (groupMembers(g).includes(u)) run('gpasswd', ['-d', u, g])
  }
  // The sudo user may become root without a password but starts outside the
  // docker group: "Prepare this server" is what gives it access.
  for (const u of [USERS.sudo, USERS.noKey]) fs.writeFileSync(`/etc/sudoers.d/${u}`, `${u} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 })
  // Both get the password: with UsePAM no, sshd refuses even key logins to an
  // account whose password is locked ("!"), which is useradd's default.
  run('chpasswd', [], { input: [USERS.docker, USERS.nodocker, USERS.sudo, USERS.noForwarding, USERS.noKey].map((u) => `${u}:${password}\n`).join('') })
  // Same reason for root: "*" (no password login) is fine, "!" (locked) is not.
  const root = readDb('/etc/shadow').find((e) => e[0] === 'root')
  if (root?.[1]?.startsWith('!')) run('usermod', ['-p', '*', 'root'])
}

// ---------- docker ----------

async function waitFor(what, check, ms, logFile) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    if (await check()) return
  }
  const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n') : ''
  fail(`${what} did not come up within ${ms / 1000}s${tail ? `; end of ${logFile}:\n${tail}` : ''}`)
}

function startDetached(cmd, args, logFile) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const fd = fs.openSync(logFile, 'a')
  // detached: its own session, so it outlives this script and `npm test`.
  spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: ENV }).unref()
  fs.closeSync(fd)
}

async function ensureEngine1() {
  if (!(await ping(D1.sock))) {
    log('starting dockerd (engine 1)')
    startDetached(which('dockerd'), [], D1.log)
    await waitFor('dockerd (engine 1)', () => ping(D1.sock), 90_000, D1.log)
  }
  // dockerd gives the socket to group docker only if the group existed when it started.
  const gid = Number(readDb('/etc/group').find((e) => e[0] === 'docker')[2])
  if (fs.statSync(D1.sock).gid !== gid) { fs.chownSync(D1.sock, 0, gid); fs.chmodSync(D1.sock, 0o660) }
  const state = await swarmState(D1.sock)
  if (state === 'inactive') {
    log('swarm init on engine 1')
    await swarmInit1()
  } else if (state === 'active') await ensureEngine1OnLoopback()
  else fail(`engine 1 swarm is "${state}", expected active; fix it by hand (docker swarm leave --force)`)
}

// Listen on loopback only: swarm's gossip (port 7946, not configurable) binds
// to the listen address, and engine 2's swarm needs 127.0.0.2:7946 free.
async function swarmInit1() {
  const r = await api(D1.sock, 'POST', '/swarm/init', { ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' })
  if (r.status !== 200) fail(`swarm init on engine 1 failed: ${r.text}`)
}

// A swarm made by hand with `docker swarm init` listens on 0.0.0.0 and holds
// *:7946; then engine 2's overlay networking breaks (its log says "failed to
// create memberlist"). Re-initialise engine 1 if nothing runs on it.
async function ensureEngine1OnLoopback() {
  const root = (await api(D1.sock, 'GET', '/info')).json?.DockerRootDir ?? '/var/lib/docker'
  let listen
  try { listen = JSON.parse(fs.readFileSync(path.join(root, 'swarm', 'docker-state.json'), 'utf8')).ListenAddr } catch { return }
  if (listen.startsWith('127.')) return
  const services = (await api(D1.sock, 'GET', '/services')).json ?? []
  if (services.length) {
    log(`WARNING: engine 1's swarm listens on ${listen} and runs ${services.length} service(s), so it was left alone; overlay networks on engine 2 will not work. Fix: docker service rm them, then run the rig again.`)
    return
  }
  log(`re-initialising swarm on engine 1 to listen on 127.0.0.1 (was ${listen})`)
  const r = await api(D1.sock, 'POST', '/swarm/leave?force=1')
  if (r.status !== 200) fail(`swarm leave on engine 1 failed: ${r.text}`)
  await swarmInit1()
}

function pidAlive(pidFile, mustContain) {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim())
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return cmd.includes(mustContain) ? pid : 0
  } catch { return 0 }
}

// Engine 2's default bridge (see engine.mjs for why not `--bridge none`).
function ensureD2Bridge() {
  if (fs.existsSync(`/sys/class/net/${D2_BRIDGE.name}`)) return
  run('ip', ['link', 'add', D2_BRIDGE.name, 'type', 'bridge'])
  run('ip', ['addr', 'add', D2_BRIDGE.cidr, 'dev', D2_BRIDGE.name])
  run('ip', ['link', 'set', D2_BRIDGE.name, 'up'])
}

async function ensureEngine2() {
  if (!(await ping(D2.sock))) {
    if (!pidAlive(D2.pidFile, 'dockerd')) {
      log('starting dockerd (engine 2, fresh server)')
      ensureD2Bridge()
      fs.rmSync(D2.pidFile, { force: true }) // stale pid may now belong to another process
      fs.mkdirSync(D2.dataRoot, { recursive: true })
      startDetached(which('dockerd'), [
        '--data-root', D2.dataRoot, '--exec-root', D2.execRoot, '--pidfile', D2.pidFile,
        '-H', `unix://${D2.sock}`, '--bridge', D2_BRIDGE.name, '--iptables=false',
        '--containerd-namespace', 'n2', '--containerd-plugins-namespace', 'n2p', '-G', 'ccddocker'
      ], D2.log)
    }
    await waitFor('dockerd (engine 2)', () => ping(D2.sock), 90_000, D2.log)
  }
  try { await resetEngine2(D2.sock) } catch (e) { fail(e.message) }
}

// A rootfs of static busybox with its applets as symlinks: enough for sh,
// httpd, wget, tar... without any registry access.
function buildRootfsTar() {
  const tarFile = path.join(RIG, 'image', `rootfs-${IMAGE_LABEL.split('=')[1]}.tar`)
  if (fs.existsSync(tarFile)) return tarFile
  const dir = path.join(RIG, 'image', 'rootfs')
  fs.rmSync(dir, { recursive: true, force: true })
  for (const d of ['bin', 'usr/bin', 'etc', 'root', 'var/www', 'proc', 'sys', 'dev']) fs.mkdirSync(path.join(dir, d), { recursive: true })
  fs.mkdirSync(path.join(dir, 'tmp'), { mode: 0o1777 })
  fs.chmodSync(path.join(dir, 'tmp'), 0o1777)
  fs.copyFileSync('/bin/busybox', path.join(dir, 'bin', 'busybox'))
  fs.chmodSync(path.join(dir, 'bin', 'busybox'), 0o755)
  const applets = run('/bin/busybox', ['--list']).split('\n').filter((a) => a && a !== 'busybox')
  for (const a of applets) fs.symlinkSync('busybox', path.join(dir, 'bin', a))
  fs.symlinkSync('/bin/busybox', path.join(dir, 'usr', 'bin', 'env'))
  fs.writeFileSync(path.join(dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n')
  fs.writeFileSync(path.join(dir, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n')
  run('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', dir, '-cf', `${tarFile}.tmp`, '.'])
  fs.renameSync(`${tarFile}.tmp`, tarFile)
  return tarFile
}

async function ensureImage(sock) {
  const [key, value] = IMAGE_LABEL.split('=')
  const have = await api(sock, 'GET', `/images/${IMAGE}/json`)
  if (have.json?.Config?.Labels?.[key] === value) return
  log(`importing ${IMAGE} into ${sock}`)
  const [repo, tag] = IMAGE.split(':')
  const changes = ['CMD ["sh"]', `LABEL ${IMAGE_LABEL}`].map((c) => `changes=${encodeURIComponent(c)}`).join('&')
  const r = await api(sock, 'POST', `/images/create?fromSrc=-&repo=${repo}&tag=${tag}&${changes}`, fs.readFileSync(buildRootfsTar()))
  if (r.status !== 200 || r.text.includes('"error"')) fail(`docker import on ${sock} failed: ${r.text}`)
}

// Co-op Cloud's traefik recipe pins traefik:v2.4.8, which no registry can
// supply here. This stand-in carries that name: busybox plus a `traefik`
// script that passes the recipe's healthcheck (`traefik healthcheck`) and
// otherwise serves a page, so "Deploy the proxy" runs the real recipe.
const TRAEFIK_STANDIN = 'traefik:v2.4.8'
const TRAEFIK_LABEL = 'ccd.rig.traefik-standin=1'
const TRAEFIK_SCRIPT = [
  '#!/bin/sh',
  '# Test stand-in for Traefik (see test/rig/setup.mjs).',
  '[ "$1" = healthcheck ] && exit 0',
  'mkdir -p /tmp/www && echo "traefik stand-in" > /tmp/www/index.html',
  'exec httpd -f -p 8080 -h /tmp/www',
  ''
].join('\n')

async function ensureTraefikStandin(sock) {
  const [key, value] = TRAEFIK_LABEL.split('=')
  const have = await api(sock, 'GET', `/images/${TRAEFIK_STANDIN}/json`)
  if (have.json?.Config?.Labels?.[key] === value) return
  log(`making the ${TRAEFIK_STANDIN} stand-in on ${sock}`)
  const script = Buffer.from(TRAEFIK_SCRIPT).toString('base64')
  const created = await api(sock, 'POST', '/containers/create', {
    Image: IMAGE,
    Cmd: ['sh', '-c', `echo ${script} | base64 -d > /bin/traefik && chmod 755 /bin/traefik`],
    HostConfig: { NetworkMode: 'none' }
  })
  if (created.status !== 201) fail(`creating the traefik stand-in container on ${sock} failed: ${created.text}`)
  const id = created.json.Id
  try {
    await api(sock, 'POST', `/containers/${id}/start`)
    const waited = await api(sock, 'POST', `/containers/${id}/wait`)
    if (waited.json?.StatusCode !== 0) fail(`writing the traefik stand-in script on ${sock} failed: ${waited.text}`)
    const [repo, tag] = TRAEFIK_STANDIN.split(':')
    const committed = await api(sock, 'POST', `/commit?container=${id}&repo=${repo}&tag=${tag}`, {
      Entrypoint: ['/bin/traefik'],
      Cmd: [],
      Labels: { [key]: value }
    })
    if (committed.status !== 201) fail(`committing the traefik stand-in on ${sock} failed: ${committed.text}`)
  } finally {
    await api(sock, 'DELETE', `/containers/${id}?force=1`)
  }
}

// ---------- registry ----------

// Debian's docker-registry (distribution 2.8), on loopback with its own config
// and storage under .rig/registry. dockerd treats 127.0.0.0/8 registries as
// insecure (plain HTTP) by default, so no TLS is needed. Holds the images the
// registry tests deploy: REGISTRY_REPO:v1 and :v2 (different digests).
const REGISTRY = {
  dir: path.join(RIG, 'registry'),
  repo: 'ccd/busybox',
  tags: ['v1', 'v2'],
  // Bump when what is pushed changes: a registry without it is filled again.
  content: 'ccd.rig.registry=1'
}

function registryConfig(port) {
  return [
    '# Written by test/rig/setup.mjs: a private image registry for tests, loopback only.',
    'version: 0.1',
    'log:',
    '  level: info',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(REGISTRY.dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ''
  ].join('\n')
}

const registryAnswers = async (port) => {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2000) })
    return r.status === 200 && r.headers.get('docker-distribution-api-version') === 'registry/2.0'
  } catch { return false }
}

async function hasManifest(port, tag) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/v2/${REGISTRY.repo}/manifests/${tag}`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      signal: AbortSignal.timeout(2000)
    })
    return r.status === 200
  } catch { return false }
}

async function ensureRegistry(prevPort) {
  fs.mkdirSync(path.join(REGISTRY.dir, 'data'), { recursive: true })
  const cfgFile = path.join(REGISTRY.dir, 'config.yml'), pidFile = path.join(REGISTRY.dir, 'pid'), logFile = path.join(REGISTRY.dir, 'registry.log')
  const pid = pidAlive(pidFile, cfgFile)
  let port = pid && prevPort && (await registryAnswers(prevPort)) ? prevPort : 0
  const current = fs.existsSync(cfgFile) ? fs.readFileSync(cfgFile, 'utf8') : ''
  if (!port || current !== registryConfig(port)) {
    if (pid) { process.kill(pid, 'SIGTERM'); await waitFor('old registry to stop', () => !pidAlive(pidFile, cfgFile), 10_000) }
    port = prevPort && (await portFree(prevPort)) ? prevPort : (await portFree(5000)) ? 5000 : await anyFreePort()
    fs.writeFileSync(cfgFile, registryConfig(port))
    log(`starting docker-registry on 127.0.0.1:${port}`)
    const fd = fs.openSync(logFile, 'a')
    // detached: its own session, so it outlives this script; the pid is ours to record.
    const child = spawn(REGISTRY_BIN, ['serve', cfgFile], { detached: true, stdio: ['ignore', fd, fd], env: ENV })
    child.unref()
    fs.closeSync(fd)
    fs.writeFileSync(pidFile, `${child.pid}\n`)
    await waitFor('docker-registry', () => registryAnswers(port), 15_000, logFile)
  }
  const marker = path.join(REGISTRY.dir, 'data', 'ccd-content')
  const filled = fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === REGISTRY.content
  if (!filled || !(await Promise.all(REGISTRY.tags.map((tag) => hasManifest(port, tag)))).every(Boolean)) await pushRegistryImages(port)
  fs.writeFileSync(marker, REGISTRY.content)
  return {
    host: `127.0.0.1:${port}`, port, configFile: cfgFile, pidFile,
    images: Object.fromEntries(REGISTRY.tags.map((tag) => [tag, `127.0.0.1:${port}/${REGISTRY.repo}:${tag}`]))
  }
}

// Each tag: the rig's busybox plus a file naming the tag, so each has its own digest.
// The local tags are removed again: a deploy must pull them.
async function pushRegistryImages(port) {
  for (const tag of REGISTRY.tags) {
    const name = `127.0.0.1:${port}/${REGISTRY.repo}`
    log(`pushing ${name}:${tag} to the rig's registry`)
    const created = await api(D1.sock, 'POST', '/containers/create', {
      Image: IMAGE, Cmd: ['sh', '-c', `echo ${tag} > /etc/ccd-version`], HostConfig: { NetworkMode: 'none' }
    })
    if (created.status !== 201) fail(`creating the ${tag} image container failed: ${created.text}`)
    const id = created.json.Id
    try {
      await api(D1.sock, 'POST', `/containers/${id}/start`)
      const waited = await api(D1.sock, 'POST', `/containers/${id}/wait`)
      if (waited.json?.StatusCode !== 0) fail(`writing the ${tag} image's file failed: ${waited.text}`)
      const committed = await api(D1.sock, 'POST', `/commit?container=${id}&repo=${encodeURIComponent(name)}&tag=${tag}`, {
        Cmd: ['sh', '-c', 'exec sleep 100000'], Labels: { 'ccd.rig.registry-tag': tag }
      })
      if (committed.status !== 201) fail(`committing ${name}:${tag} failed: ${committed.text}`)
    } finally {
      await api(D1.sock, 'DELETE', `/containers/${id}?force=1`)
    }
    run('docker', ['-H', `unix://${D1.sock}`, 'push', `${name}:${tag}`])
    await api(D1.sock, 'DELETE', `/images/${name}:${tag}`)
  }
}

// ---------- ssh ----------

// The test users, their password and the keys they accept are the machine's,
// not a clone's: kept beside the engines' sockets in TMP, so that setting up a
// second clone leaves the first one's logins working.
const MACHINE = path.join(TMP, 'machine')

function secrets() {
  const file = path.join(MACHINE, 'secrets.json')
  if (fs.existsSync(file)) return { ...JSON.parse(fs.readFileSync(file, 'utf8')), fresh: false }
  const s = { password: `pw-${crypto.randomBytes(9).toString('base64url')}`, passphrase: `pp-${crypto.randomBytes(9).toString('base64url')}` }
  fs.mkdirSync(MACHINE, { recursive: true, mode: 0o700 })
  fs.writeFileSync(file, JSON.stringify(s), { mode: 0o600 })
  return { ...s, fresh: true }
}

function keygen(file, type, passphrase = '') {
  fs.rmSync(file, { force: true }); fs.rmSync(`${file}.pub`, { force: true })
  run('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', passphrase, '-C', 'ccd-rig', '-f', file])
  fs.chmodSync(file, 0o600)
}

function ensureClientKeys(sec) {
  const dir = path.join(MACHINE, 'keys')
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const key = path.join(dir, 'id_ed25519'), keyPass = path.join(dir, 'id_ed25519_pass')
  if (!fs.existsSync(`${key}.pub`)) keygen(key, 'ed25519')
  if (sec.fresh || !fs.existsSync(`${keyPass}.pub`)) keygen(keyPass, 'ed25519', sec.passphrase)
  // authorized_keys are rig-owned (see AuthorizedKeysFile) so users' homes stay untouched.
  const authDir = AUTH_DIR
  fs.mkdirSync(authDir, { recursive: true, mode: 0o755 })
  fs.chmodSync(path.dirname(authDir), 0o755)
  const pubs = fs.readFileSync(`${key}.pub`, 'utf8') + fs.readFileSync(`${keyPass}.pub`, 'utf8')
  for (const u of Object.values(USERS)) fs.writeFileSync(path.join(authDir, u), pubs, { mode: 0o644 })
  return { key, keyPass }
}

const portFree = (port) => new Promise((resolve) => {
  const s = net.createServer().once('error', () => resolve(false))
  s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
})

const anyFreePort = () => new Promise((resolve, reject) => {
  const s = net.createServer().once('error', reject)
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
})

// True once something on the port speaks SSH.
const sshBanner = (port) => new Promise((resolve) => {
  const s = net.connect(port, '127.0.0.1')
  const done = (ok) => { s.destroy(); resolve(ok) }
  s.setTimeout(2000, () => done(false)).once('error', () => done(false))
  s.once('data', (d) => done(d.toString().startsWith('SSH-2.0')))
})

function sshdConfig(port, dir, hostKeys) {
  return [
    '# Written by test/rig/setup.mjs: a private sshd for tests, loopback only.',
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    ...hostKeys.map((k) => `HostKey ${k}`),
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${AUTH_DIR}/%u`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin yes',
    'AllowStreamLocalForwarding yes',
    'AllowTcpForwarding yes',
    'UsePAM no',
    'StrictModes no',
    'LogLevel VERBOSE',
    // Tests open many connections at once; the default 10:30:100 drops some.
    'MaxStartups 200',
    'MaxSessions 100',
    'Subsystem sftp internal-sftp',
    // Like servers whose admin turned socket forwarding off: Docker must be
    // reached through `docker system dial-stdio` instead.
    `Match User ${USERS.noForwarding}`,
    '  AllowStreamLocalForwarding no',
    ''
  ].join('\n')
}

async function ensureSshd(prevPort) {
  const dir = path.join(RIG, 'sshd')
  fs.mkdirSync(dir, { recursive: true })
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }) // privilege separation dir
  const hostKeys = [['ed25519', 'ssh_host_ed25519_key'], ['rsa', 'ssh_host_rsa_key']].map(([type, name]) => {
    const f = path.join(dir, name)
    if (!fs.existsSync(f)) keygen(f, type)
    return f
  })
  const cfgFile = path.join(dir, 'sshd_config'), pidFile = path.join(dir, 'sshd.pid'), logFile = path.join(dir, 'sshd.log')
  const pid = pidAlive(pidFile, cfgFile)
  let port = pid && prevPort && (await sshBanner(prevPort)) ? prevPort : 0
  const current = fs.existsSync(cfgFile) ? fs.readFileSync(cfgFile, 'utf8') : ''
  if (!port || current !== sshdConfig(port, dir, hostKeys)) {
    if (pid) { process.kill(pid, 'SIGTERM'); await waitFor('old sshd to stop', () => !pidAlive(pidFile, cfgFile), 10_000) }
    port = prevPort && (await portFree(prevPort)) ? prevPort : (await portFree(2222)) ? 2222 : await anyFreePort()
    fs.writeFileSync(cfgFile, sshdConfig(port, dir, hostKeys))
    run(SSHD, ['-t', '-f', cfgFile]) // config errors on stderr rather than in the log
    log(`starting sshd on 127.0.0.1:${port}`)
    run(SSHD, ['-f', cfgFile, '-E', logFile]) // forks into the background itself
    await waitFor('sshd', () => sshBanner(port), 15_000, logFile)
  }
  return { port, configFile: cfgFile, pidFile, hostKeyFiles: hostKeys }
}

// ---------- main ----------

// `node test/rig/setup.mjs --registry`: only the registry (started, filled),
// leaving sshd and both engines as they are, for a rig already running.
async function registryOnly() {
  const t0 = Date.now()
  const rigFile = path.join(RIG, 'rig.json')
  if (!fs.existsSync(rigFile)) fail('no .rig/rig.json yet: run the whole setup first')
  if (!(await ping(D1.sock))) fail(`engine 1 (${D1.sock}) does not answer: run the whole setup`)
  const rig = JSON.parse(fs.readFileSync(rigFile, 'utf8'))
  rig.registry = await ensureRegistry(rig.registry?.port)
  fs.writeFileSync(rigFile, `${JSON.stringify(rig, null, 2)}\n`, { mode: 0o600 })
  log(`registry ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (${rig.registry.host})`)
}

async function main() {
  if (process.argv.includes('--registry')) return registryOnly()
  const t0 = Date.now()
  ensurePackages()
  fs.mkdirSync(RIG, { recursive: true })
  fs.mkdirSync(TMP, { recursive: true, mode: 0o755 })
  fs.chmodSync(TMP, 0o755)
  const sec = secrets()
  ensureUsers(sec.password)
  const rigFile = path.join(RIG, 'rig.json')
  const prev = fs.existsSync(rigFile) ? JSON.parse(fs.readFileSync(rigFile, 'utf8')) : null
  await ensureEngine1()
  await ensureEngine2()
  await ensureImage(D1.sock)
  await ensureImage(D2.sock)
  await ensureTraefikStandin(D1.sock)
  await ensureTraefikStandin(D2.sock)
  const { key, keyPass } = ensureClientKeys(sec)
  const sshd = await ensureSshd(prev?.sshd?.port)
  const registry = await ensureRegistry(prev?.registry?.port)
  const rig = {
    sshd: {
      host: '127.0.0.1', ...sshd, users: USERS, password: sec.password,
      key, keyWithPassphrase: keyPass, passphrase: sec.passphrase
    },
    docker: { socket: D1.sock },
    // Another clone may have started engine 2: ask it where its data is.
    docker2: { socket: D2.sock, dataRoot: (await api(D2.sock, 'GET', '/info')).json?.DockerRootDir ?? D2.dataRoot },
    image: IMAGE,
    registry,
    chromium: CHROMIUM
  }
  fs.writeFileSync(rigFile, `${JSON.stringify(rig, null, 2)}\n`, { mode: 0o600 })
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (${path.relative(process.cwd(), rigFile) || rigFile})`)
}

main().catch((e) => {
  console.error(`rig: setup failed: ${e instanceof RigError ? e.message : e.stack}`)
  process.exit(1)
})
