import crypto from 'node:crypto'
import { call, homeWithSshConfig } from '../integration/support'
import fs from 'node:fs'
import path from 'node:path'
import type { Rig } from '../rig/rig'
import type { SwarmNodes } from '../support/swarm-nodes'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import type { CoreOptions } from '../../src-main/core/core'
import { openApp, type App } from './browser'

// What most e2e files need before their own clicking starts: the app in
// Chromium with a home whose ~/.ssh/config names the rig's sshd (rigbox,
// rig-root, rig-sudo, rig-pass…), the recipes served by a test git server,
// and, where the test is not about adding a server, rigbox already added.
// Onboarding clicks through the wizard itself; here it is only a precondition.

/**
 * Adds the rig's server "rigbox" through the core, as the wizard would: its
 * host key probed and trusted, then the server added from ~/.ssh/config.
 */
export async function addRigServer(app: App, rig: Rig, port = rig.sshd.port): Promise<void> {
  const probe = await call(app.core, 'servers.probeHostKey', { hostname: 'rigbox', port })
  await call(app.core, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(app.core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
}

export interface AppOnRig {
  /** The app's home; ~/.abra is under it. */
  home: string
  world: RecipeWorld
  app: App
}

/**
 * Starts the recipes' git server and opens the app on a fresh home (with the
 * rig's SSH settings) and a keychain service of its own. With `rigbox`, the
 * rig's server is added too; `monitor` starts the core's background monitor
 * at once, at that interval; `env` is more of the core's environment (a
 * test's short clock, e.g. CCD_NIGHTLY_SCHEDULE); `sshPort`, where the rig's
 * names lead instead of its sshd (a test's relay in front of it). What was
 * started is closed again if a later step fails, so a failed beforeAll leaves
 * nothing running.
 */
export async function openAppOnRig(
  rig: Rig,
  { rigbox = false, monitor, env = {}, sshPort = rig.sshd.port }: { rigbox?: boolean; env?: Record<string, string>; sshPort?: number } & Pick<CoreOptions, 'monitor'> = {}
): Promise<AppOnRig> {
  const world = await startRecipeWorld()
  let app: App | undefined
  try {
    const home = homeWithSshConfig(rig, sshPort)
    app = await openApp(rig, home, `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`, { ...world.env, ...env }, monitor ? { monitor } : {})
    if (rigbox) await addRigServer(app, rig, sshPort)
    return { home, world, app }
  } catch (err) {
    await app?.close().catch(() => {})
    await world.close().catch(() => {})
    throw err
  }
}

/**
 * Opens the app on a fresh home whose ~/.ssh/config names the swarm's
 * manager as `server` (the rig's docker user and key), with that server
 * added through the core as the wizard would: what the multi-machine
 * screens' tests start from. The app is closed again if adding fails.
 */
export async function openAppOnSwarm(rig: Rig, swarm: SwarmNodes, server: string): Promise<{ home: string; app: App }> {
  const home = homeWithSshConfig(rig)
  fs.appendFileSync(
    path.join(home, '.ssh/config'),
    `\nHost ${server}\n  HostName ${swarm.manager.address}\n  Port ${swarm.manager.sshPort}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`
  )
  const app = await openApp(rig, home, `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`)
  try {
    const probe = await call(app.core, 'servers.probeHostKey', { hostname: server, port: swarm.manager.sshPort })
    await call(app.core, 'servers.trustHostKey', { probeId: probe.probeId })
    await call(app.core, 'servers.add', { kind: 'ssh', host: server })
    return { home, app }
  } catch (err) {
    await app.close().catch(() => {})
    throw err
  }
}
