import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import type { EventName } from '../../src-main/contract/contract'
import { DEFAULT_ALERTS } from '../../src-main/contract/alerts'
import { createCore, type Core } from '../../src-main/core/core'
import { t } from '../../src-main/i18n/i18n'

// The language choice through the core's own door: kept in the settings
// file, applied to the core's messages at once, told to every window, and
// found again by the next start. "Same as this computer" follows LANG.
const cores: Core[] = []
const homes: string[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()))
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true })
})

function newCore(home: string, lang: string): Core {
  const core = createCore({ transport: 'browser', home, env: { HOME: home, LANG: lang } })
  cores.push(core)
  return core
}
async function call(core: Core, method: 'settings.get' | 'settings.set', input: object) {
  const r = await dispatch(core.handlers, method, input)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as { language: string; systemLanguage: string; effectiveLanguage: string }
}

describe('choosing the language', () => {
  it('is kept, applied to the core’s words at once, told to every window, and found by the next start', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-lang-'))
    homes.push(home)
    const core = newCore(home, 'en_GB.UTF-8')
    expect(await call(core, 'settings.get', {})).toEqual({ language: 'system', systemLanguage: 'en', effectiveLanguage: 'en', alerts: DEFAULT_ALERTS })

    const heard: { name: EventName; payload: unknown }[] = []
    core.events.subscribe((name, payload) => heard.push({ name, payload }))
    expect(await call(core, 'settings.set', { language: 'fr' })).toMatchObject({ language: 'fr', effectiveLanguage: 'fr' })
    expect(heard).toEqual([{ name: 'settings.changed', payload: { language: 'fr', systemLanguage: 'en', effectiveLanguage: 'fr', alerts: DEFAULT_ALERTS } }])
    expect(t('common.cancelled')).toBe('Annulé.')
    // Refused input is refused in the chosen language too, and changes nothing.
    const bad = await dispatch(core.handlers, 'settings.set', { language: 'klingon' })
    expect(bad.ok).toBe(false)
    expect(JSON.parse(fs.readFileSync(path.join(home, '.config/coopcloud-desktop/settings.json'), 'utf8'))).toEqual({ language: 'fr', alerts: DEFAULT_ALERTS })

    // The next start (another process, same home) finds the choice.
    const next = newCore(home, 'en_GB.UTF-8')
    expect(await call(next, 'settings.get', {})).toMatchObject({ language: 'fr', effectiveLanguage: 'fr' })

    // Back to the computer's language.
    expect(await call(next, 'settings.set', { language: 'system' })).toMatchObject({ language: 'system', effectiveLanguage: 'en' })
    expect(t('common.cancelled')).toBe('Cancelled.')
  })

  it('follows the computer at first run, and a broken settings file means no choice yet', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-lang-'))
    homes.push(home)
    fs.mkdirSync(path.join(home, '.config/coopcloud-desktop'), { recursive: true })
    fs.writeFileSync(path.join(home, '.config/coopcloud-desktop/settings.json'), '{ not json')
    const core = newCore(home, 'fr_FR.UTF-8')
    expect(await call(core, 'settings.get', {})).toEqual({ language: 'system', systemLanguage: 'fr', effectiveLanguage: 'fr', alerts: DEFAULT_ALERTS })
    expect(t('common.cancelled')).toBe('Annulé.')
    await call(core, 'settings.set', { language: 'en' })
    expect(t('common.cancelled')).toBe('Cancelled.')
  })
})
