// STUB — being written (apps.envForm, apps.new, apps.saveEnv, apps.upgradeInfo).
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }
export function createHandlers(_ctx: AppContext): HandlersFor<'apps.envForm' | 'apps.new' | 'apps.saveEnv' | 'apps.upgradeInfo'> {
  return { 'apps.envForm': no, 'apps.new': no, 'apps.saveEnv': no, 'apps.upgradeInfo': no }
}
