// The page's words in English, the source language. One file per area of the
// app, so people translating or changing different screens don't edit the
// same file. Keys are dotted paths: t('servers.title').
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
import { files } from './files'
import { lint } from './lint'
import { cleanup } from './cleanup'
import { preview } from './preview'
import { machines } from './machines'
import { addMachine } from './addMachine'
import { team } from './team'
import { nightly } from './nightly'

export const en = { common, settings, servers, wizard, jobs, apps, catalogue, backups, hardening, health, charts, appHealth, serverHealth, commands, volumes, preview, cleanup, lint, files, machines, addMachine, team, nightly }
export type UiMessages = typeof en
