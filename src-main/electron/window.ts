import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type WebContents } from 'electron'

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 500,
    title: 'Co-op Cloud Desktop',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  }
}

export function createMainWindow(preload: string, url: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preload))
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}

// Applied to every webContents the app creates: the app shows only its own
// page. Links to the web open in the person's browser, never in the app.
export function guardWebContents(contents: WebContents, isTrusted: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    if (!isTrusted(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isTrusted(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function isWebLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
