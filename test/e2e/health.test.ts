import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { tabTo } from './keyboard'
import { clickNotification, notifications, recordNotifications } from './notifications'
import { openAppOnRig } from './rig-server'

// The Health screen in Chromium against the rig: an app of the ccd-data test
// recipe whose health check starts failing (the swarm restarts it in a loop),
// a server "ghost" whose SSH port answers nothing, the app never backed up,
// and an upgrade available. The core's monitor watches in the background
// (every 4 s here, 60 s in the product); the page follows health.changed
// without being reloaded. Then the app is fixed, backed up from Health,
// upgraded, and ghost removed: Health says all is fine.

let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
let home: string
const domain = `hl-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)
const service = `${stack}_app`
const s = (n: number): number => n * 1e9
let healthySpec: Docker.ServiceSpec

const card = (page: Page, key: string): Locator => page.locator(`[data-testid="health-item"][data-key="${key}"]`)
const restartCard = (page: Page): Locator => page.locator(`[data-testid="health-item"][data-key="app:rigbox/${domain}"]`)
const ghostCard = (page: Page): Locator => card(page, 'server:ghost')

async function updateService(change: (spec: Docker.ServiceSpec) => Docker.ServiceSpec): Promise<void> {
  const svc = docker.getService(service)
  const info = await svc.inspect()
  await svc.update({ ...change(structuredClone(info.Spec)), version: info.Version.Index } as never)
}

/** The words a card's buttons show (each also names its app or server for screen readers, out of sight). */
const buttonWords = (where: Locator): Promise<string[]> =>
  where.getByRole('button').evaluateAll((els) => els.map((el) => [...el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('sr-only'))).map((n) => n.textContent).join('').trim()))

/** Runs a shell command in the app's running container and waits for it to end. */
async function sh(script: string): Promise<void> {
  const found = (await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${service}`], status: ['running'] } }))[0]
  if (!found) throw new Error(`no running container of ${service}`)
  const exec = await docker.getContainer(found.Id).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true })
  const stream = await exec.start({ hijack: true, stdin: false })
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
    stream.resume()
  })
  expect((await exec.inspect()).ExitCode).toBe(0)
}

/** Waits for a job to end; fails with what it said when it didn't end well. */
async function expectDone(jobId: string): Promise<void> {
  const job = await app.core.jobs.wait(jobId)
  expect(job.status, `${job.title}: ${job.error?.message ?? ''}\n${job.log.slice(-15).join('\n')}`).toBe('done')
}

/** Docker itself says the app's task passes its health check. */
async function healthyOnTheSwarm(): Promise<void> {
  await expect
    .poll(async () => (await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${service}`], health: ['healthy'] } })).length, { timeout: 120_000, interval: 500 })
    .toBeGreaterThan(0)
}

/** A screenshot of the whole list: the window made tall enough that the screen doesn't scroll, then put back. */
async function shotWhole(page: Page, name: string, colorScheme: 'light' | 'dark'): Promise<void> {
  const before = page.viewportSize()
  const height = await page.locator('#main').evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: 1200, height: Math.max(820, height) })
  await page.emulateMedia({ colorScheme })
  try {
    await shot(page, name)
  } finally {
    await page.emulateMedia({ colorScheme: 'light' })
    if (before) await page.setViewportSize(before)
  }
}

async function openHealth(page: Page): Promise<void> {
  await page.getByTestId('nav-health').click()
  await page.getByTestId('health-screen').waitFor()
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  ;({ world, home, app } = await openAppOnRig(rig, { rigbox: true, monitor: { intervalMs: 4000 } }))
  // Desktop notifications allowed for the page, as after "Allow notifications", and each one recorded.
  await recordNotifications(app)
  await call(app.core, 'apps.new', { server: 'rigbox', domain, recipe: 'ccd-data', version: 'v1.0.0' })
  const { jobId } = await call(app.core, 'apps.deploy', { server: 'rigbox', domain, kind: 'deploy', backupFirst: false })
  await expectDone(jobId)
  // The recipe's "database", which its backup dumps first (kept in a volume, so it outlives the restarts).
  await sh('echo rows > /data/db.txt')
  healthySpec = (await docker.getService(service).inspect()).Spec
  // A server the app knows by its folder, whose SSH port answers nothing.
  fs.appendFileSync(path.join(home, '.ssh/config'), '\nHost ghost\n  HostName 127.0.0.1\n  Port 1\n')
  fs.mkdirSync(path.join(app.core.paths.serversDir, 'ghost'))
  // The app's health check starts failing: the swarm stops each task and starts another, in a loop.
  // (The recipe rolls a failed update back; this one is meant to stick.)
  await updateService((spec) => {
    const loose = spec as { UpdateConfig?: object; TaskTemplate: { ContainerSpec: { Healthcheck?: unknown }; RestartPolicy?: unknown } }
    loose.UpdateConfig = { ...loose.UpdateConfig, FailureAction: 'continue' }
    const task = loose.TaskTemplate
    task.ContainerSpec.Healthcheck = { Test: ['CMD', 'false'], Interval: s(1), Timeout: s(1), Retries: 1, StartPeriod: 0 }
    task.RestartPolicy = { Condition: 'any', Delay: s(1) }
    return spec
  })
}, 240_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (docker) await removeStack(docker, stack)
}, 120_000)

describe('the Health screen', () => {
  it('lists the app in a restart loop, the unreachable server, the missing backup and the upgrade, most serious first', { timeout: 180_000 }, async () => {
    const { page } = app
    // Health is the sidebar's first entry.
    expect(await page.getByRole('navigation').getByRole('button').first().getAttribute('data-testid')).toBe('nav-health')
    await openHealth(page)
    const restart = restartCard(page)
    await restart.waitFor({ timeout: 120_000 })
    await expect.poll(() => restart.getAttribute('data-kind'), { timeout: 60_000 }).toBe('app-restarting')
    const ghost = ghostCard(page)
    const backup = card(page, `backup:rigbox/${domain}`)
    const upgrade = card(page, `upgrade:rigbox/${domain}`)
    await Promise.all([ghost.waitFor({ timeout: 60_000 }), backup.waitFor({ timeout: 60_000 }), upgrade.waitFor({ timeout: 60_000 })])

    // Each card: icon + word + colour for its severity, the title, what was seen, what to do, for how long, and a button.
    const restartText = await restart.innerText()
    expect(restartText).toContain('Urgent')
    expect(restartText).toContain(`${domain} keeps restarting`)
    expect(restartText).toMatch(/What the app saw\s+Its part “app” kept failing its health check and was started again \d+ times\./)
    expect(restartText).toMatch(/What to do\s+[\s\S]*logs/)
    expect(restartText).toMatch(/for (less than a minute|\d+ minutes?)/)
    expect(await restart.locator('.status svg').count()).toBe(1)
    expect(await buttonWords(restart)).toEqual(['Open the app'])
    expect(await restart.getByRole('button', { name: `Open the app (${domain})`, exact: true }).count()).toBe(1)

    const ghostText = await ghost.innerText()
    expect(ghostText).toContain('Urgent')
    expect(ghostText).toContain('The server ghost can’t be reached')
    expect(ghostText).toMatch(/The app could not reach its Docker over SSH/)
    expect(await buttonWords(ghost)).toEqual(['Open the server'])
    expect(await ghost.getByRole('button', { name: 'Open the server (ghost)', exact: true }).count()).toBe(1)

    expect(await backup.getAttribute('data-kind')).toBe('backup-never')
    expect(await backup.innerText()).toContain('Needs attention')
    expect(await buttonWords(backup)).toEqual(['Back up now'])

    expect(await upgrade.innerText()).toContain('Good to know')
    expect(await upgrade.innerText()).toContain('v2.0.0')
    expect(await buttonWords(upgrade)).toEqual(['See the upgrade'])

    // Most serious first.
    const order = ['critical', 'warning', 'notice']
    const severities = await page.locator('[data-testid="health-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity') ?? ''))
    expect(severities.map((x) => order.indexOf(x))).toEqual([...severities.map((x) => order.indexOf(x))].sort((a, b) => a - b))

    // The summary, and when the last check was (the exact time on hover).
    const summary = page.getByTestId('health-summary')
    // The upgrade is only good to know: it doesn't count as needing attention, as in the sidebar.
    expect(await summary.innerText()).toMatch(new RegExp(`^${severities.filter((x) => x !== 'notice').length} things need attention\\.`))
    const checked = page.getByTestId('health-checked')
    expect(await checked.innerText()).toMatch(/^Checked (just now|\d+ minutes? ago)$/)
    expect(await checked.getAttribute('title')).toMatch(/20\d\d[\s\S]*\d\d:\d\d:\d\d[.,]\d{3}/)

    // The sidebar counts what is urgent or needs attention (not what is good to know), in words for screen readers.
    const needing = severities.filter((x) => x !== 'notice').length
    expect(needing).toBeGreaterThanOrEqual(3)
    // The badge shows the number; screen readers get it in words, and the button's name keeps the text seen on it.
    await expect.poll(() => page.getByTestId('nav-health-count').evaluate((b) => b.firstChild?.textContent)).toBe(String(needing))
    expect(await page.getByRole('button', { name: `Health ${needing} things need attention`, exact: true }).count()).toBe(1)

    await shotWhole(page, 'health-01-problems', 'light')
    await shotWhole(page, 'health-02-problems-dark', 'dark')
    await expectNoAxeViolations(page, 'Health with several problems')
  })

  it('"Open the app" leads to the app’s page, even when its code fails to arrive the first time', async () => {
    const { page } = app
    // The app page's chunk and its stylesheet are dropped once, as Chromium does when the network changes.
    const dropped: string[] = []
    await page.route(/\/assets\/AppDetail-[^/]+\.(js|css)$/, (route) => {
      const url = route.request().url()
      if (dropped.includes(url)) return route.continue()
      dropped.push(url)
      return route.abort('internetdisconnected')
    })
    await restartCard(page).getByRole('button', { name: 'Open the app' }).click()
    const detail = page.getByTestId('app-detail')
    await detail.waitFor()
    await page.unrouteAll()
    expect(dropped.map((u) => path.extname(u)).sort()).toEqual(['.css', '.js'])
    expect(await detail.getByRole('heading', { level: 1 }).innerText()).toBe(domain)
    // Its stylesheet arrived on a later try too: the page is styled, not only drawn.
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some((l) => {
            if (!/\/AppDetail-[^/]+\.css/.test(l.href)) return false
            try {
              // A failed load leaves an empty sheet whose rules can't be read.
              return (l.sheet?.cssRules.length ?? 0) > 0
            } catch {
              return false
            }
          })
        )
      )
      .toBe(true)
    await openHealth(page)
  })

  it('raises one desktop notification when the app goes wrong, not one a round; clicking it opens the app', async () => {
    const { page } = app
    const became = `app:rigbox/${domain}|became`
    await expect.poll(async () => (await notifications(page)).filter((n) => n.tag === became).length, { timeout: 30_000 }).toBe(1)
    const note = (await notifications(page)).find((n) => n.tag === became)!
    expect(note.title).toMatch(new RegExp(`^${domain.replace(/\./g, '\\.')} (keeps restarting|is down|is failing its health check)$`))
    expect(note.body).toContain('“app”')
    // Several rounds later (every 4 s here), still one: the state stayed the same.
    const checked = async (): Promise<number> => Date.parse((await page.getByTestId('health-checked').getAttribute('datetime')) ?? '')
    const since = await checked()
    await expect.poll(checked, { timeout: 30_000 }).toBeGreaterThan(since + 8000)
    const all = await notifications(page)
    expect(all.filter((n) => n.tag === became)).toHaveLength(1)
    // Each change once, whatever it is.
    expect(new Set(all.map((n) => n.tag)).size).toBe(all.length)
    await clickNotification(page, became)
    const detail = page.getByTestId('app-detail')
    await detail.waitFor()
    expect(await detail.getByRole('heading', { level: 1 }).innerText()).toBe(domain)
    await openHealth(page)
  })

  it('is usable with the keyboard: Tab to a card’s button, Enter', async () => {
    const { page } = app
    const button = ghostCard(page).getByRole('button', { name: 'Open the server' })
    await button.waitFor()
    await page.getByTestId('nav-health').focus()
    await tabTo(page, button)
    await page.keyboard.press('Enter')
    const checks = page.getByTestId('server-checks')
    await checks.waitFor()
    expect(await checks.getByRole('heading', { level: 1 }).innerText()).toContain('ghost')
    await openHealth(page)
  })

  it('a server’s page: disk, memory and load over the day from the monitor’s rounds, and its Docker and swarm', { timeout: 120_000 }, async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    await page.getByTestId('server-row-rigbox').getByRole('button', { name: 'Check rigbox' }).click()
    const section = page.getByTestId('server-health')
    await section.waitFor()
    await expect(section.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('How rigbox is doing')
    // How often it is measured, as Settings > Alerts has it (not changed yet: a minute).
    expect(await section.locator('#server-health-title + p').innerText()).toMatch(/^The app measures this every minute while it is open\. Last 24 hours\./)

    // Each chart is drawn from what the background monitor recorded (a round every 4 s here); the page reads it again every minute.
    const root = section.getByTestId('server-chart-disk-/')
    const drawn = (where: Locator) => where.locator('.chart__line, .chart__dot').count()
    // The monitor has run since this file began, so the first read has points; a later one comes within a minute.
    await expect.poll(() => drawn(root), { timeout: 70_000 }).toBeGreaterThan(0)
    expect(await drawn(section.getByTestId('server-chart-memory'))).toBeGreaterThan(0)
    expect(await drawn(section.getByTestId('server-chart-load'))).toBeGreaterThan(0)

    // Plain words, and a text alternative: the picture is named by its title and summary, the data is a table one click away.
    const summary = await root.locator('.chart__summary').innerText()
    expect(summary).toMatch(/^Now \d+%, highest \d+% in the last 24 hours$/)
    await root.getByRole('img', { name: `Disk space used (/) ${summary}`, exact: true }).waitFor()
    expect(await root.locator('.server-health__note').innerText()).toMatch(/^[\d.,]+ [kMGT]B free of [\d.,]+ [kMGT]B\. This disk holds the system \(\/\)/)
    expect(await section.getByTestId('server-chart-memory').locator('.chart__summary').innerText()).toMatch(/^Now \d+%, highest \d+% in the last 24 hours$/)
    expect(await section.getByTestId('server-chart-load').locator('.chart__title').innerText()).toBe('How busy (load per processor)')
    await root.getByText('Show as table').click()
    const rows = root.locator('table.chart__data tbody tr')
    await rows.first().waitFor()
    expect(await root.locator('table.chart__data thead th').allInnerTexts()).toEqual(['Time', 'Average', 'Lowest', 'Highest'])
    expect(await rows.first().locator('td').first().innerText()).toMatch(/^\d+%$/)

    // Docker and swarm, as the engine itself says.
    const version = ((await docker.version()) as { Version: string }).Version
    const [node] = (await docker.listNodes()) as Array<{ Description: { Hostname: string } }>
    const dockerPart = section.getByTestId('server-docker')
    await expect(dockerPart.getByTestId('server-docker-version').innerText()).resolves.toBe(version)
    expect(await dockerPart.getByTestId('server-swarm').innerText()).toBe('On: this server runs the swarm (manager)')
    const machines = dockerPart.getByTestId('server-nodes').locator('tbody tr')
    expect(await machines.count()).toBe(1)
    expect((await machines.first().locator('th, td').allInnerTexts()).map((s) => s.trim())).toEqual([node.Description.Hostname, 'Manager, leading: runs the swarm, and apps', 'Ready', 'Yes (active)'])

    await root.getByText('Show as table').click()
    await shotWhole(page, 'server-health-01', 'light')
    await shotWhole(page, 'server-health-02-dark', 'dark')
    await expectNoAxeViolations(page, 'A server’s page with its charts')
    await openHealth(page)
  })

  it('Settings: which alerts notify, how often Health checks, how old a backup may be', { timeout: 120_000 }, async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click()
    const card = page.getByTestId('settings-alerts')
    await card.waitFor()
    // Allowed in this browser: said so, with no button to ask again.
    expect(await card.getByTestId('settings-notifications').getAttribute('data-state')).toBe('granted')
    expect(await card.getByTestId('settings-notifications').innerText()).toContain('This browser shows the app’s notifications')
    expect(await card.getByTestId('settings-notifications-allow').count()).toBe(0)
    const status = card.getByTestId('settings-alerts-status')

    // Backups off: saved at once, for the core too (the fix below backs the app up: no notification for it).
    const backups = card.getByRole('checkbox', { name: 'A backup is too old, or was never made' })
    expect(await backups.isChecked()).toBe(true)
    // Saved first, then shown (the box follows what the core kept): a click, not uncheck(), which wants the box to change at once.
    await backups.click()
    await expect.poll(() => backups.isChecked()).toBe(false)
    await expect.poll(() => status.innerText()).toBe('Saved. Notifications are off for: A backup is too old, or was never made.')
    expect((await call(app.core, 'settings.get', {})).alerts.groups).toEqual({ apps: true, servers: true, certificates: true, backups: false, upgrades: true })

    // A time out of bounds is refused with what is allowed, on the field; a good one is saved.
    const interval = card.getByLabel('Time between checks (seconds)')
    expect(await interval.inputValue()).toBe('60')
    await interval.fill('10')
    await card.getByRole('button', { name: 'Save' }).click()
    expect(await card.locator('#settings-check-interval-error').innerText()).toBe('Choose between 30 seconds and 1 hour (3600 seconds) between checks.')
    expect(await interval.getAttribute('aria-invalid')).toBe('true')
    await shotWhole(page, 'settings-alerts-01-error', 'light')
    await interval.fill('120')
    await card.getByLabel('Oldest backup that is still fine (days)').fill('14')
    await card.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => status.innerText()).toBe('Saved. Health follows the new times from its next check.')
    expect(await card.locator('#settings-check-interval-error').count()).toBe(0)
    const saved = (await call(app.core, 'settings.get', {})).alerts
    expect([saved.checkIntervalSeconds, saved.backupMaxAgeDays]).toEqual([120, 14])
    // Kept in the settings file, beside the language.
    expect(JSON.parse(fs.readFileSync(app.core.paths.settingsFile, 'utf8'))).toMatchObject({ language: 'system', alerts: { checkIntervalSeconds: 120, backupMaxAgeDays: 14, groups: { backups: false } } })

    await shotWhole(page, 'settings-alerts-02', 'light')
    await shotWhole(page, 'settings-alerts-03-dark', 'dark')
    await expectNoAxeViolations(page, 'Settings with the alerts')
    await openHealth(page)
  })

  it('clears the app once it is fixed, backs it up from Health, and then says all is fine', { timeout: 300_000 }, async () => {
    const { page } = app
    await restartCard(page).waitFor()
    // The health check passes again: the card goes away by itself (health.changed), the page is not reloaded,
    // and stays away once a check has seen the app healthy.
    await updateService(() => healthySpec)
    await healthyOnTheSwarm()
    const fixedAt = Date.now()
    await expect
      .poll(async () => Date.parse((await page.getByTestId('health-checked').getAttribute('datetime')) ?? '') > fixedAt && (await restartCard(page).count()) === 0, { timeout: 60_000 })
      .toBe(true)
    expect(await ghostCard(page).count()).toBe(1)

    // "Back up now" starts the backup and shows its progress.
    await card(page, `backup:rigbox/${domain}`).getByRole('button', { name: 'Back up now' }).click()
    await page.getByTestId('job-screen').waitFor()
    const jobId = (await app.core.jobs.list()).find((j) => j.app?.domain === domain && j.kind === 'app-backup')?.id
    expect(jobId).toBeDefined()
    await expectDone(jobId!)

    // The upgrade is taken, and ghost is forgotten.
    const { jobId: upgradeJob } = await call(app.core, 'apps.deploy', { server: 'rigbox', domain, kind: 'upgrade', version: 'v2.0.0', backupFirst: false })
    await expectDone(upgradeJob)
    fs.rmdirSync(path.join(app.core.paths.serversDir, 'ghost'))

    await openHealth(page)
    const summary = page.getByTestId('health-summary')
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/^The app on 1 server is fine\./)
    expect(await page.locator('[data-testid="health-item"]').count()).toBe(0)
    expect(await summary.getAttribute('class')).toContain('health-summary--ok')
    expect(await page.getByTestId('nav-health-count').count()).toBe(0)
    expect(await page.getByTestId('nav-health').getAttribute('aria-label')).toBeNull()
    await shotWhole(page, 'health-03-all-fine', 'light')
    await shotWhole(page, 'health-04-all-fine-dark', 'dark')
    await expectNoAxeViolations(page, 'Health, all fine')
    // Every task the looping app starts adds network interfaces, and Chromium drops the requests in flight
    // when it sees them (net::ERR_NETWORK_CHANGED, logged by the browser itself, as are the loads dropped on
    // purpose above); the screens load again (screens/lazy.ts). Anything else the page logged is an error.
    expect(app.consoleErrors.filter((e) => !/net::ERR_(NETWORK_CHANGED|INTERNET_DISCONNECTED)$/.test(e))).toEqual([])
  })

  it('raised one notification when the app was fixed, and none for the backup, whose alerts were turned off', async () => {
    const all = await notifications(app.page)
    const tags = all.map((n) => n.tag)
    expect(tags.filter((t) => t.startsWith(`app:rigbox/${domain}|`))).toEqual([`app:rigbox/${domain}|became`, `app:rigbox/${domain}|cleared`])
    expect(all.find((n) => n.tag === `app:rigbox/${domain}|cleared`)).toMatchObject({ title: expect.stringMatching(/^Fixed: /), body: 'Health no longer sees this problem.' })
    // The upgrade's alerts were left on: its going away was announced; the backup's, turned off, was not.
    expect(tags).toContain(`upgrade:rigbox/${domain}|cleared`)
    expect(tags).not.toContain(`backup:rigbox/${domain}|cleared`)
    expect(new Set(tags).size).toBe(tags.length)
  })

  it('the app’s Health tab: its uptime with the restart loop, what went wrong, processor and memory, its volumes', { timeout: 120_000 }, async () => {
    const { page } = app
    // 1 MB in its "files" volume, sized by Docker when the tab asks (the app was fixed and upgraded above).
    await healthyOnTheSwarm()
    await sh('head -c 1000000 /dev/zero > /files/blob')
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByTestId(`app-row-${domain}`).click()
    await page.getByTestId('tab-health').click()
    const tab = page.getByTestId('app-health')
    await tab.waitFor()
    // How often the app is looked at is the interval Settings > Alerts was given above (120 s); processor and memory, once a minute while the tab is open.
    await expect.poll(() => tab.locator('#app-health-uptime + p').innerText()).toBe('The app looks at your app every 2 minutes while it is open. Each block is a stretch of time; hover over one to see when it was.')
    expect(await tab.locator('#app-health-usage + p').innerText()).toBe('Measured about once a minute, and only while this tab is open, for each part (service) of the app. 100 % processor is one processor core fully busy.')

    // The last 24 hours: the minutes of the restart loop were down, so less than 100 % up, in words and in the strip.
    const day = tab.getByTestId('uptime-day')
    await expect.poll(() => day.getAttribute('data-up-pct'), { timeout: 30_000 }).not.toBe('')
    expect(Number(await day.getAttribute('data-up-pct'))).toBeLessThan(100)
    const dayWords = await day.locator('.uptime__words').innerText()
    expect(dayWords).toMatch(/^Up \d+(\.\d)?\s?% of the time it was checked\. Went down (once|\d+ times)\.$/)
    // Drawn: each slot a block of the strip's height, patterned by its state.
    expect(await day.locator('.uptime__strip').evaluate((el) => el.getBoundingClientRect().height)).toBe(32)
    const states = await day.locator('.uptime__slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
    expect(states).toHaveLength(48)
    expect(states.some((x) => x === 'partial' || x === 'down')).toBe(true)
    // Before this test's app existed there is no data: grey, not green.
    expect(states[0]).toBe('none')
    // Each slot says when and what on hover; the strip is named for screen readers.
    expect(await day.locator('.uptime__slot').first().getAttribute('title')).toMatch(/ to .+: No data$/)
    expect(await day.getByRole('img').getAttribute('aria-label')).toBe(`Last 24 hours: ${dayWords}`)
    expect(await tab.getByTestId('uptime-week').locator('.uptime__slot').count()).toBe(42)

    // What went wrong, in plain words, the exact times on hover.
    const incident = tab.getByTestId('app-incident').first()
    const said = await incident.innerText()
    expect(said).toMatch(/^(Down|Not working properly) from (today|yesterday) \d\d:\d\d(\s?[AP]M)? to \d\d:\d\d(\s?[AP]M)? \((less than a minute|\d+ minutes?)\): the app (kept crashing and being started again|was not running|was running but failed its health check)\.$/)
    expect(await incident.getAttribute('title')).toMatch(/\d\d:\d\d:\d\d[.,]\d{3}(\s?[AP]M)? – .+\d\d:\d\d:\d\d[.,]\d{3}(\s?[AP]M)?$/)

    // Processor and memory of its one service, measured now over SSH, in words and as two charts.
    const service = tab.getByTestId('app-usage-service')
    await service.waitFor({ timeout: 30_000 })
    expect(await service.getAttribute('data-service')).toBe('app')
    expect(Number(await service.getAttribute('data-mem'))).toBeGreaterThan(0)
    expect(await service.locator('.app-usage__now').innerText()).toMatch(/^app: processor [\d.,]+ %, memory [\d.,]+\s?[kMG]?B \(measured today \d\d:\d\d(\s?[AP]M)?\)\.$/)
    expect(await service.locator('figure.chart').count()).toBe(2)

    // Its volumes, named as the recipe and abra name them, with their sizes.
    const files = tab.locator(`[data-testid="app-volume"][data-volume="${stack}_files"]`)
    await files.waitFor({ timeout: 30_000 })
    expect(Number(await files.getAttribute('data-bytes'))).toBeGreaterThanOrEqual(1_000_000)
    expect(await files.innerText()).toMatch(new RegExp(`^Files \\(${stack}_files\\): [\\d.,]+ (MB|kB)$`))
    expect(await tab.getByTestId('app-volume').count()).toBe(3)

    await shotWhole(page, 'app-health-01', 'light')
    await shotWhole(page, 'app-health-02-dark', 'dark')
    await expectNoAxeViolations(page, 'An app’s Health tab')
  })
})
