// STUB — being written (apps list/get/ps/restart/undeploy/remove, deploy the proxy).
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }

export function lifecycleHandlers(_ctx: AppContext): HandlersFor<'apps.list' | 'apps.get' | 'apps.ps' | 'apps.restart' | 'apps.undeploy' | 'apps.remove' | 'servers.deployProxy'> {
  return { 'apps.list': no, 'apps.get': no, 'apps.ps': no, 'apps.restart': no, 'apps.undeploy': no, 'apps.remove': no, 'servers.deployProxy': no }
}
