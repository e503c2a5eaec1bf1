import { lazy, type ComponentType } from 'react'

// Each screen is its own chunk, fetched the first time it is shown, so the
// first screen doesn't wait for the terminal, markdown and dialog code of
// screens the user may never open. Chunks are same-origin scripts: the
// CSP's script-src 'self' allows them, in the browser and in Electron.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props; each call site keeps its own type
function screen<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await withRetries(load) }))
}

// A chunk can fail to arrive: the browser drops the requests in flight when
// the computer's network changes (Wi-Fi, VPN, Docker's own interfaces coming
// and going), even those to 127.0.0.1. Rather than lose the page, the load
// is tried again a few times, after loading again any stylesheet that failed
// (Vite adds each chunk's <link> only once, so it would not try it again;
// the static servers ignore the query that makes the address new).
export async function withRetries<T>(load: () => Promise<T>, tries = 4, pauseMs = 250): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load()
    } catch (err) {
      if (attempt >= tries) throw err
      await new Promise((r) => setTimeout(r, pauseMs * attempt))
      await reloadFailedStylesheets()
    }
  }
}

// A stylesheet that failed to load still has a `sheet` in Chromium (empty,
// its rules unreadable), so failures are noted as they happen: error events
// don't bubble, but a listener on the document in the capture phase hears them.
const failedLinks = new WeakSet<HTMLLinkElement>()
if (typeof document !== 'undefined') {
  document.addEventListener(
    'error',
    (e) => {
      if (e.target instanceof HTMLLinkElement && e.target.rel === 'stylesheet') failedLinks.add(e.target)
    },
    true
  )
}

function reloadFailedStylesheets(): Promise<unknown> {
  if (typeof document === 'undefined') return Promise.resolve()
  const failed = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((l) => failedLinks.has(l) || !l.sheet)
  return Promise.all(
    failed.map(
      (link) =>
        new Promise((resolve) => {
          const again = link.cloneNode() as HTMLLinkElement
          // A new address: the same one would be answered from the browser's
          // memory of the failed load, and the page would stay unstyled.
          const url = new URL(link.href)
          url.searchParams.set('retry', String(Date.now()))
          again.href = url.href
          again.addEventListener('load', resolve, { once: true })
          again.addEventListener('error', resolve, { once: true })
          link.replaceWith(again)
        })
    )
  )
}

// The two screens a launch can land on are part of the main script, not
// chunks: the first screen then waits for no second fetch, and it is drawn
// without suspending. A lazy screen suspends on its first render even when
// its code has arrived, and React then holds the reveal back (its fallback
// throttle, 300 ms).
export { Welcome } from './Welcome'
export { Servers } from './Servers'
export const Health = screen(async () => (await import('./health/Health')).Health)
export const AddServer = screen(async () => (await import('./wizard/AddServer')).AddServer)
export const ServerChecks = screen(async () => (await import('./ServerChecks')).ServerChecks)
export const JobScreen = screen(async () => (await import('./JobScreen')).JobScreen)
export const Settings = screen(async () => (await import('./Settings')).Settings)
export const Catalogue = screen(async () => (await import('./catalogue/Catalogue')).Catalogue)
export const Backups = screen(async () => (await import('./backups/Backups')).Backups)
export const RecipeDetail = screen(async () => (await import('./catalogue/RecipeDetail')).RecipeDetail)
export const NewApp = screen(async () => (await import('./catalogue/NewApp')).NewApp)
export const Apps = screen(async () => (await import('./apps/Apps')).Apps)
export const AppDetail = screen(async () => (await import('./apps/AppDetail')).AppDetail)
export const DeployScreen = screen(async () => (await import('./apps/DeployScreen')).DeployScreen)
