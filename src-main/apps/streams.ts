// STUB — being written (apps.logs, apps.exec, streams.*).
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

const no = async (): Promise<never> => { throw new ApiError('not-ready', 'Not written yet.') }

export function streamHandlers(_ctx: AppContext): { handlers: HandlersFor<'apps.logs' | 'apps.exec' | 'streams.write' | 'streams.resize' | 'streams.stop'>; closeAll(): Promise<void> } {
  return { handlers: { 'apps.logs': no, 'apps.exec': no, 'streams.write': no, 'streams.resize': no, 'streams.stop': no }, closeAll: async () => {} }
}
