import type { servers as en } from '../en/servers'
import type { Translation } from '../keys'

export const servers: Translation<typeof en> = {}
