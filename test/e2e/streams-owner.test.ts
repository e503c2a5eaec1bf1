import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { EventPayload } from '../../src-main/contract/contract'
import { dockerLocal } from '../../src-main/docker/transport'
import { call, homeWithSshConfig, runningExecs as execsIn, waitFor as waitForIt } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { openApp, shot, type App } from './browser'
import { addRigServer } from './rig-server'

// A page reloaded again and again with an app's logs and its terminal open
// (two tabs of one browser, in Chromium, through browser mode, over SSH):
// each reload must close what the old page had open, here and on the server.
// Before, they piled up until "too many streams", each holding a connection.

const ROUNDS = 50
let rig: Rig
let app: App
let docker: Docker
let home: string
let logsPage: Page
let termPage: Page
const domain = `own-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)
const keychainService = `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`
const opened = new Set<string>()
const ended = new Set<string>()
const stillOpen = (): string[] => [...opened].filter((id) => !ended.has(id))

const waitFor = <T>(what: string, get: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> =>
  waitForIt(what, get, timeoutMs, { everyMs: 100 })

/** Processes started by `docker exec` still running in the app's container. */
async function runningExecs(): Promise<number> {
  const [task] = await docker.listTasks({ filters: JSON.stringify({ service: [`${stack}_app`], 'desired-state': ['running'] }) })
  const id = task?.Status?.ContainerStatus?.ContainerID
  if (!id) throw new Error('the app has no running container')
  return execsIn(docker, id)
}

async function openTab(page: Page, tab: 'logs' | 'terminal'): Promise<void> {
  await page.getByRole('button', { name: 'Apps', exact: true }).click()
  const row = page.getByTestId(`app-row-${domain}`)
  await row.waitFor({ timeout: 30_000 })
  await row.click()
  await page.getByTestId('app-detail').waitFor()
  await page.getByTestId(`tab-${tab}`).click()
  if (tab === 'logs') {
    await expect.poll(() => page.getByTestId('logs-view').locator('.log-line').count(), { timeout: 30_000 }).toBeGreaterThan(0)
  } else {
    await expect.poll(() => page.getByTestId('terminal').getAttribute('data-state'), { timeout: 30_000 }).toBe('open')
  }
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  app = await openApp(rig, home, keychainService)
  await addRigServer(app, rig)
  await writeAppEnv(app.core.paths, 'rigbox', domain, `RECIPE=custom\nDOMAIN=${domain}\n`)
  await docker.createService({
    Name: `${stack}_app`,
    Labels: { 'com.docker.stack.namespace': stack },
    TaskTemplate: {
      ContainerSpec: { Image: rig.image, Command: ['sh', '-c', 'i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done'], StopGracePeriod: 1e9 },
      RestartPolicy: { Condition: 'none' }
    },
    Mode: { Replicated: { Replicas: 1 } }
  } as Docker.CreateServiceOptions)
  await waitFor('the app to run', async () => (await docker.listTasks({ filters: JSON.stringify({ service: [`${stack}_app`] }) })).some((t) => t.Status?.State === 'running'))

  // Every log and terminal the pages open, and every end, as the core reports them.
  const handlers = app.core.handlers
  for (const method of ['apps.logs', 'apps.exec'] as const) {
    const original = handlers[method] as (input: unknown, client?: unknown) => Promise<{ streamId: string }>
    ;(handlers as Record<string, unknown>)[method] = async (input: unknown, client?: unknown) => {
      const r = await original(input, client)
      opened.add(r.streamId)
      return r
    }
  }
  app.core.events.subscribe((name, payload) => {
    if (name === 'stream.end') ended.add((payload as EventPayload<'stream.end'>).streamId)
  })
  logsPage = app.page
  termPage = await app.browser.newPage()
  // A new tab has its own session storage: it needs the printed address too.
  await termPage.goto(app.server.url)
}, 120_000)

afterAll(async () => {
  await app?.close()
  if (docker) await docker.getService(`${stack}_app`).remove().catch(() => undefined)
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('reloading a page with logs and a terminal open', () => {
  it(`${ROUNDS} times leaves no log or terminal behind, and the server still answers`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all([openTab(logsPage, 'logs'), openTab(termPage, 'terminal')])
      if (round === 0) await shot(termPage, '60-terminal-before-reloads')
      await Promise.all([logsPage.reload(), termPage.reload()])
    }
    expect(opened.size).toBeGreaterThanOrEqual(2 * ROUNDS)
    await waitFor('every log and terminal to close', () => stillOpen().length === 0, 20_000).catch(() => {
      throw new Error(`${stillOpen().length} of ${opened.size} logs and terminals are still open`)
    })
    await waitFor('every shell in the container to end', async () => (await runningExecs()) === 0, 20_000)

    // The server answers, through the core and through the page.
    const ps = await call(app.core, 'apps.ps', { server: 'rigbox', domain })
    expect(ps.services).toHaveLength(1)
    await openTab(logsPage, 'logs')
    await openTab(termPage, 'terminal')
    expect(stillOpen()).toHaveLength(2)
    expect(app.consoleErrors).toEqual([])
  }, 900_000)
})
