// STUB — being written (deploy / upgrade / rollback / redeploy with live convergence).
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }

/** Starts a deploy job for an existing app (used by secrets.rotate and servers.deployProxy too). */
export async function startDeploy(_ctx: AppContext, _req: { server: string; domain: string; kind: 'deploy' | 'upgrade' | 'rollback' | 'redeploy'; version?: string }): Promise<{ jobId: string; stackName: string; version?: string }> {
  return no()
}

export function deployHandlers(_ctx: AppContext): HandlersFor<'apps.deploy' | 'apps.deployProgress'> {
  return { 'apps.deploy': no, 'apps.deployProgress': no }
}
