import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import type { HealthAlert, HealthReport } from '../../src-main/contract/health'
import { api, deployCcdData } from '../support/backup-rig'
import { CCD_DATA_DB, closeNightlyRig, inApp, setUpNightly, startNightlyNode, type NightlyRig } from '../support/nightly-rig'
import { waitFor } from './support'

// Health and the server's nightly backups (issue 14), on a one-node swarm of
// this file's own over real SSH (the bot's runs see only this file's app),
// with the stand-in bot on its short clock (every 5 s; see
// test/support/nightly-rig.ts): Health watches in the background, as the
// window does. An app never backed up on this computer stops being "never
// backed up" once the bot's scheduled run made a snapshot of it; runs that
// fail (the app's pre-hook fails) become "last night's backup failed" on
// the server, confirmed by a second round and announced once, and fixed
// once a run works again.
let b: NightlyRig
const tag = crypto.randomBytes(3).toString('hex')
const domain = `nh-${tag}.apps.test`
const botDomain = `backups-${tag}.nightlybox.test`
const alerts: HealthAlert[] = []

const report = (): Promise<HealthReport> => api(b.core, 'health.get', {})
const itemOf = (r: HealthReport, kind: string, about: { domain?: string; server?: string }) =>
  r.items.find((i) => i.kind === kind && (about.domain ? i.domain === about.domain : i.server === about.server && !i.domain))
const said = (r: HealthReport): string => JSON.stringify(r.items.filter((i) => i.server === b.server).map((i) => [i.kind, i.domain ?? '', i.title]))

beforeAll(async () => {
  // A round every 3 s (each round's own time limit is then 1.5 s; the nightly look is outside it, bounded by its own wait).
  b = await startNightlyNode({ monitor: { intervalMs: 3000 } })
  b.core.events.subscribe((name, payload) => {
    if (name === 'health.alert') alerts.push(payload as HealthAlert)
  })
  await deployCcdData(b, domain)
  await inApp(b, domain, `echo "the database" > ${CCD_DATA_DB}`)
}, 100_000)

// The node goes with everything on it.
afterAll(() => closeNightlyRig(b), 100_000)

describe('Health and nightly backups on the server (backup-bot-two stand-in)', () => {
  it('without nightly backups, an app never backed up on this computer is “never backed up”', async () => {
    const r = await waitFor('backup-never for the app', async () => {
      const now = await report()
      return itemOf(now, 'backup-never', { domain }) ? now : undefined
    }, 30_000, { everyMs: 500 })
    expect(itemOf(r, 'backup-never', { domain })?.detail).toBe('There is no backup of its data on this computer.')
    expect(itemOf(r, 'nightly-missed', { server: b.server })).toBeUndefined()
  }, 40_000)

  it('a scheduled nightly run’s snapshot clears it, with no backup on this computer', async () => {
    await setUpNightly(b, botDomain)
    let last: HealthReport | undefined
    await waitFor(
      'backup-never to clear and no nightly problem',
      async () => {
        last = await report()
        return !itemOf(last, 'backup-never', { domain }) && !itemOf(last, 'nightly-missed', { server: b.server })
      },
      60_000,
      { everyMs: 500, detail: () => (last ? said(last) : 'no report') }
    )
    // Thanks to the server's snapshot: this computer has no backup of it.
    const dir = path.join(b.core.paths.backupsDir, domain)
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([])
    // Read without restic's lock, as Health reads: nightly.status takes it, and the bot's forget --prune
    // of that moment then fails ("repository is already locked"), which the next test would see as a failed run.
    const bot = b.node.docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stackNameFor(botDomain)}_app`]).trim()
    const snapshots = JSON.parse(b.node.docker(['exec', bot, 'restic', '--no-lock', 'snapshots', '--json', '--tag', stackNameFor(domain)])) as unknown[]
    expect(snapshots.length).toBeGreaterThan(0)
    // Fixed, and said so once (announced once the history has it).
    const fixed = (): HealthAlert[] => alerts.filter((a) => a.change === 'cleared' && a.item.kind === 'backup-never' && a.item.domain === domain)
    await waitFor('the fix to be announced', () => fixed().length > 0, 10_000)
    expect(fixed()).toHaveLength(1)
  }, 100_000)

  it('runs that fail become “last night’s backup failed” on the server, announced once, with the bot’s words and what to do; a run that works fixes it', async () => {
    // Just after setup, before the bot's first run, a run may have been reported as not happened: only what follows counts here.
    const mark = alerts.length
    const since = (): HealthAlert[] => alerts.slice(mark)
    await inApp(b, domain, `rm ${CCD_DATA_DB}`)
    let last: HealthReport | undefined
    try {
      const r = await waitFor(
        'nightly-missed on the server',
        async () => {
          last = await report()
          // Said as "failed" (between two failing runs far apart on a busy machine, a round may see none and say "didn't happen").
          return itemOf(last, 'nightly-missed', { server: b.server })?.title === `Last night’s backup on ${b.server} failed` ? last : undefined
        },
        45_000,
        { everyMs: 500, detail: () => (last ? said(last) : 'no report') }
      )
      const item = itemOf(r, 'nightly-missed', { server: b.server })!
      expect(item).toMatchObject({ severity: 'warning', key: `nightly:${b.server}`, title: `Last night’s backup on ${b.server} failed` })
      expect(item.detail).toMatch(new RegExp(`^The backup app \\(${botDomain.replace(/\./g, '\\.')}\\) ran at its time, but some of the apps were not backed up\\. It said: .*pre-hook`))
      expect(item.next).toMatch(/Backups screen/)
      // Its snapshot from before still counts: the app is not "never backed up" again.
      expect(itemOf(r, 'backup-never', { domain })).toBeUndefined()
      const became = (): HealthAlert[] => since().filter((a) => a.change === 'became' && a.item.kind === 'nightly-missed')
      await waitFor('the problem to be announced', () => became().length > 0, 10_000)
      expect(became()).toHaveLength(1)
      expect(became()[0].title).toMatch(new RegExp(`^Last night’s backup on ${b.server} (failed|didn’t happen)$`))
    } finally {
      await inApp(b, domain, `echo "the database" > ${CCD_DATA_DB}`)
    }
    await waitFor(
      'nightly-missed to clear',
      async () => {
        last = await report()
        return !itemOf(last, 'nightly-missed', { server: b.server })
      },
      45_000,
      { everyMs: 500, detail: () => (last ? said(last) : 'no report') }
    )
    // As last described: failed, or (the bot's failure words aged out before its next run) didn't happen.
    const cleared = (): HealthAlert[] => since().filter((a) => a.change === 'cleared' && a.item.kind === 'nightly-missed')
    await waitFor('the fix to be announced', () => cleared().length > 0, 10_000)
    const fixed = cleared()
    expect(fixed).toHaveLength(1)
    expect(fixed[0].title).toMatch(new RegExp(`^Fixed: Last night’s backup on ${b.server} (failed|didn’t happen)$`))
    expect(since().filter((a) => a.change === 'became' && a.item.kind === 'nightly-missed')).toHaveLength(1)
  }, 100_000)
})
