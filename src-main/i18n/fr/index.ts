import type { CoreMessages } from '../en'
import type { Translation } from '../keys'
import { apps } from './apps'
import { common } from './common'
import { hardening } from './hardening'

export const fr: Translation<CoreMessages> = { apps, common, hardening }
