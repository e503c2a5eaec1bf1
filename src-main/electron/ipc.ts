import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { Client } from '../api/client'
import { dispatch } from '../api/dispatch'
import type { Core } from '../core/core'
import type { Result } from '../contract/contract'

export const CALL_CHANNEL = 'api:call'
export const EVENT_CHANNEL = 'api:event'

// The Electron door onto the core: a thin adapter. dispatch() does the
// validating; this only makes sure the caller is our own page.
export function registerIpc(core: Core, isTrusted: (url: string) => boolean): () => void {
  const clients = new PageClients()
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!fromOurPage(event, isTrusted)) {
      return { ok: false, error: { code: 'forbidden', message: 'This request did not come from Co-op Cloud Desktop’s own window.' } }
    }
    // Electron always names the sender; without one, nothing is tied to a page.
    const sender = event.sender as WebContents | undefined
    return dispatch(core.handlers, method, input, sender ? clients.of(sender) : undefined)
  })

  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents
      if (contents.isDestroyed() || !isTrusted(contents.getURL())) continue
      contents.send(EVENT_CHANNEL, name, payload)
    }
  })

  return () => {
    unsubscribe()
    ipcMain.removeHandler(CALL_CHANNEL)
    clients.endAll()
  }
}

// The client of a call is the page now loaded in the window: a reload or a
// navigation starts a new page (the old one's logs and terminals close), and
// so does closing the window.
class PageClients {
  private current = new Map<WebContents, Client>()
  private watched = new WeakSet<WebContents>()
  private loads = 0

  of(contents: WebContents): Client {
    let client = this.current.get(contents)
    if (!client) {
      client = new Client(`window ${contents.id} page ${++this.loads}`)
      this.current.set(contents, client)
    }
    this.watch(contents)
    return client
  }

  private watch(contents: WebContents): void {
    if (this.watched.has(contents)) return
    this.watched.add(contents)
    const end = (): void => {
      this.current.get(contents)?.end()
      this.current.delete(contents)
    }
    contents.on('destroyed', end)
    // In-page changes (a hash route) keep the page; a reload or a new
    // address in the main frame replaces it.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) end()
    })
  }

  endAll(): void {
    for (const client of this.current.values()) client.end()
    this.current.clear()
  }
}

// Only the top frame of our own page may call; an iframe or a page that got
// navigated elsewhere may not.
function fromOurPage(event: IpcMainInvokeEvent, isTrusted: (url: string) => boolean): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent) return false
  return isTrusted(frame.url)
}
