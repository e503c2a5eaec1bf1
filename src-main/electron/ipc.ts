import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { dispatch } from '../api/dispatch'
import type { Core } from '../core/core'
import type { Result } from '../contract/contract'

export const CALL_CHANNEL = 'api:call'
export const EVENT_CHANNEL = 'api:event'

// The Electron door onto the core: a thin adapter. dispatch() does the
// validating; this only makes sure the caller is our own page.
export function registerIpc(core: Core, isTrusted: (url: string) => boolean): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!fromOurPage(event, isTrusted)) {
      return { ok: false, error: { code: 'forbidden', message: 'This request did not come from Co-op Cloud Desktop’s own window.' } }
    }
    return dispatch(core.handlers, method, input)
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
  }
}

// Only the top frame of our own page may call; an iframe or a page that got
// navigated elsewhere may not.
function fromOurPage(event: IpcMainInvokeEvent, isTrusted: (url: string) => boolean): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent) return false
  return isTrusted(frame.url)
}
