import path from 'node:path'
import { app, BrowserWindow, Menu, session } from 'electron'
import { createCore } from '../core/core'
import { registerIpc } from './ipc'
import { buildMenu } from './menu'
import { APP_URL, hardenSession, registerAppScheme, sameSite, serveAppProtocol } from './protocol'
import { createMainWindow, guardWebContents } from './window'

const preload = path.join(import.meta.dirname, '../preload/preload.cjs')
const rendererDir = path.join(import.meta.dirname, '../renderer')

// `electron-vite dev` serves the renderer over HTTP with hot reload; a
// packaged app never trusts that variable.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const startUrl = devUrl ?? APP_URL
const isTrusted = (url: string): boolean => sameSite(url, startUrl)
// The dev server also needs its hot-reload WebSocket.
const mayLoad = (url: string): boolean => isTrusted(url) || (!!devUrl && hostOf(url) === hostOf(devUrl))

// These must happen before the app is ready.
registerAppScheme()
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  // A second launch just brings the first window forward (see below).
  app.quit()
} else {
  start()
}

function start(): void {
  const core = createCore({ transport: 'electron', monitor: { intervalMs: 60_000 }, checkFromHere: true })
  let main: BrowserWindow | null = null
  const openWindow = (): void => {
    main = createMainWindow(preload, startUrl)
    main.on('closed', () => (main = null))
  }

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isTrusted))
  app.on('second-instance', () => {
    if (!main) return openWindow()
    if (main.isMinimized()) main.restore()
    main.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closed = true
    void core.close().finally(() => app.quit())
  })

  void app.whenReady().then(() => {
    serveAppProtocol(rendererDir)
    hardenSession(session.defaultSession, mayLoad)
    Menu.setApplicationMenu(buildMenu())
    // The menus speak the language chosen in Settings, from the moment it is chosen.
    core.events.subscribe((name) => {
      if (name === 'settings.changed') Menu.setApplicationMenu(buildMenu())
    })
    registerIpc(core, isTrusted)
    openWindow()
  })
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}
