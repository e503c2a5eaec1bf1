import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'

// The page's whole reach into the app: one call channel and one event
// channel, and where a file the person chose or dropped is on this computer
// (the upload sends that path to the core, which decides whether to read it).
// Nothing from ipcRenderer (or the IPC event, whose `sender` is
// ipcRenderer) is handed over, so the page cannot send on other channels.
const bridge = {
  call(method: string, input?: unknown): Promise<unknown> {
    return ipcRenderer.invoke('api:call', method, input)
  },
  onEvent(callback: (name: string, payload: unknown) => void): () => void {
    const listener = (_event: IpcRendererEvent, name: string, payload: unknown): void => callback(name, payload)
    ipcRenderer.on('api:event', listener)
    return () => {
      ipcRenderer.removeListener('api:event', listener)
    }
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  }
}

contextBridge.exposeInMainWorld('coopcloud', bridge)
