import type { backups as en } from '../en/backups'
import type { Translation } from '../keys'

export const backups: Translation<typeof en> = {}
