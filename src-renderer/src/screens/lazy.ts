import { createElement, lazy, type ComponentType } from 'react'

// Each screen is its own chunk, fetched the first time it is shown, so the
// first screen doesn't wait for the terminal, markdown and dialog code of
// screens the user may never open. Chunks are same-origin scripts: the
// CSP's script-src 'self' allows them, in the browser and in Electron.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props; each call site keeps its own type
function screen<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }))
}

// The two screens a launch can land on start downloading now, alongside the
// first servers.list call, rather than after it. Once here they are drawn
// directly, not through lazy(): a lazy screen suspends on its first render
// even when its code has arrived, and React then holds the reveal back
// (its fallback throttle, 300 ms) — that was most of the first screen's time.
function preloaded<P extends Record<string, unknown>>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let ready: ComponentType<P> | undefined
  const loading = load().then((c) => (ready = c))
  const Lazy = screen(() => loading)
  return function Preloaded(props: P) {
    const Ready = ready
    return Ready ? createElement(Ready, props) : createElement(Lazy, props)
  }
}

export const Welcome = preloaded(async () => (await import('./Welcome')).Welcome)
export const Servers = preloaded(async () => (await import('./Servers')).Servers)
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
