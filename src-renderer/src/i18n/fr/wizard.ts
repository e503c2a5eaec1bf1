import type { wizard as en } from '../en/wizard'
import type { Translation } from '../keys'

export const wizard: Translation<typeof en> = {}
