import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { until } from '../support/until'
import { startSwarmNodes, type SwarmNodes } from '../support/swarm-nodes'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnSwarm } from './rig-server'

// "Where your data lives" on an app's Volumes tab in Chromium (issue 13), on
// a two-machine rig swarm: the app's service runs on ccd-node-2 with its
// volume there, its rules letting it run on either machine. The tab says
// where the volume is kept and warns; "Keep it on ccd-node-2" explains the
// change, saves it, and previews the redeploy (which names the change of
// where it may run); Cancel takes the rule out again; confirmed, the app is
// redeployed with node.hostname == ccd-node-2, still on node 2. Everything
// asserted on is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let app: App
let home: string
const SERVER = 'swarm1'
const RECIPE = `e2epin${crypto.randomBytes(2).toString('hex')}`
const VERSION = '1.0.0+1'
const domain = `d${crypto.randomBytes(3).toString('hex')}.apps.test`
const stack = stackNameFor(domain)

const containerOn = (i: number): string => swarm.nodes[i].docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_app`]).trim()
const constraints = async (): Promise<string[]> => {
  const r = await swarm.manager.api('GET', `/services/${stack}_app`)
  return (r.json as { Spec: { TaskTemplate: { Placement?: { Constraints?: string[] } } } }).Spec.TaskTemplate.Placement?.Constraints ?? []
}
const envText = (): string => fs.readFileSync(appEnvPath(app.core.paths, SERVER, domain), 'utf8')

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 2 })
  ;({ home, app } = await openAppOnSwarm(rig, swarm, SERVER))
  // A recipe of one service with a volume, deployed through the app's own preview and deploy.
  const dir = path.join(app.core.paths.recipesDir, RECIPE)
  fs.mkdirSync(dir, { recursive: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  fs.writeFileSync(
    path.join(dir, 'compose.yml'),
    `version: "3.8"\nservices:\n  app:\n    image: ${rig.image}\n    command: ["sh", "-c", "exec sleep 100000"]\n    stop_grace_period: 1s\n    volumes:\n      - data:/data\n    deploy:\n      endpoint_mode: dnsrr\nvolumes:\n  data:\n`
  )
  fs.writeFileSync(path.join(dir, '.env.sample'), `TYPE=${RECIPE}\nDOMAIN=${RECIPE}.example.com\n`)
  for (const f of ['compose.yml', '.env.sample']) await git.add({ fs, dir, filepath: f })
  await git.commit({ fs, dir, message: VERSION, author: { name: 'test', email: 'test@example.org' } })
  await git.tag({ fs, dir, ref: VERSION })
  await writeAppEnv(app.core.paths, SERVER, domain, `RECIPE=${RECIPE}:${VERSION}\nDOMAIN=${domain}\n`)
  // The manager paused while it is first deployed: the swarm puts it on node 2.
  swarm.manager.docker(['node', 'update', '--availability', 'pause', swarm.manager.name])
  try {
    const preview = await call(app.core, 'apps.preview', { server: SERVER, domain, kind: 'deploy' })
    const { jobId } = await call(app.core, 'apps.deploy', { server: SERVER, domain, kind: 'deploy', expectServerState: preview.serverState, pins: preview.pins })
    const job = await app.core.jobs.wait(jobId)
    expect(job.status, job.error?.message).toBe('done')
  } finally {
    swarm.manager.docker(['node', 'update', '--availability', 'active', swarm.manager.name])
  }
  await until('the app running on ccd-node-2', async () => containerOn(1) !== '', 60_000)
}, 200_000)

afterAll(async () => {
  await app?.close()
  await swarm?.stop()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 90_000)

describe('where an app’s data lives, in Chromium', () => {
  it('warns about a service that could start without its data, and keeps it on its machine through the preview', { timeout: 110_000 }, async () => {
    const { page } = app
    const node2 = swarm.nodes[1].name
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-detail').waitFor()
    await page.getByRole('tab', { name: 'Volumes' }).click()

    const places = page.getByTestId('data-places')
    await places.waitFor({ timeout: 30_000 })
    expect(await places.getByRole('heading', { level: 3 }).innerText()).toBe('Where your data lives')
    expect(await places.innerText()).toContain('2 computers that work together as one')
    expect(await places.getByTestId('data-place').innerText()).toBe(`data is kept on ${node2}. Used by app.`)
    const warning = places.getByTestId('data-place-warning')
    expect(await warning.innerText()).toContain(`If this machine (${node2}) is drained (emptied for maintenance) or fails, app would start on another machine with none of its data.`)
    const keep = warning.getByRole('button', { name: `Keep it on ${node2}` })
    // The manager's own list has none of its volumes, and says where to look instead.
    // The tab's own list is read from the manager after the section above shows:
    // wait for it to finish reading instead of reading its words once.
    const tabWords = page.getByTestId('app-volumes-tab').filter({ hasText: 'None of its volumes is on swarm1’s own machine' })
    await tabWords.waitFor({ timeout: 30_000 })
    expect(await tabWords.innerText()).toContain('None of its volumes is on swarm1’s own machine')
    await shot(page, 'app-data-places-warning')
    await expectNoAxeViolations(page, 'where your data lives, with a warning')

    // The confirmation says what changes and where it is written; the preview then names the change.
    const before = envText()
    await keep.click()
    const dialog = page.getByTestId('keep-on-dialog')
    const words = await dialog.innerText()
    expect(words).toContain(`Keep app on ${node2}?`)
    expect(words).toContain(`PIN_APP_MACHINE=${node2}`)
    expect(words).toContain('The recipe itself is not changed.')
    await expectNoAxeViolations(page, 'the keep-it-there confirmation')
    await dialog.getByTestId('keep-on-confirm').click()
    const preview = page.getByTestId('deploy-preview')
    await preview.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    expect(await preview.getByTestId('deploy-preview-placement').innerText()).toMatch(/\bapp\b/)
    expect(await preview.getByTestId('deploy-preview-restart').innerText()).toMatch(/\bapp\b/)
    // The volume on node 2 is the app's data, not a new empty one (the preview asks every machine).
    expect(await preview.getByTestId('deploy-preview-volumes').innerText()).not.toContain('new, empty')
    await shot(page, 'app-data-places-preview')
    await expectNoAxeViolations(page, 'the redeploy preview of a pin')
    // Cancelled: the rule comes out of the settings again, and focus goes back to the button.
    await preview.getByTestId('deploy-preview-cancel').click()
    await places.getByTestId('data-places-undone').waitFor({ timeout: 30_000 })
    expect(envText()).toBe(before)
    expect(await constraints()).toEqual([])
    await expect.poll(() => keep.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true)

    // Again, confirmed: redeployed with the rule, still on node 2.
    await keep.click()
    await dialog.getByTestId('keep-on-confirm').click()
    await preview.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    await preview.getByTestId('deploy-preview-confirm').click()
    await until('the service kept on ccd-node-2', async () => (await constraints()).includes(`node.hostname == ${node2}`), 60_000)
    expect(envText()).toContain(`PIN_APP_MACHINE=${node2}`)
    await until('the redeployed app running on ccd-node-2', async () => containerOn(1) !== '', 60_000)
    expect(containerOn(0)).toBe('')
  })
})
