import type { en } from '../en'
import type { Translation } from '../keys'

export const cli: Translation<typeof en.cli> = {
}
