import type { catalogue as en } from '../en/catalogue'
import type { Translation } from '../keys'

export const catalogue: Translation<typeof en> = {}
