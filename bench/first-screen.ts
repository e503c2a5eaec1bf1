import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import react from '@vitejs/plugin-react'
import { chromium, type Browser } from 'playwright-core'
import { build } from 'vite'
import { startBrowserServer } from '../src-main/browser/server'
import { createCore } from '../src-main/core/core'
import { loadRig, REPO_ROOT } from '../test/rig/rig'
import { median } from './support'

// The first screen: time from navigation start to the first heading (h1) in
// the DOM and painted, in Chromium against browser mode serving the built
// renderer (out/renderer), and how much script that first load pulls in.
// The baseline is a trivial page with one h1, served by the same server in
// the same run: the ratio is what the app adds on top of the browser and the
// server. A second baseline is the least a React page can do: one h1 drawn by
// react-dom, built by Vite here and served alike. On a slow machine that
// floor alone can be well over the 250 ms, so the figure to watch is
// what the app adds above it. Every load gets a fresh browser context, so
// nothing is cached.

const require = createRequire(import.meta.url)
const LOADS = Number(process.env.BENCH_FIRST_SCREEN_LOADS ?? 15)
const rig = loadRig()
const built = path.join(REPO_ROOT, 'out', 'renderer')
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`

// Runs in the page before any of its scripts: note when the first h1 is
// added, then when the frame holding it has been painted (the next frame's
// callback runs after that paint). Init scripts are not subject to the CSP.
// Plain text: tsx would wrap a named function inside it in a helper the page lacks.
const watchFirstHeading = `
  const mark = (key) => {
    const inDom = performance.now()
    window[key] = { inDom }
    requestAnimationFrame(() => requestAnimationFrame(() => (window[key] = { inDom, painted: performance.now() })))
  }
  new MutationObserver((_, observer) => {
    if (!window.firstHeading && document.querySelector('h1')) mark('firstHeading')
    // The App's own screen: a heading it drew, with the served first screen gone.
    if (!window.ownHeading && document.querySelector('#root h1') && !document.getElementById('first-screen')) {
      mark('ownHeading')
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
`

interface Load {
  inDom: number
  painted: number
  /** The App's own first screen painted (React has run); the same as painted for pages without a served first screen. */
  ownPainted: number
  scripts: { url: string; bytes: number }[]
}

/** own: the app's page, where the served first screen is followed by the App's own. */
async function load(browser: Browser, url: string, own = false): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 } })
  await context.addInitScript(watchFirstHeading)
  const page = await context.newPage()
  const scripts: Load['scripts'] = []
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') void r.body().then((b) => scripts.push({ url: r.url(), bytes: b.length }))
  })
  await page.goto(url)
  type Marks = { firstHeading?: { inDom: number; painted?: number }; ownHeading?: { painted?: number } }
  await page.waitForFunction((own) => {
    const w = window as unknown as Marks
    return w.firstHeading?.painted !== undefined && (!own || w.ownHeading?.painted !== undefined)
  }, own)
  const marks = (await page.evaluate(() => {
    const w = window as unknown as Marks
    return { inDom: w.firstHeading!.inDom, painted: w.firstHeading!.painted!, ownPainted: w.ownHeading?.painted ?? w.firstHeading!.painted! }
  })) as { inDom: number; painted: number; ownPainted: number }
  await page.waitForLoadState('networkidle')
  await context.close()
  if (errors.length) throw new Error(`The page logged errors: ${errors.join('; ')}`)
  return { ...marks, scripts }
}

// One h1 rendered by React, with the app's React and build settings.
async function buildReactFloor(src: string, outDir: string): Promise<void> {
  fs.mkdirSync(src)
  fs.writeFileSync(
    path.join(src, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>Floor</title><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>'
  )
  fs.writeFileSync(path.join(src, 'main.tsx'), "import { createRoot } from 'react-dom/client'\ncreateRoot(document.getElementById('root')!).render(<h1>Hello</h1>)\n")
  await build({
    configFile: false,
    logLevel: 'warn',
    root: src,
    base: './',
    plugins: [react()],
    // React is resolved from the app's own node_modules.
    resolve: { alias: { 'react-dom/client': require.resolve('react-dom/client'), 'react/jsx-runtime': require.resolve('react/jsx-runtime') } },
    build: { outDir, emptyOutDir: true, minify: true }
  })
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(built, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.')
  // The same built files plus a trivial page, served by the same code.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-first-'))
  fs.cpSync(built, path.join(dir, 'renderer'), { recursive: true })
  const staticDir = path.join(dir, 'renderer')
  fs.writeFileSync(path.join(staticDir, 'baseline.html'), '<!doctype html><html><head><meta charset="utf-8"><title>Baseline</title><link rel="icon" href="data:,"></head><body><h1>Hello</h1></body></html>')
  await buildReactFloor(path.join(dir, 'floor-src'), path.join(staticDir, 'floor'))
  // A new home with no servers: the first screen is the welcome screen.
  const home = path.join(dir, 'home')
  fs.mkdirSync(home)
  const core = createCore({ transport: 'browser', home, env: { HOME: home } })
  const server = await startBrowserServer({ core, port: 0, staticDir })
  const browser = await chromium.launch({
    executablePath: rig.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const app: Load[] = []
    const base: Load[] = []
    const floor: Load[] = []
    const baseUrl = new URL('baseline.html', server.url).href
    const floorUrl = new URL('floor/index.html', server.url).href
    // Warm-up: the server's and Chromium's first-use costs.
    for (const url of [server.url, baseUrl, floorUrl]) await load(browser, url, url === server.url)
    for (let i = 0; i < LOADS; i++) {
      // Interleaved, so a busy moment on the machine hits all alike.
      app.push(await load(browser, server.url, true))
      base.push(await load(browser, baseUrl))
      floor.push(await load(browser, floorUrl))
    }
    const appPaint = median(app.map((l) => l.painted))
    const basePaint = median(base.map((l) => l.painted))
    const floorPaint = median(floor.map((l) => l.painted))
    const appDom = median(app.map((l) => l.inDom))
    const appOwn = median(app.map((l) => l.ownPainted))
    // The scripts index.html names (the early boot script, and the main one the boot script starts).
    const html = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8')
    const entries = [...html.matchAll(/<script[^>]*src="\.?\/?([^"]+\.js)"|<link[^>]*href="\.?\/?([^"]+\.js)" data-main/g)].map((m) => m[1] ?? m[2])
    const entryBytes = entries.reduce((sum, f) => sum + fs.statSync(path.join(staticDir, f)).size, 0)
    const allJs = fs
      .readdirSync(path.join(staticDir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .reduce((sum, f) => sum + fs.statSync(path.join(staticDir, 'assets', f)).size, 0)
    const firstLoadJs = median(app.map((l) => l.scripts.reduce((sum, s) => sum + s.bytes, 0)))
    console.log(`\nFirst screen (browser mode, Chromium, median of ${LOADS} cold loads, welcome screen)`)
    console.log(`  first heading in the DOM:  ${appDom.toFixed(0)} ms`)
    console.log(`  first heading painted:     ${appPaint.toFixed(0)} ms   (a trivial page from the same server: ${basePaint.toFixed(0)} ms, ratio ${(appPaint / basePaint).toFixed(1)}×)`)
    console.log(`  the App's own screen:      ${appOwn.toFixed(0)} ms   (React has run and the served first screen is replaced)`)
    console.log(`  React's floor, one h1:     ${floorPaint.toFixed(0)} ms   (the App's own screen adds ${(appOwn - floorPaint).toFixed(0)} ms to it, ratio ${(appOwn / floorPaint).toFixed(1)}×)`)
    console.log(`  scripts index.html names (${entries.join(', ')}): ${kB(entryBytes)} of ${kB(allJs)} of script in all (${((100 * entryBytes) / allJs).toFixed(0)}%)`)
    console.log(`  script fetched by the first load: ${kB(firstLoadJs)} (${((100 * firstLoadJs) / allJs).toFixed(0)}% of all)`)
  } finally {
    await browser.close()
    await server.close()
    await core.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
