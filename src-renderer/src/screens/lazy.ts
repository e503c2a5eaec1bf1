import { lazy, type ComponentType } from 'react'

// Each screen is its own chunk, fetched the first time it is shown, so the
// first screen doesn't wait for the terminal, markdown and dialog code of
// screens the user may never open. Chunks are same-origin scripts: the
// CSP's script-src 'self' allows them, in the browser and in Electron.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props; each call site keeps its own type
function screen<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }))
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
