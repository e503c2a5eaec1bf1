import fs from 'node:fs/promises'
import path from 'node:path'
import type { Handlers } from '../api/dispatch'
import { readAlertSettings, withAlertChange, type AlertSettings } from '../contract/alerts'
import { Language, LanguageChoice, type Settings } from '../contract/settings'
import { writeFileAtomic } from './files'
import { setLanguage } from '../i18n/i18n'

// The app's own settings (the language, and Health's alerts), kept in one
// small JSON file. A file that can't be read or parsed means "nothing chosen
// yet", and a value in it that isn't valid is its default: settings are a
// convenience, and a broken one must not stop the app from starting. A file
// from before the alerts existed ({ "language": … }) reads as the defaults.
export interface SettingsDeps {
  file: string
  /** The computer's language: Electron's locale, or LANG for browser mode and the CLI. */
  systemLanguage: Language
  /** Told of every choice saved, so every window (and the Electron menu, and the monitor) follows. */
  onChange?: (s: Settings) => void
}

/** What the file keeps: the person's choices only. */
export interface Stored {
  language: LanguageChoice
  alerts: AlertSettings
}

/** Whatever the file holds, as choices: what can't be read is the default. */
export function parseStored(raw: unknown): Stored {
  const r = (raw && typeof raw === 'object' ? raw : {}) as { language?: unknown; alerts?: unknown }
  return { language: LanguageChoice.safeParse(r.language).data ?? 'system', alerts: readAlertSettings(r.alerts) }
}

async function readStored(file: string): Promise<Stored> {
  try {
    return parseStored(JSON.parse(await fs.readFile(file, 'utf8')))
  } catch {
    return parseStored(undefined)
  }
}

function settingsOf(stored: Stored, systemLanguage: Language): Settings {
  const { language, alerts } = stored
  return { language, systemLanguage, effectiveLanguage: language === 'system' ? systemLanguage : language, alerts }
}

export function settingsHandlers(deps: SettingsDeps): { handlers: Pick<Handlers, 'settings.get' | 'settings.set'>; load(): Promise<Settings> } {
  const load = async (): Promise<Settings> => {
    const s = settingsOf(await readStored(deps.file), deps.systemLanguage)
    setLanguage(s.effectiveLanguage)
    return s
  }
  // One change at a time: each reads the file the one before wrote, so two
  // changes made together (the language in one window, an alert in another) both stay.
  let saving: Promise<unknown> = Promise.resolve()
  return {
    load,
    handlers: {
      'settings.get': load,
      'settings.set': (change) => {
        const done = saving.then(async () => {
          const before = await readStored(deps.file)
          const stored: Stored = {
            language: change.language ?? before.language,
            alerts: change.alerts ? withAlertChange(before.alerts, change.alerts) : before.alerts
          }
          await fs.mkdir(path.dirname(deps.file), { recursive: true, mode: 0o700 })
          await writeFileAtomic(deps.file, JSON.stringify(stored, null, 2) + '\n')
          const s = settingsOf(stored, deps.systemLanguage)
          setLanguage(s.effectiveLanguage)
          deps.onChange?.(s)
          return s
        })
        saving = done.catch(() => {})
        return done
      }
    }
  }
}
