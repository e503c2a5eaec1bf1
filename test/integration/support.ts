import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import type { Rig } from '../rig/rig'
import { dispatch } from '../../src-main/api/dispatch'
import type { Input, MethodName, Output } from '../../src-main/contract/contract'
import type { ApiErrorBody } from '../../src-main/contract/schemas'
import type { Core } from '../../src-main/core/core'

// A temp HOME whose ~/.ssh/config names every rig account by alias, the way
// a user's own SSH settings would.
export function homeWithSshConfig(rig: Rig): string {
  const home = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? os.tmpdir(), 'ccd-home-'))
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 })
  const { host, port, users, key, keyWithPassphrase } = rig.sshd
  const block = (alias: string, user: string, identity: string): string =>
    `Host ${alias}\n  HostName ${host}\n  Port ${port}\n  User ${user}\n  IdentityFile ${identity}\n  IdentitiesOnly yes\n`
  fs.writeFileSync(
    path.join(home, '.ssh/config'),
    [
      block('rigbox', users.docker, key),
      block('rig-root', users.root, key),
      block('rig-nodocker', users.nodocker, key),
      block('rig-sudo', users.sudo, key),
      block('rig-pass', users.docker, keyWithPassphrase),
      block('rig-pw', users.docker, path.join(home, '.ssh/no-such-key'))
    ].join('\n')
  )
  return home
}

export function hostKeyFingerprints(rig: Rig): string[] {
  return rig.sshd.hostKeyFiles.map((f) => execFileSync('ssh-keygen', ['-lf', `${f}.pub`], { encoding: 'utf8' }).split(' ')[1])
}

// Calls go through dispatch(), exactly as every transport's do.
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await dispatch(core.handlers, method, input)
  if (!res.ok) throw Object.assign(new Error(res.error.message), { body: res.error })
  return res.value as Output<M>
}

export async function callError<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<ApiErrorBody> {
  const res = await dispatch(core.handlers, method, input)
  if (res.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(res.value)}`)
  return res.error
}
