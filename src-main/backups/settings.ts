// Backup settings live beside the backups, in ~/.abra/backups/settings.json.
import fs from 'node:fs/promises'
import path from 'node:path'
import { BackupSettings } from '../contract/backups'
import type { z } from 'zod'
import { writeFileAtomic } from '../core/files'
import type { Paths } from '../core/paths'
import { ensurePrivateDir } from './store'

export type Settings = z.infer<typeof BackupSettings>

const settingsPath = (paths: Paths): string => path.join(paths.backupsDir, 'settings.json')

export async function readSettings(paths: Paths): Promise<Settings> {
  let text: string
  try {
    text = await fs.readFile(settingsPath(paths), 'utf8')
  } catch {
    return {}
  }
  // A file edited by hand into something invalid falls back to keeping everything.
  try {
    const parsed = BackupSettings.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

export async function writeSettings(paths: Paths, settings: Settings): Promise<Settings> {
  await ensurePrivateDir(paths)
  const clean: Settings = settings.keepLast === undefined ? {} : { keepLast: settings.keepLast }
  await writeFileAtomic(settingsPath(paths), JSON.stringify(clean, null, 2) + '\n', 0o600)
  return clean
}
