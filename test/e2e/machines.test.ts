import crypto from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, type Rig } from '../rig/rig'
import { until } from '../support/until'
import { startSwarmNodes, type SwarmNodes } from '../support/swarm-nodes'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnSwarm } from './rig-server'

// The Machines section of a server's page in Chromium (issue 13), on the
// three-machine rig (test/support/swarm-nodes.ts): the server is the swarm's
// manager, added over SSH at its bridge address. The list shows the three
// machines with their roles and states; a label is refused then set; the
// drain dialog names this file's service and warns its data stays behind;
// the drain runs with its progress shown and ends drained; Activate brings
// the machine back. Everything asserted on is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let app: App
let home: string
const SERVER = 'swarm1'
const id = crypto.randomBytes(3).toString('hex')
const STACK = `e${id}`
const SERVICE = `${STACK}_app`
const VOLUME = `${STACK}_data`

/** The hostnames the service's running task is on. */
async function runningOn(service: string): Promise<string[]> {
  const r = await swarm.manager.api('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({ service: [service], 'desired-state': ['running'] }))}`)
  const tasks = r.json as { NodeID: string; Status: { State: string } }[]
  const nodes = await swarm.nodeList()
  return tasks.filter((t) => t.Status.State === 'running').map((t) => nodes.find((n) => n.id === t.NodeID)!.hostname)
}

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 3 })
  ;({ home, app } = await openAppOnSwarm(rig, swarm, SERVER))
  // An app's service on a worker, with its data in a local volume.
  const r = await swarm.manager.api('POST', '/services/create', {
    Name: SERVICE,
    Labels: { 'com.docker.stack.namespace': STACK },
    TaskTemplate: {
      ContainerSpec: { Image: rig.image, Command: ['sh', '-c', 'exec sleep 100000'], Mounts: [{ Type: 'volume', Source: VOLUME, Target: '/data' }] },
      Placement: { Constraints: ['node.role==worker'] }
    },
    Mode: { Replicated: { Replicas: 1 } }
  })
  expect(r.status, r.text).toBe(201)
  await until(`${SERVICE} running`, async () => (await runningOn(SERVICE)).length === 1, 60_000)
}, 150_000)

afterAll(async () => {
  await app?.close()
  await swarm?.stop()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 90_000)

describe('the Machines of a server in Chromium', () => {
  it('lists the machines, sets a label, drains a worker after showing what moves and what data stays, then activates it', { timeout: 100_000 }, async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    await page.getByTestId(`server-row-${SERVER}`).getByRole('button', { name: `Check ${SERVER}` }).click()
    const section = page.getByTestId('machines')
    await section.getByTestId('machines-count').waitFor({ timeout: 30_000 })
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Machines')
    expect(await section.getByTestId('machines-count').innerText()).toBe('3 machines')

    const card = (host: string) => section.getByTestId(`machine-${host}`)
    expect(await card('ccd-node-1').getByTestId('machine-role').innerText()).toBe('manager (leader)')
    expect(await card('ccd-node-1').getByTestId('machine-self').count()).toBe(1)
    for (const host of ['ccd-node-2', 'ccd-node-3']) {
      expect(await card(host).getByTestId('machine-role').innerText()).toBe('worker')
      expect(await card(host).getByTestId('machine-self').count()).toBe(0)
    }
    for (const host of ['ccd-node-1', 'ccd-node-2', 'ccd-node-3']) {
      expect(await card(host).getByTestId('machine-state').innerText()).toBe('ready')
      expect(await card(host).getAttribute('data-availability')).toBe('active')
    }
    const host = (await runningOn(SERVICE))[0]
    const other = host === 'ccd-node-2' ? 'ccd-node-3' : 'ccd-node-2'
    expect(await card(host).getByTestId('machine-runs').innerText()).toContain(`${STACK}: app`)
    await shot(page, 'machines-list')
    await expectNoAxeViolations(page, 'the machines list')

    // Labels: a name Docker keeps is refused in words, with what was typed kept; then one is set.
    await card(host).getByTestId('machine-labels-edit').click()
    const labels = page.getByTestId('labels-dialog')
    await labels.getByTestId('labels-input').fill('storage=ssd\ncom.docker.x=1')
    await labels.getByTestId('labels-save').click()
    expect(await labels.getByTestId('labels-problems').innerText()).toContain('“com.docker.x” starts with com.docker.')
    expect(await labels.getByTestId('labels-input').inputValue()).toBe('storage=ssd\ncom.docker.x=1')
    await labels.getByTestId('labels-input').fill('storage=ssd')
    await labels.getByTestId('labels-save').click()
    await labels.waitFor({ state: 'detached', timeout: 30_000 })
    await card(host).getByTestId('machine-labels').getByText('storage=ssd').waitFor({ timeout: 30_000 })
    const nodeId = (await swarm.nodeList()).find((n) => n.hostname === host)!.id
    const node = await swarm.manager.api('GET', `/nodes/${nodeId}`)
    expect((node.json as { Spec: { Labels: Record<string, string> } }).Spec.Labels).toEqual({ storage: 'ssd' })

    // The drain dialog names the service, where it goes, and that its data stays behind.
    await card(host).getByTestId('machine-drain').click()
    const dialog = page.getByTestId('drain-dialog')
    const moving = dialog.getByTestId('drain-moving')
    await moving.waitFor({ timeout: 30_000 })
    expect(await moving.locator(`[data-service="${SERVICE}"]`).innerText()).toContain(`${SERVICE} will start on ${other}`)
    expect((await dialog.getByTestId('drain-data-warning').innerText()).trim()).toBe(`Its data (${VOLUME}) stays on ${host}: it will start without its data on ${other}.`)
    await shot(page, 'machines-drain')
    await expectNoAxeViolations(page, 'the drain dialog')

    // Seen at any moment of the job, however short: the progress bar under the machine.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean }
      w.sawProgress = false
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="machine-job"] [role="progressbar"]')) w.sawProgress = true
      }).observe(document.body, { subtree: true, childList: true })
    })
    await page.getByTestId('drain-confirm').click()
    const job = card(host).getByTestId('machine-job')
    await job.locator('[data-status="done"]').waitFor({ timeout: 60_000 })
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true)
    await card(host).and(page.locator('[data-availability="drain"]')).waitFor({ timeout: 30_000 })
    expect(await card(host).getByTestId('machine-job-result').innerText()).toBe(`${host} is now drained.`)
    expect(await runningOn(SERVICE)).toEqual([other])

    // Activate: a short job, and the machine takes work again.
    await card(host).getByTestId('machine-activate').click()
    await card(host).and(page.locator('[data-availability="active"]')).waitFor({ timeout: 60_000 })
    expect(await card(host).getByTestId('machine-job-result').innerText()).toBe(`${host} is now taking work.`)
    expect((await swarm.nodeList()).find((n) => n.hostname === host)!.availability).toBe('active')
  })
})
