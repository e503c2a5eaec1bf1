import { BrowserWindow, shell, type WebContents } from 'electron'

// The security settings are written out in the `new BrowserWindow` call
// itself, not built by a helper: that is where electronegativity
// (test/unit/electronegativity.test.ts) looks for them, and where a reader
// expects them.
export function createMainWindow(preload: string, url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 500,
    title: 'Co-op Cloud Desktop',
    show: false,
    webPreferences: {
      preload,
      // The page talks to the app only through the preload's bridge, from
      // its own JavaScript world, in a sandboxed process without Node.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A file or link dropped on the window must not replace the page.
      navigateOnDragDrop: false,
      spellcheck: false
    }
  })
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
