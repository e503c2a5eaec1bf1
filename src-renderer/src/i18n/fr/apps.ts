import type { apps as en } from '../en/apps'
import type { Translation } from '../keys'

export const apps: Translation<typeof en> = {}
