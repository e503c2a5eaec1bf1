#!/usr/bin/env node
// `npm test`: start the rig, typecheck, lint, build, then run every vitest
// project inside a private D-Bus session with an unlocked gnome-keyring (the
// OS keychain) and a private Xvfb display (for Electron). Fails at the first
// broken step. Extra arguments go to vitest: `npm test -- test/unit`.
// SKIP_LINT=1 / SKIP_BUILD=1 are for quick local runs only; CI never sets them.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name)

function step(title, cmd, args, opts = {}) {
  console.log(`\n> ${title}`)
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts })
  if (r.status !== 0) {
    console.error(`\nnpm test: ${title} failed (${r.error?.message ?? (r.signal || `exit ${r.status}`)})`)
    return r.status || 1
  }
  return 0
}

// Xvfb picks a free display itself (-displayfd) and writes its number on fd 3.
function startXvfb() {
  return new Promise((resolve, reject) => {
    const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] })
    let out = '', err = ''
    x.stderr.on('data', (d) => (err += d))
    x.stdio[3].on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve({ proc: x, display: `:${out.trim()}` })
    })
    x.once('error', reject)
    x.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.trim()}`)))
  })
}

async function main() {
  const fail = (code) => process.exit(code)
  let code = step('rig (test/rig/setup.mjs)', process.execPath, ['test/rig/setup.mjs'])
  if (code) fail(code)
  if (process.env.SKIP_LINT !== '1') {
    if ((code = step('typecheck (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']))) fail(code)
    if ((code = step('lint (eslint)', bin('eslint'), ['.']))) fail(code)
  }
  if (process.env.SKIP_BUILD !== '1') {
    // e2e tests load the built app from out/.
    if ((code = step('build (electron-vite build)', bin('electron-vite'), ['build']))) fail(code)
  }

  // Everything a test may write outside its own temp dirs lands here, so the
  // developer's real keychain, config and ~/.ssh are never touched. HOME stays
  // as is (npm needs it); tests make their own homes with makeHome().
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-test-'))
  const dirs = Object.fromEntries(['data', 'config', 'cache', 'run', 'homes'].map((d) => {
    const p = path.join(tmp, d)
    fs.mkdirSync(p, { mode: 0o700 })
    return [d, p]
  }))
  const xvfb = await startXvfb()
  const env = {
    ...process.env,
    DISPLAY: xvfb.display,
    XDG_DATA_HOME: dirs.data, // gnome-keyring keeps its keyrings here
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.run,
    CCD_TEST_HOME_ROOT: dirs.homes
  }
  // --unlock creates and unlocks a "login" keyring with this password, which
  // libsecret then uses as the default collection.
  const inSession = 'node=$0 vitest=$1; shift;' +
    ' printf %s ccd-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null' +
    ' && "$node" test/rig/keyring.mjs && exec "$node" "$vitest" run "$@"'
  const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
  try {
    code = step(`vitest run ${process.argv.slice(2).join(' ')}`.trim(), 'dbus-run-session',
      ['--', 'sh', '-c', inSession, process.execPath, vitest, ...process.argv.slice(2)], { env })
  } finally {
    xvfb.proc.kill()
    if (process.env.CCD_KEEP_TEST_TMP !== '1') fs.rmSync(tmp, { recursive: true, force: true })
  }
  fail(code)
}

main().catch((e) => {
  console.error(`npm test: ${e.stack ?? e}`)
  process.exit(1)
})
