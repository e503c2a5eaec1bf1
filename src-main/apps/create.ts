// STUB — being written (apps.envForm, apps.new, apps.saveEnv, apps.upgradeInfo).
import type { EnvForm } from '../contract/apps'
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }

/** The form for an app's env text at a recipe version (checks the recipe out at that version). */
export async function formFor(_ctx: AppContext, _req: { recipe: string; version?: string; envText: string; domain?: string }): Promise<EnvForm> {
  return no()
}

/** apps.new as a function (servers.deployProxy uses it too): writes the env file, optionally creates secrets, undoes all on failure. */
export async function createApp(
  _ctx: AppContext,
  _req: { server: string; domain: string; recipe: string; version?: string; envText?: string; secrets: 'none' | 'generate'; secretValues?: Record<string, string> }
): Promise<{ envFile: string; stackName: string; secrets: Array<{ name: string; swarmName: string; value?: string }> }> {
  return no()
}

export function createHandlers(_ctx: AppContext): HandlersFor<'apps.envForm' | 'apps.new' | 'apps.saveEnv' | 'apps.upgradeInfo'> {
  return { 'apps.envForm': no, 'apps.new': no, 'apps.saveEnv': no, 'apps.upgradeInfo': no }
}
