// STUB — being written: backups.plan/create/list/verify/remove/getSettings/setSettings.
import { ApiError } from '../contract/errors'
import type { AppContext } from '../apps/context'
import type { HandlersFor } from '../apps/handlers-types'

const no = async (): Promise<never> => {
  throw new ApiError('not-ready', 'Not written yet.')
}

export function backupHandlers(_ctx: AppContext): HandlersFor<'backups.plan' | 'backups.create' | 'backups.list' | 'backups.verify' | 'backups.remove' | 'backups.getSettings' | 'backups.setSettings'> {
  return { 'backups.plan': no, 'backups.create': no, 'backups.list': no, 'backups.verify': no, 'backups.remove': no, 'backups.getSettings': no, 'backups.setSettings': no }
}
