import path from 'node:path'
import { app, BrowserWindow, Menu, session } from 'electron'
import type { Attention } from '../contract/health'
import { createCore } from '../core/core'
import { raiseAlerts } from './alerts'
import { registerIpc } from './ipc'
import { buildMenu } from './menu'
import { APP_URL, hardenSession, registerAppScheme, sameSite, serveAppProtocol } from './protocol'
import { createTray, type AppTray } from './tray'
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
  // The monitor runs from the start, as often as Settings says.
  const core = createCore({ transport: 'electron', monitor: {}, checkFromHere: true })
  let main: BrowserWindow | null = null
  let tray: AppTray | undefined
  const openWindow = (): BrowserWindow => {
    const win = createMainWindow(preload, startUrl)
    win.on('closed', () => (main = null))
    return (main = win)
  }
  const showWindow = (): BrowserWindow => {
    const win = main ?? openWindow()
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    return win
  }
  // A notification clicked: the window, on the alert's app or server. A window just opened is told once its page has loaded.
  const showItem = (item: Attention): void => {
    const win = showWindow()
    const tell = (): void => core.events.emit('health.show', { item })
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', tell)
    else tell()
  }

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isTrusted))
  app.on('second-instance', () => {
    if (!main) return openWindow()
    if (main.isMinimized()) main.restore()
    main.focus()
  })
  app.on('window-all-closed', () => {
    // With a tray the app keeps checking and notifying, window closed; macOS keeps it in the Dock.
    if (process.platform !== 'darwin' && !tray) app.quit()
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
    serveAppProtocol(rendererDir, () => core.firstScreen())
    hardenSession(session.defaultSession, mayLoad)
    Menu.setApplicationMenu(buildMenu())
    // The menus speak the language chosen in Settings, from the moment it is chosen.
    core.events.subscribe((name) => {
      if (name !== 'settings.changed') return
      Menu.setApplicationMenu(buildMenu())
      tray?.relabel()
    })
    registerIpc(core, isTrusted)
    raiseAlerts(core, showItem)
    tray = createTray(path.join(rendererDir, 'icon.png'), { open: () => void showWindow(), quit: () => app.quit() })
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
