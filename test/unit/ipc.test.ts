import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

// Electron's program isn't needed: the adapter only talks to these APIs.
const m = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  const fakeContents = (url: string) => {
    const listeners = new Map<string, Listener[]>()
    return {
      url,
      destroyed: false,
      openHandler: null as null | ((d: { url: string }) => { action: string }),
      send: vi.fn(),
      getURL() {
        return this.url
      },
      isDestroyed() {
        return this.destroyed
      },
      setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
        this.openHandler = h
      },
      on(event: string, fn: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), fn])
        return this
      },
      emit(event: string, ...args: unknown[]) {
        for (const fn of listeners.get(event) ?? []) fn(...args)
      }
    }
  }
  const windows: { webContents: ReturnType<typeof fakeContents> }[] = []
  const ipcHandlers = new Map<string, Listener>()
  class BrowserWindow {
    static getAllWindows = () => windows
    webContents = fakeContents('')
    constructor(readonly options: unknown) {}
    once() {}
    loadURL = vi.fn(async () => {})
  }
  return {
    fakeContents,
    windows,
    ipcHandlers,
    BrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, fn: Listener) => void ipcHandlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => void ipcHandlers.delete(channel))
    },
    shell: { openExternal: vi.fn(async () => {}) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'answer' })), on: vi.fn(), removeListener: vi.fn() },
    webUtils: { getPathForFile: vi.fn(() => '/home/someone/photo.jpg') }
  }
})

vi.mock('electron', () => ({
  BrowserWindow: m.BrowserWindow,
  ipcMain: m.ipcMain,
  shell: m.shell,
  contextBridge: m.contextBridge,
  ipcRenderer: m.ipcRenderer,
  webUtils: m.webUtils
}))

const { createCore } = await import('../../src-main/core/core')
const { registerIpc, CALL_CHANNEL, EVENT_CHANNEL } = await import('../../src-main/electron/ipc')
const { createMainWindow, guardWebContents } = await import('../../src-main/electron/window')
const { sameSite } = await import('../../src-main/electron/protocol')

const APP = 'app://coopcloud/index.html'
const isTrusted = (url: string): boolean => sameSite(url, APP)
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-ipc-'))
const core = createCore({ transport: 'electron', env: {}, home })

afterAll(async () => {
  await core.close()
  fs.rmSync(home, { recursive: true, force: true })
})

const ownFrame = { senderFrame: { url: `${APP}#/servers`, parent: null } }

describe('the window', () => {
  it('is isolated, sandboxed and has no Node', () => {
    const win = createMainWindow('/app/out/preload/preload.cjs', APP) as unknown as InstanceType<typeof m.BrowserWindow>
    const prefs = (win.options as { webPreferences: Record<string, unknown> }).webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false
    })
    expect(win.loadURL).toHaveBeenCalledWith(APP)
  })

  it('denies window.open; only https links go to the system browser', () => {
    const contents = m.fakeContents(APP)
    guardWebContents(contents as never, isTrusted)
    expect(contents.openHandler!({ url: 'https://docs.coopcloud.tech/' })).toEqual({ action: 'deny' })
    expect(m.shell.openExternal).toHaveBeenCalledWith('https://docs.coopcloud.tech/')
    m.shell.openExternal.mockClear()
    for (const url of ['file:///etc/passwd', 'app://coopcloud/index.html', 'javascript:alert(1)', 'smb://evil/share']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' })
    }
    expect(m.shell.openExternal).not.toHaveBeenCalled()
  })

  it('prevents navigation away from our page, and webviews', () => {
    const contents = m.fakeContents(APP)
    guardWebContents(contents as never, isTrusted)
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:1/']) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = { url, preventDefault: vi.fn() }
        contents.emit(name, event)
        expect(event.preventDefault, `${name} ${url}`).toHaveBeenCalled()
      }
    }
    const inside = { url: 'app://coopcloud/index.html#/wizard', preventDefault: vi.fn() }
    contents.emit('will-navigate', inside)
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })
})

describe('the api:call handler', () => {
  let unregister: () => void
  beforeEach(() => {
    unregister?.()
    m.windows.length = 0
    unregister = registerIpc(core, isTrusted)
  })
  const handler = () => m.ipcHandlers.get(CALL_CHANNEL)!

  it('answers our own page through dispatch', async () => {
    await expect(handler()(ownFrame, 'app.info', {})).resolves.toMatchObject({ ok: true, value: { transport: 'electron' } })
  })

  it('turns bad requests into invalid-request results instead of throwing', async () => {
    const cases: [unknown, unknown][] = [
      ['servers.remove', { name: 5 }],
      ['servers.remove', { name: 'a', extra: true }],
      ['no.such.method', {}],
      [undefined, undefined],
      ['app.info', 'not an object']
    ]
    for (const [method, input] of cases) {
      await expect(handler()(ownFrame, method, input)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
  })

  it('refuses calls from any other frame', async () => {
    const foreign = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { senderFrame: { url: APP, parent: { url: APP } } },
      { senderFrame: null }
    ]
    for (const event of foreign) {
      await expect(handler()(event, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
  })

  it('forwards core events to our page only', () => {
    const ours = new m.BrowserWindow({})
    ours.webContents = m.fakeContents(APP)
    const elsewhere = new m.BrowserWindow({})
    elsewhere.webContents = m.fakeContents('https://evil.example/')
    const gone = new m.BrowserWindow({})
    gone.webContents = m.fakeContents(APP)
    gone.webContents.destroyed = true
    m.windows.push(ours, elsewhere, gone)

    const payload = { name: 'example.org', state: 'connected' as const }
    core.events.emit('server.state', payload)
    expect(ours.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'server.state', payload)
    expect(elsewhere.webContents.send).not.toHaveBeenCalled()
    expect(gone.webContents.send).not.toHaveBeenCalled()

    unregister()
    core.events.emit('server.state', payload)
    expect(ours.webContents.send).toHaveBeenCalledTimes(1)
    expect(m.ipcHandlers.has(CALL_CHANNEL)).toBe(false)
  })
})

describe('the preload', () => {
  it('exposes only call, onEvent and pathForFile, as window.coopcloud', async () => {
    await import('../../src-main/electron/preload')
    expect(m.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    const [key, bridge] = m.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>]
    expect(key).toBe('coopcloud')
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent', 'pathForFile'])

    const api = bridge as {
      call(method: string, input: unknown): Promise<unknown>
      onEvent(cb: (...args: unknown[]) => void): () => void
    }
    await expect(api.call('app.info', {})).resolves.toEqual({ ok: true, value: 'answer' })
    expect(m.ipcRenderer.invoke).toHaveBeenCalledWith('api:call', 'app.info', {})

    const cb = vi.fn()
    const off = api.onEvent(cb)
    const [channel, listener] = m.ipcRenderer.on.mock.calls[0] as unknown as [string, (...a: unknown[]) => void]
    expect(channel).toBe('api:event')
    // The IPC event (whose sender is ipcRenderer) must not reach the page.
    listener({ sender: m.ipcRenderer }, 'job.update', { id: 'j1' })
    expect(cb).toHaveBeenCalledWith('job.update', { id: 'j1' })
    off()
    expect(m.ipcRenderer.removeListener).toHaveBeenCalledWith('api:event', listener)

    // A dropped or picked file's path on this computer (Electron's webUtils), for uploads: nothing else about the file.
    const file = { name: 'photo.jpg' }
    expect((bridge as { pathForFile(f: unknown): string }).pathForFile(file)).toBe('/home/someone/photo.jpg')
    expect(m.webUtils.getPathForFile).toHaveBeenCalledWith(file)
  })
})
