import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startBrowserServer, type BrowserServer } from '../../src-main/browser/server'
import { createCore, type Core, type CoreOptions } from '../../src-main/core/core'
import { osKeychain } from '../../src-main/keychain/keychain'
import { REPO_ROOT, type Rig } from '../rig/rig'

// Debian's Chromium driving the built renderer through browser mode, against
// a real core: the same code the Electron window runs, minus Electron.

export const SHOTS = path.join(REPO_ROOT, 'test-results', 'e2e')

export interface App {
  core: Core
  server: BrowserServer
  browser: BrowserContext
  page: Page
  consoleErrors: string[]
  close(): Promise<void>
}

/** `more`: more of the core's options, e.g. a background monitor with a short interval. */
export async function openApp(rig: Rig, home: string, keychainService: string, env: Record<string, string> = {}, more: Pick<CoreOptions, 'monitor'> = {}): Promise<App> {
  const staticDir = path.join(REPO_ROOT, 'out', 'renderer')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('out/renderer is missing: npm test builds it first (electron-vite build).')
  const core = createCore({ transport: 'browser', home, env: { HOME: home, ...env }, keychain: osKeychain(keychainService), ...more })
  const server = await startBrowserServer({ core, port: 0, staticDir })
  // A fresh profile every run: nothing from an earlier run can leak in.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-chromium-'))
  let relay: Relay | undefined
  let browser: BrowserContext
  try {
    // Chromium runs in a network namespace of its own (chromium-alone.sh): the
    // rig's interfaces come and go while tests run, and Chromium fails requests
    // in flight when they do. The page reaches the server through this socket.
    relay = await relayToServer(path.join(dir, 'app.sock'), server.port)
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM_ALONE,
      env: { ...process.env, CCD_RELAY_NODE: process.execPath, CCD_RELAY_CHROMIUM: rig.chromium, CCD_RELAY_PORT: String(server.port), CCD_RELAY_SOCKET: relay.socketPath },
      headless: true,
      viewport: { width: 1200, height: 820 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    })
  } catch (err) {
    await relay?.close()
    await server.close()
    await core.close()
    fs.rmSync(dir, { recursive: true, force: true })
    throw err
  }
  const page = browser.pages()[0] ?? (await browser.newPage())
  const consoleErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${r.status()} ${new URL(r.url()).pathname}`)
  })
  await page.goto(server.url)
  return {
    core,
    server,
    browser,
    page,
    consoleErrors,
    close: async () => {
      await browser.close()
      await relay.close()
      await server.close()
      await core.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

const CHROMIUM_ALONE = path.join(REPO_ROOT, 'test', 'e2e', 'chromium-alone.sh')

interface Relay {
  socketPath: string
  close(): Promise<void>
}

/** The host's end of the page's way to the server: a Unix socket (reached by path from Chromium's namespace) to 127.0.0.1:<port>. */
async function relayToServer(socketPath: string, port: number): Promise<Relay> {
  const open = new Set<net.Socket>()
  const relay = net.createServer((page) => {
    const app = net.connect(port, '127.0.0.1')
    for (const s of [page, app]) {
      open.add(s)
      s.on('close', () => open.delete(s))
    }
    page.on('error', () => app.destroy())
    app.on('error', () => page.destroy())
    page.on('close', () => app.destroy())
    app.on('close', () => page.destroy())
    page.pipe(app)
    app.pipe(page)
  })
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject)
    relay.listen(socketPath, () => resolve())
  })
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy()
        relay.close(() => resolve())
      })
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}
