// STUB — being written (secrets.list/create/rotate/remove).
import { ApiError } from '../contract/errors'
import type { AppContext, LoadedApp } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }

/** Creates the app's missing secrets (or `names`), generated unless a value is given; undoes its own creations on failure. Values come back once. */
export async function createSecrets(_ctx: AppContext, _app: LoadedApp, _opts: { names?: string[]; values?: Record<string, string>; recipeDir?: string }): Promise<Array<{ name: string; swarmName: string; value?: string }>> {
  return no()
}

/** Removes the swarm secrets by exact name (used to undo a failed apps.new). */
export async function removeSwarmSecrets(_ctx: AppContext, _server: string, _swarmNames: string[]): Promise<void> {
  return no()
}

export function secretHandlers(_ctx: AppContext): HandlersFor<'secrets.list' | 'secrets.create' | 'secrets.rotate' | 'secrets.remove'> {
  return { 'secrets.list': no, 'secrets.create': no, 'secrets.rotate': no, 'secrets.remove': no }
}
