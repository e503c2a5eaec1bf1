import fs from 'node:fs'
import path from 'node:path'
import { createCore } from '../core/core'
import { t } from '../i18n/i18n'
import { openInBrowser } from './open'
import { startBrowserServer } from './server'

// The built renderer sits at out/renderer; this module may be bundled into
// out/main or out/main/chunks, so look one and two levels up.
export function rendererDir(): string {
  const candidates = [path.join(import.meta.dirname, '../renderer'), path.join(import.meta.dirname, '../../renderer')]
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[0]
}

// Browser mode without Electron, until Ctrl+C.
export async function runBrowserMode(opts: { port?: number; open?: boolean }): Promise<void> {
  const core = createCore({ transport: 'browser', monitor: {}, checkFromHere: true })
  const server = await startBrowserServer({ core, port: opts.port ?? 0, staticDir: rendererDir() })
  process.stdout.write(`${t('browser.running', { url: server.url })}\n`)
  if (opts.open) openInBrowser(server.url)
  // `npm start` passes the terminal's Ctrl+C on too, so a second signal can
  // arrive while stopping; it must not abort the shutdown.
  let stopping: Promise<void> | null = null
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await server.close()
      await core.close()
      process.exit(0)
    })())
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}
