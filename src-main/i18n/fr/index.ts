import type { CoreMessages } from '../en'
import type { Translation } from '../keys'
import { apps } from './apps'
import { backups } from './backups'
import { common } from './common'
import { hardening } from './hardening'

export const fr: Translation<CoreMessages> = { backups, apps, common, hardening }
