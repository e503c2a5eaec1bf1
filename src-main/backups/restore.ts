// STUB — being written: restore, move/clone, backup-bot-two.
import { ApiError } from '../contract/errors'
import type { AppContext } from '../apps/context'
import type { HandlersFor } from '../apps/handlers-types'

const no = async (): Promise<never> => {
  throw new ApiError('not-ready', 'Not written yet.')
}

export function restoreHandlers(_ctx: AppContext): HandlersFor<'backups.restorePlan' | 'backups.restore' | 'apps.move' | 'backups.botSnapshots' | 'backups.botDownload'> {
  return { 'backups.restorePlan': no, 'backups.restore': no, 'apps.move': no, 'backups.botSnapshots': no, 'backups.botDownload': no }
}
