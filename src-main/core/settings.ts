import fs from 'node:fs/promises'
import path from 'node:path'
import type { Handlers } from '../api/dispatch'
import { Language, LanguageChoice, type Settings } from '../contract/settings'
import { writeFileAtomic } from './files'
import { setLanguage } from '../i18n/i18n'

// The app's own settings (today: the language), kept in one small JSON file.
// A file that can't be read or parsed means "nothing chosen yet": settings are
// a convenience, and a broken one must not stop the app from starting.
export interface SettingsDeps {
  file: string
  /** The computer's language: Electron's locale, or LANG for browser mode and the CLI. */
  systemLanguage: Language
  /** Told of every choice saved, so every window (and the Electron menu) follows. */
  onChange?: (s: Settings) => void
}

async function readChoice(file: string): Promise<LanguageChoice> {
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as { language?: unknown }
    return LanguageChoice.safeParse(raw.language).data ?? 'system'
  } catch {
    return 'system'
  }
}

function settingsOf(language: LanguageChoice, systemLanguage: Language): Settings {
  return { language, systemLanguage, effectiveLanguage: language === 'system' ? systemLanguage : language }
}

export function settingsHandlers(deps: SettingsDeps): { handlers: Pick<Handlers, 'settings.get' | 'settings.set'>; load(): Promise<Settings> } {
  const load = async (): Promise<Settings> => {
    const s = settingsOf(await readChoice(deps.file), deps.systemLanguage)
    setLanguage(s.effectiveLanguage)
    return s
  }
  return {
    load,
    handlers: {
      'settings.get': load,
      'settings.set': async ({ language }) => {
        await fs.mkdir(path.dirname(deps.file), { recursive: true, mode: 0o700 })
        await writeFileAtomic(deps.file, JSON.stringify({ language }, null, 2) + '\n')
        const s = settingsOf(language, deps.systemLanguage)
        setLanguage(s.effectiveLanguage)
        deps.onChange?.(s)
        return s
      }
    }
  }
}
