import { describe, expect, it, vi } from 'vitest'
import type { Client } from '../../src-main/api/client'
import { EventBus } from '../../src-main/api/events'
import type { Core } from '../../src-main/core/core'

// In the window, a call's client is the page now loaded: what it opened
// (logs, terminals) closes when the page reloads, navigates away or the
// window closes, and a new page load is a new client. Electron's program
// isn't needed: the adapter only talks to these APIs.
const m = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  const ipcHandlers = new Map<string, Listener>()
  let ids = 0
  const contents = () => {
    const listeners = new Map<string, Listener[]>()
    return {
      id: ++ids,
      on(event: string, fn: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), fn])
        return this
      },
      emit(event: string, ...args: unknown[]) {
        for (const fn of listeners.get(event) ?? []) fn(...args)
      }
    }
  }
  return {
    contents,
    ipcHandlers,
    ipcMain: {
      handle: (channel: string, fn: Listener) => void ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void ipcHandlers.delete(channel)
    }
  }
})
vi.mock('electron', () => ({ ipcMain: m.ipcMain, BrowserWindow: { getAllWindows: () => [] } }))

const { registerIpc, CALL_CHANNEL } = await import('../../src-main/electron/ipc')

const APP = 'app://coopcloud/index.html'
const seen: Client[] = []
const core = {
  events: new EventBus(),
  handlers: {
    'app.info': async (_input: unknown, client?: Client) => {
      if (client) seen.push(client)
      return { version: '1', transport: 'electron', abraDir: '/x' }
    }
  }
} as unknown as Core

type Contents = ReturnType<typeof m.contents>
const callFrom = async (contents: Contents): Promise<unknown> =>
  m.ipcHandlers.get(CALL_CHANNEL)!({ sender: contents, senderFrame: { parent: null, url: APP } }, 'app.info', {})

const navigation = (contents: Contents, details: { isMainFrame: boolean; isSameDocument: boolean }): void =>
  contents.emit('did-start-navigation', { ...details, url: APP })

describe('the client of a window’s calls', () => {
  const unregister = registerIpc(core, (url) => url === APP)

  it('is one page load: the same for its calls, a new one after a reload', async () => {
    const win = m.contents()
    await callFrom(win)
    await callFrom(win)
    expect(seen).toHaveLength(2)
    const first = seen[0]
    expect(seen[1]).toBe(first)
    expect(first.gone).toBe(false)

    // A hash route or an iframe's navigation keeps the page.
    navigation(win, { isMainFrame: true, isSameDocument: true })
    navigation(win, { isMainFrame: false, isSameDocument: false })
    expect(first.gone).toBe(false)

    // A reload replaces it: the old page's things close, the next call is someone new.
    const closed = vi.fn()
    first.onGone(closed)
    navigation(win, { isMainFrame: true, isSameDocument: false })
    expect(first.gone).toBe(true)
    expect(closed).toHaveBeenCalledTimes(1)
    await callFrom(win)
    expect(seen[2]).not.toBe(first)
    expect(seen[2].gone).toBe(false)
  })

  it('goes when the window closes, and windows do not share one', async () => {
    seen.length = 0
    const a = m.contents()
    const b = m.contents()
    await callFrom(a)
    await callFrom(b)
    expect(seen[0]).not.toBe(seen[1])
    a.emit('destroyed')
    expect(seen[0].gone).toBe(true)
    expect(seen[1].gone).toBe(false)
  })

  it('all go when the adapter is taken down', async () => {
    seen.length = 0
    await callFrom(m.contents())
    unregister()
    expect(seen[0].gone).toBe(true)
  })
})
