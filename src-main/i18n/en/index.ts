// The core's messages in English: errors, job steps, checks, causes. One file
// per area (the src-main folder it belongs to), so people working on
// different areas don't edit the same file.
import { apps } from './apps'
import { backups } from './backups'
import { catalogue } from './catalogue'
import { recipes } from './recipes'
import { common } from './common'
import { hardening } from './hardening'

export const en = { recipes, catalogue, backups, apps, common, hardening }
export type CoreMessages = typeof en
