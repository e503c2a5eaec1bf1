// The page's words in French. Loaded only when French is chosen (its own
// chunk), so English readers don't download it.
import type { UiMessages } from '../en'
import type { Translation } from '../keys'
import { apps } from './apps'
import { appHealth } from './appHealth'
import { backups } from './backups'
import { catalogue } from './catalogue'
import { charts } from './charts'
import { common } from './common'
import { hardening } from './hardening'
import { health } from './health'
import { jobs } from './jobs'
import { servers } from './servers'
import { serverHealth } from './serverHealth'
import { settings } from './settings'
import { wizard } from './wizard'
import { commands } from './commands'
import { volumes } from './volumes'
import { lint } from './lint'
import { cleanup } from './cleanup'
import { preview } from './preview'

export const fr: Translation<UiMessages> = { common, settings, servers, wizard, jobs, apps, catalogue, backups, hardening, health, charts, appHealth, serverHealth, commands, volumes, preview, cleanup, lint }
