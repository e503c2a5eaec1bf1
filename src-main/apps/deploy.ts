// STUB — being written (deploy with convergence, status, ps, undeploy, remove, proxy).
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }

/** Starts a deploy job for an existing app (used by secrets.rotate too). */
export async function startDeploy(_ctx: AppContext, _req: { server: string; domain: string; kind: 'deploy' | 'upgrade' | 'rollback' | 'redeploy'; version?: string }): Promise<{ jobId: string; stackName: string; version?: string }> {
  return no()
}

export function deployHandlers(_ctx: AppContext): HandlersFor<'apps.list' | 'apps.get' | 'apps.ps' | 'apps.restart' | 'apps.deploy' | 'apps.deployProgress' | 'apps.undeploy' | 'apps.remove' | 'servers.deployProxy'> {
  return { 'apps.list': no, 'apps.get': no, 'apps.ps': no, 'apps.restart': no, 'apps.deploy': no, 'apps.deployProgress': no, 'apps.undeploy': no, 'apps.remove': no, 'servers.deployProxy': no }
}
