import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dispatch } from '../../src-main/api/dispatch'
import { createCore, type Core, type CoreOptions } from '../../src-main/core/core'
import type { Rig } from '../rig/rig'
import type { SwarmNodes } from './swarm-nodes'

/**
 * A core whose one server is the manager of a multi-machine rig swarm
 * (swarm-nodes.ts), added as a user adds one: an alias in ~/.ssh/config for
 * the manager's bridge address, its host key trusted, then servers.add.
 * `options`: more of createCore's (transport, keychain, monitor; `env` is
 * added to HOME).
 */
export async function coreOnSwarm(
  rig: Rig,
  swarm: SwarmNodes,
  server: string,
  prefix = 'ccd-swarm-',
  options: Partial<Omit<CoreOptions, 'home'>> = {}
): Promise<{ core: Core; home: string; close(): Promise<void> }> {
  const home = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? os.tmpdir(), prefix))
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 })
  fs.writeFileSync(
    path.join(home, '.ssh/config'),
    `Host ${server}\n  HostName ${swarm.manager.address}\n  Port ${swarm.manager.sshPort}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`
  )
  const core = createCore({ transport: 'browser', ...options, env: { ...options.env, HOME: home }, home })
  const must = async (method: Parameters<typeof dispatch>[1], input: unknown): Promise<unknown> => {
    const res = await dispatch(core.handlers, method, input)
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`)
    return res.value
  }
  const probe = (await must('servers.probeHostKey', { hostname: server, port: swarm.manager.sshPort })) as { probeId: string }
  await must('servers.trustHostKey', { probeId: probe.probeId })
  await must('servers.add', { kind: 'ssh', host: server })
  return {
    core,
    home,
    close: async () => {
      await core.close()
      fs.rmSync(home, { recursive: true, force: true })
    }
  }
}
