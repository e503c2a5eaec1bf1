// The core's messages in English: errors, job steps, checks, causes. One file
// per area (the src-main folder it belongs to), so people working on
// different areas don't edit the same file.
import { apps } from './apps'
import { backups } from './backups'
import { catalogue } from './catalogue'
import { recipes } from './recipes'
import { compose } from './compose'
import { common } from './common'
import { api } from './api'
import { browser } from './browser'
import { cli } from './cli'
import { contract } from './contract'
import { core } from './core'
import { docker } from './docker'
import { servers } from './servers'
import { ssh } from './ssh'
import { hardening } from './hardening'
import { health } from './health'
import { electron } from './electron'
import { monitoring } from './monitoring'
import { commands } from './commands'
import { volumes } from './volumes'
import { files } from './files'
import { preview } from './preview'
import { cleanup } from './cleanup'
import { lint } from './lint'
import { nodes } from './nodes'
import { join } from './join'
import { team } from './team'

export const en = { compose, recipes, catalogue, backups, apps, common, api, browser, cli, contract, core, docker, servers, ssh, hardening, health, electron, monitoring, commands, volumes, preview, lint, cleanup, files, nodes, join, team }
export type CoreMessages = typeof en
