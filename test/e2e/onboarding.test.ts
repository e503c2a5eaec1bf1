import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { killSshSessions, loadRig, resetDocker2, resetSudoUser, rotateSshdHostKeys, type Rig } from '../rig/rig'
import { hostKeyFingerprints } from '../integration/support'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { expectFocusReturns, isFocused } from './focus'
import { chooseLanguage } from './language'
import { openAppOnRig } from './rig-server'

// A co-op member's first run, clicked through in Chromium: welcome, add a
// server, confirm its fingerprint, sign in, fix what the checks find, and
// see the server in the list. Screenshots land in test-results/e2e/.

let rig: Rig
let app: App
let world: RecipeWorld
const d2 = (...args: string[]): string => execFileSync('docker', ['-H', `unix://${rig.docker2.socket}`, ...args], { encoding: 'utf8' })

const fingerprintIn = (text: string): string => /SHA256:[A-Za-z0-9+/]+/.exec(text)?.[0] ?? `no fingerprint in: ${text}`

beforeAll(async () => {
  rig = loadRig()
  await resetDocker2(rig)
  ;({ world, app } = await openAppOnRig(rig))
}, 120_000)
afterAll(async () => {
  await app?.close()
  await world?.close()
})

describe('onboarding in Chromium', () => {
  it('walks the wizard on a fresh engine and turns every check green', async () => {
    const { page } = app
    // The page arrives with its first screen in the HTML (welcome, in English,
    // as no server is known yet), which the App replaces with its own.
    const served = await (await page.reload())!.text()
    expect(served).toContain('<html lang="en"')
    expect(served).toContain('<h1 class="page-title">Welcome to Co-op Cloud Desktop</h1>')
    await page.getByTestId('welcome').waitFor()
    expect(await page.locator('#first-screen').count()).toBe(0)
    expect(await page.locator('h1').count()).toBe(1)
    await shot(page, '01-welcome')
    await expectNoAxeViolations(page, 'the welcome screen')
    await page.getByRole('button', { name: 'Add your first server' }).click()

    const where = page.getByTestId('wizard-step-where')
    await where.waitFor()
    await page.getByLabel('Address').fill('rigbox')
    await page.getByTestId('ssh-settings-note').waitFor()
    await expect.poll(() => page.getByLabel('User').inputValue()).toBe(rig.sshd.users.docker)
    expect(await page.getByLabel('Port').inputValue()).toBe(String(rig.sshd.port))
    await page.getByLabel(/Name in the app/).fill('fresh')
    await page.getByText('Advanced').click()
    await page.getByLabel('Docker socket path').fill(rig.docker2.socket)
    await shot(page, '02-where')
    await expectNoAxeViolations(page, 'the wizard’s first step (where)')
    await page.getByRole('button', { name: 'Next' }).click()

    const identity = page.getByTestId('wizard-step-identity')
    await expect.poll(() => identity.getAttribute('data-status')).toBe('unknown')
    const shown = fingerprintIn(await page.getByTestId('host-key-fingerprint').innerText())
    expect(hostKeyFingerprints(rig)).toContain(shown)
    await shot(page, '03-identity')
    await expectNoAxeViolations(page, 'the wizard’s identity step (a new host key)')
    await page.getByRole('button', { name: /Yes, it matches/ }).click()

    const checks = page.getByTestId('wizard-step-checks')
    await checks.waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('checks').getAttribute('data-ready'), { timeout: 30_000 }).not.toBeNull()
    for (const id of ['ssh', 'docker-installed', 'docker-access']) {
      expect(await page.getByTestId(`check-${id}`).getAttribute('data-ok')).toBe('true')
    }
    expect(await page.getByTestId('check-swarm').getAttribute('data-ok')).toBe('false')
    await shot(page, '04-checks-swarm-off')
    await expectNoAxeViolations(page, 'the server checks (swarm off)')

    // Closing a dialog gives focus back to the button that opened it.
    await expectFocusReturns(page, page.getByRole('button', { name: 'Turn on Swarm' }), page.getByTestId('swarm-dialog'))
    await page.getByRole('button', { name: 'Turn on Swarm' }).click()
    const dialog = page.getByTestId('swarm-dialog')
    await dialog.waitFor()
    // Two swarms share this machine, so this one needs its own address and ports.
    await dialog.getByRole('radio', { name: 'Another address' }).check()
    await dialog.getByRole('textbox', { name: 'Other address' }).fill('127.0.0.2:2378')
    await dialog.getByText('Advanced').click()
    await dialog.getByLabel(/Listen address/).fill('127.0.0.2:2378')
    await dialog.getByLabel(/Data path port/).fill('4790')
    await shot(page, '05-swarm-dialog')
    await expectNoAxeViolations(page, 'the swarm dialog')
    await dialog.getByRole('button', { name: 'Turn on Swarm' }).click()
    await expect.poll(() => page.getByTestId('check-swarm').getAttribute('data-ok'), { timeout: 60_000 }).toBe('true')
    expect(await page.getByTestId('check-proxy-network').getAttribute('data-ok')).toBe('false')

    await page.getByRole('button', { name: 'Create it' }).click()
    await expect.poll(() => page.getByTestId('check-proxy-network').getAttribute('data-ok'), { timeout: 60_000 }).toBe('true')
    expect(await page.getByTestId('check-reverse-proxy').getAttribute('data-ok')).toBe('false')

    // The proxy is Co-op Cloud's traefik recipe (from the test git server),
    // deployed through the app's own deploy flow; the rig's traefik:v2.4.8 is
    // a busybox stand-in that answers the recipe's healthcheck.
    await expectFocusReturns(page, page.getByRole('button', { name: 'Deploy the proxy' }), page.getByTestId('proxy-dialog'))
    await page.getByRole('button', { name: 'Deploy the proxy' }).click()
    const proxy = page.getByTestId('proxy-dialog')
    await proxy.waitFor()
    await proxy.getByLabel(/dashboard/).fill('traefik.fresh.ccd.test')
    await proxy.getByLabel(/Email/).fill('certs@fresh.ccd.test')
    await shot(page, '06-proxy-dialog')
    await expectNoAxeViolations(page, 'the proxy dialog')
    await proxy.getByRole('button', { name: 'Deploy the proxy' }).click()
    // The proxy app is made, then its deploy is previewed like any app's, and confirmed.
    const preview = page.getByTestId('deploy-preview')
    await preview.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    await proxy.waitFor({ state: 'detached' })
    expect(await preview.getByTestId('deploy-preview-create').innerText()).toMatch(/\bapp\b/)
    await shot(page, '06-proxy-preview')
    await expectNoAxeViolations(page, 'the preview of the proxy’s deploy')
    await preview.getByTestId('deploy-preview-confirm').click()
    await preview.waitFor({ state: 'detached' })
    await page.getByTestId('checks-job').waitFor({ timeout: 30_000 })
    await shot(page, '06-proxy-deploying')
    await expectNoAxeViolations(page, 'the server checks with a job running')
    await expect.poll(() => page.getByTestId('check-reverse-proxy').getAttribute('data-ok'), { timeout: 240_000 }).toBe('true')
    expect(d2('service', 'ls', '--format', '{{.Name}} {{.Image}}')).toMatch(/^traefik_fresh_ccd_test_app traefik:v2\.4\.8$/m)
    for (const id of ['ssh', 'docker-installed', 'docker-access', 'swarm', 'proxy-network', 'reverse-proxy']) {
      expect(await page.getByTestId(`check-${id}`).getAttribute('data-ok'), id).toBe('true')
    }
    await shot(page, '06-checks-all-green')
    await expectNoAxeViolations(page, 'the server checks, all green')

    await page.getByTestId('checks').getByRole('button', { name: /Done/ }).click()
    const row = page.getByTestId('server-row-fresh')
    await row.waitFor()
    await expect.poll(() => row.getAttribute('data-state')).toBe('connected')
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/Swarm manager/i)
    expect(await row.innerText()).toMatch(/Docker \d+\.\d+/)
    await shot(page, '07-servers')
    await expectNoAxeViolations(page, 'the servers list')
    // The remove dialog, checked and closed again (focus back on its button).
    const remove = row.getByRole('button', { name: /Remove/ })
    await remove.click()
    await page.getByTestId('remove-server-dialog').waitFor()
    await expectNoAxeViolations(page, 'the remove-server dialog')
    await page.keyboard.press('Escape')
    await page.getByTestId('remove-server-dialog').waitFor({ state: 'detached' })
    await expect.poll(() => isFocused(remove)).toBe(true)
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
    await page.getByTestId('settings').waitFor()
    await expectNoAxeViolations(page, 'the settings')
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
  })

  it('shows the servers screen and the add-server wizard in French', async () => {
    const { page } = app
    const nav = page.getByRole('navigation')
    try {
      await chooseLanguage(page, 'fr')
      await expectNoAxeViolations(page, 'the settings in French')
      // Loaded again, the page arrives in French with the servers screen's heading: a server is known now.
      const served = await (await page.reload())!.text()
      expect(served).toContain('<html lang="fr"')
      expect(served).toContain('<h1 class="page-title">Serveurs</h1>')
      await page.getByTestId('servers').waitFor()
      expect(await page.locator('#first-screen').count()).toBe(0)
      await nav.getByRole('button', { name: 'Serveurs' }).click()
      await page.getByRole('heading', { level: 1, name: 'Serveurs' }).waitFor()
      const row = page.getByTestId('server-row-fresh')
      await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/Connecté/)
      // The server's own words are French too: its swarm, its apps, its buttons.
      expect(await row.innerText()).toMatch(/Fait tourner les applications seul \(Swarm manager, 1 nœud\)/)
      expect(await row.innerText()).toMatch(/Aucune application|\d+ applications?/)
      await row.getByRole('button', { name: /^Vérifier fresh$/ }).waitFor()
      await row.getByRole('button', { name: /^Retirer de la liste/ }).waitFor()
      await shot(page, '13-servers-fr')
      await expectNoAxeViolations(page, 'the servers list in French')

      await page.getByRole('button', { name: 'Ajouter un serveur' }).click()
      const where = page.getByTestId('wizard-step-where')
      await where.getByRole('heading', { name: 'Où se trouve votre serveur ?' }).waitFor()
      // (textContent: the stepper shows the count in capitals through CSS.)
      expect(await page.getByTestId('wizard-step-count').textContent()).toBe('Étape 1 sur 4')
      await where.getByLabel('Adresse').fill('rigbox')
      await expect.poll(() => page.getByTestId('ssh-settings-note').innerText()).toMatch(/^D’après vos réglages SSH : .*port \d+$/)
      expect(await where.getByRole('radio', { name: 'Un serveur que je joins en SSH' }).isChecked()).toBe(true)
      await where.getByRole('button', { name: 'Suivant' }).waitFor()
      await shot(page, '13-add-server-fr')
      await expectNoAxeViolations(page, 'the wizard’s first step (where) in French')
      await where.getByRole('button', { name: 'Annuler' }).click()
      await page.getByRole('heading', { level: 1, name: 'Serveurs' }).waitFor()

      // Back to the computer's language (English here) for the tests after this one.
      await chooseLanguage(page, 'system')
      await nav.getByRole('button', { name: 'Servers' }).click()
      await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor()
    } finally {
      // Even when a step above failed: the tests after this one read English.
      if ((await app.core.handlers['settings.get']({})).language !== 'system') {
        await app.core.handlers['settings.set']({ language: 'system' })
        await page.reload()
        await nav.getByRole('button', { name: 'Servers' }).click()
      }
    }
  })

  it('asks for a key passphrase, says when it is wrong, and signs in', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Add server' }).click()
    await page.getByTestId('wizard-step-where').waitFor()
    await page.getByLabel('Address').fill('rig-pass')
    await expect.poll(() => page.getByLabel('User').inputValue()).toBe(rig.sshd.users.docker)
    await page.getByRole('button', { name: 'Next' }).click()
    // The host key is already trusted, so the identity step passes by itself.
    const form = page.getByTestId('secret-form-passphrase')
    await form.waitFor({ timeout: 30_000 })
    // Sign in is never greyed out without a reason: pressed empty, it says what is missing.
    await form.getByRole('button', { name: 'Sign in' }).click()
    await form.getByText('Type the passphrase first, then choose Sign in.').waitFor()
    await expect.poll(() => isFocused(form.getByLabel(/Passphrase for key/))).toBe(true)
    await shot(page, '08-passphrase-empty')
    await form.getByLabel(/Passphrase for key/).fill('not the passphrase')
    await form.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('wizard-step-sign-in').getByText(/passphrase/i).first().waitFor()
    await expect.poll(async () => (await page.getByTestId('wizard-step-sign-in').innerText()).toLowerCase(), { timeout: 30_000 }).toMatch(/didn.t unlock your key/)
    await shot(page, '08-passphrase-wrong')
    await expectNoAxeViolations(page, 'the sign-in step (key passphrase, wrong)')
    await form.getByLabel(/Passphrase for key/).fill(rig.sshd.passphrase)
    await form.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('wizard-step-checks').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('check-ssh').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true')
  })

  it('prepares a server for a sudo user, showing progress, and is safe to run again', async () => {
    const { page } = app
    resetSudoUser(rig)
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    await page.getByRole('button', { name: 'Add server' }).click()
    await page.getByTestId('wizard-step-where').waitFor()
    await page.getByLabel('Address').fill('rig-sudo')
    await expect.poll(() => page.getByLabel('User').inputValue()).toBe(rig.sshd.users.sudo)
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByTestId('wizard-step-checks').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('check-docker-access').getAttribute('data-ok'), { timeout: 30_000 }).toBe('false')
    await page.getByRole('button', { name: 'Prepare this server' }).click()
    const job = page.getByTestId('checks-job')
    await job.waitFor()
    await job.locator('[role="progressbar"], progress').first().waitFor()
    await shot(page, '09-prepare-progress')
    await expectNoAxeViolations(page, 'the server checks preparing the server')
    // When the job ends the checks run again by themselves, now green.
    await expect.poll(() => page.getByTestId('check-docker-access').getAttribute('data-ok'), { timeout: 120_000 }).toBe('true')
    expect(await page.getByTestId('check-swarm').getAttribute('data-ok')).toBe('true')
    const jobs = await app.core.jobs.list()
    const prepared = jobs.find((j) => j.kind === 'prepare' && j.target === 'rig-sudo')!
    expect(prepared.status).toBe('done')
    expect(prepared.log.join('\n')).toContain('Docker Engine is already installed; nothing to do.')
    expect(prepared.log.join('\n')).toMatch(/usermod -aG docker/)
    // A second run finds everything done and changes nothing.
    const again = await app.core.jobs.wait((await app.core.handlers['servers.prepare']({ name: 'rig-sudo' })).jobId)
    expect(again.status).toBe('done')
    expect(again.log.join('\n')).toContain(`${rig.sshd.users.sudo} is already in the "docker" group.`)
    await shot(page, '10-prepared')
  })

  it('shows a dropped connection reconnecting, then connected again', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    const row = page.getByTestId('server-row-fresh')
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('connected')
    // Record every state the row passes through; reconnecting can be brief.
    await row.evaluate((el) => {
      const seen: string[] = []
      ;(window as unknown as { seenStates: string[] }).seenStates = seen
      new MutationObserver(() => seen.push(el.getAttribute('data-state') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-state'] })
    })
    await killSshSessions(rig.sshd.users.docker)
    const seen = (): Promise<string[]> => page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates)
    await expect.poll(seen, { timeout: 30_000 }).toContain('reconnecting')
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('connected')
    await shot(page, '11-reconnected')
    // And it works again: the checks still reach Docker over the new link.
    await row.getByRole('button', { name: 'Check' }).click()
    await expect.poll(() => page.getByTestId('check-docker-access').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true')
  })

  it('refuses a server whose identity changed, with no way to click through', async () => {
    const { page } = app
    await rotateSshdHostKeys(rig)
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    await page.getByRole('button', { name: 'Add server' }).click()
    await page.getByTestId('wizard-step-where').waitFor()
    await page.getByLabel('Address').fill('rig-root')
    await expect.poll(() => page.getByLabel('User').inputValue()).toBe('root')
    await page.getByRole('button', { name: 'Next' }).click()
    const identity = page.getByTestId('wizard-step-identity')
    await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('changed')
    const oldFp = fingerprintIn(await page.getByTestId('host-key-old-fingerprint').innerText())
    const newFp = fingerprintIn(await page.getByTestId('host-key-new-fingerprint').innerText())
    expect(oldFp).not.toBe(newFp)
    expect(hostKeyFingerprints(rig)).toContain(newFp)
    expect(await page.getByRole('button', { name: /trust|continue|connect anyway/i }).count()).toBe(0)
    await shot(page, '12-identity-changed')
    await expectNoAxeViolations(page, 'the wizard’s identity step (a changed host key)')
  })

  it('logged no errors in the page (CSP included)', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
