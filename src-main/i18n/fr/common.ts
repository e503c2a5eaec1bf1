import type { common as en } from '../en/common'
import type { Translation } from '../keys'

export const common: Translation<typeof en> = {
  cancelled: 'Annulé.',
  language: 'L’application parle maintenant {{language}}.'
}
