import type { CoreMessages } from '../en'
import type { Translation } from '../keys'
import { common } from './common'
import { hardening } from './hardening'

export const fr: Translation<CoreMessages> = { common, hardening }
