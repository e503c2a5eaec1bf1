// `npm start`: build, then open the app in Electron, or in the web browser
// when Electron's program isn't on this computer and can't be fetched.
// CCD_NO_ELECTRON=1 goes straight to the browser.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const require = createRequire(import.meta.url)
const INSTALL_TIMEOUT_MS = 120_000

function build() {
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The build failed (see above), so Co-op Cloud Desktop cannot start.')
    process.exit(result.status ?? 1)
  }
}

// require('electron') answers with the program's path, or throws when the
// download never happened. Forget the cached answer so a retry looks again.
function electronPath() {
  const id = require.resolve('electron')
  delete require.cache[id]
  try {
    // In plain Node the package is only its program's path, not the API the layering rule keeps in the shell.
    // eslint-disable-next-line layers/electron-only-in-shell-dynamic
    const file = require('electron')
    return typeof file === 'string' && existsSync(file) ? file : null
  } catch {
    return null
  }
}

function tryInstallElectron() {
  console.log('Fetching Electron (this happens once)…')
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js')
  // Bounded, and killed outright: a stalled download must not hang `npm start`.
  spawnSync(process.execPath, [installer], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL'
  })
}

function run(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env })
  // Ctrl+C reaches the child through the terminal; just mirror its exit.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

function browserMode() {
  run(process.execPath, [path.join(root, 'out/main/serve.js'), '--open'])
}

build()

if (process.env.CCD_NO_ELECTRON === '1') {
  console.log('CCD_NO_ELECTRON=1: opening Co-op Cloud Desktop in your web browser.')
  browserMode()
} else {
  let electron = electronPath()
  if (!electron) {
    tryInstallElectron()
    electron = electronPath()
  }
  if (!electron) {
    console.log(
      "Electron's program isn't installed on this computer and couldn't be downloaded, so Co-op Cloud Desktop is opening in your web browser instead."
    )
    browserMode()
  } else {
    const env = { ...process.env }
    // Set by some tools; it would make Electron behave as plain Node.
    delete env.ELECTRON_RUN_AS_NODE
    // Chromium refuses to start as root without this (containers, CI).
    const args = process.getuid?.() === 0 ? ['.', '--no-sandbox'] : ['.']
    run(electron, args, env)
  }
}
