import fs from 'node:fs'
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
  const browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-chromium-')), {
    executablePath: rig.chromium,
    headless: true,
    viewport: { width: 1200, height: 820 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
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
      await server.close()
      await core.close()
    }
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}
