import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import { ALERT_GROUP_OF, AlertGroup, DEFAULT_ALERTS, readAlertSettings } from '../../src-main/contract/alerts'
import { AttentionKind } from '../../src-main/contract/health'
import type { Settings } from '../../src-main/contract/settings'
import { createCore, type Core } from '../../src-main/core/core'
import { parseStored } from '../../src-main/core/settings'

// Health's alert settings through the core's own door: defaults, kept in the
// settings file beside the language, an old or broken file still read, and
// a bad value refused with words a person can act on.
const cores: Core[] = []
const homes: string[] = []
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()))
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true })
})

function newHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-alerts-'))
  homes.push(home)
  return home
}
function newCore(home: string): Core {
  const core = createCore({ transport: 'cli', home, env: { HOME: home, LANG: 'en_GB.UTF-8' } })
  cores.push(core)
  return core
}
const settingsFile = (home: string): string => path.join(home, '.config/coopcloud-desktop/settings.json')
async function call(core: Core, method: 'settings.get' | 'settings.set', input: object): Promise<Settings> {
  const r = await dispatch(core.handlers, method, input)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as Settings
}

describe('alert settings', () => {
  it('every kind of problem belongs to one of the five groups', () => {
    for (const kind of AttentionKind.options) expect(AlertGroup.options).toContain(ALERT_GROUP_OF[kind])
    expect(new Set(Object.values(ALERT_GROUP_OF))).toEqual(new Set(AlertGroup.options))
  })

  it('default to every alert on, a check a minute and backups up to 7 days old', async () => {
    expect(DEFAULT_ALERTS).toEqual({ groups: { apps: true, servers: true, certificates: true, backups: true, upgrades: true }, checkIntervalSeconds: 60, backupMaxAgeDays: 7 })
    const core = newCore(newHome())
    expect((await call(core, 'settings.get', {})).alerts).toEqual(DEFAULT_ALERTS)
  })

  it('are kept beside the language, a change leaving the rest as it was, and found by the next start', async () => {
    const home = newHome()
    const core = newCore(home)
    await call(core, 'settings.set', { language: 'fr' })
    const s = await call(core, 'settings.set', { alerts: { groups: { upgrades: false }, checkIntervalSeconds: 300 } })
    expect(s.language).toBe('fr')
    expect(s.alerts).toEqual({ ...DEFAULT_ALERTS, groups: { ...DEFAULT_ALERTS.groups, upgrades: false }, checkIntervalSeconds: 300 })
    // Two changes at once (two windows) both stay.
    await Promise.all([call(core, 'settings.set', { alerts: { backupMaxAgeDays: 14 } }), call(core, 'settings.set', { alerts: { groups: { backups: false } } })])
    const next = newCore(home)
    expect(await call(next, 'settings.get', {})).toMatchObject({
      language: 'fr',
      alerts: { groups: { apps: true, servers: true, certificates: true, backups: false, upgrades: false }, checkIntervalSeconds: 300, backupMaxAgeDays: 14 }
    })
    expect(JSON.parse(fs.readFileSync(settingsFile(home), 'utf8')).alerts.checkIntervalSeconds).toBe(300)
  })

  it('read a file from before alerts existed, or with broken values, as the defaults for what it lacks', async () => {
    const home = newHome()
    fs.mkdirSync(path.dirname(settingsFile(home)), { recursive: true })
    fs.writeFileSync(settingsFile(home), JSON.stringify({ language: 'fr' }))
    expect(await call(newCore(home), 'settings.get', {})).toMatchObject({ language: 'fr', alerts: DEFAULT_ALERTS })
    // Hand-edited: each bad value costs itself only.
    expect(parseStored({ language: 'xx', alerts: { groups: { apps: false, servers: 'no', bogus: true }, checkIntervalSeconds: 5, backupMaxAgeDays: 30 } })).toEqual({
      language: 'system',
      alerts: { groups: { ...DEFAULT_ALERTS.groups, apps: false }, checkIntervalSeconds: 60, backupMaxAgeDays: 30 }
    })
    expect(readAlertSettings('nonsense')).toEqual(DEFAULT_ALERTS)
    expect(readAlertSettings({ checkIntervalSeconds: 90.5, backupMaxAgeDays: 1000 })).toEqual(DEFAULT_ALERTS)
  })

  it('refuse a bad value at the door, saying what is allowed, and keep what was saved', async () => {
    const home = newHome()
    const core = newCore(home)
    // The language is the core's (an earlier test chose French): English, read from the file first.
    expect((await call(core, 'settings.get', {})).effectiveLanguage).toBe('en')
    const refused = async (input: object): Promise<string> => {
      const r = await dispatch(core.handlers, 'settings.set', input)
      expect(r.ok).toBe(false)
      return r.ok ? '' : r.error.message
    }
    expect(await refused({ alerts: { checkIntervalSeconds: 10 } })).toContain('Choose between 30 seconds and 1 hour (3600 seconds) between checks.')
    expect(await refused({ alerts: { checkIntervalSeconds: 7200 } })).toContain('Choose between 30 seconds and 1 hour (3600 seconds) between checks.')
    expect(await refused({ alerts: { checkIntervalSeconds: 45.5 } })).toContain('The time between checks is a whole number of seconds.')
    expect(await refused({ alerts: { backupMaxAgeDays: 0 } })).toContain('Choose between 1 and 365 days.')
    expect(await refused({ alerts: { groups: { everything: false } } })).toBeTruthy()
    expect(fs.existsSync(settingsFile(home))).toBe(false)
    expect((await call(core, 'settings.get', {})).alerts).toEqual(DEFAULT_ALERTS)
  })
})
