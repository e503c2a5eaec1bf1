import type { CoreMessages } from '../en'
import type { Translation } from '../keys'
import { apps } from './apps'
import { backups } from './backups'
import { catalogue } from './catalogue'
import { recipes } from './recipes'
import { common } from './common'
import { hardening } from './hardening'

export const fr: Translation<CoreMessages> = { recipes, catalogue, backups, apps, common, hardening }
