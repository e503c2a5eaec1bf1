// The secret values of an app being moved or cloned. Docker never hands a
// secret's value back through its API, so each one is read where the swarm
// puts it: inside a running container of the source app, with `cat` on the
// file it is mounted at (/run/secrets/<target> unless the recipe chose
// another path). Values stay in memory, go straight to createSecrets on the
// new server, and are never logged or written to disk.
import path from 'node:path'
import type Docker from 'dockerode'
import type { LoadedApp } from '../apps/context'
import { appSecretSpecs, stackServices } from '../apps/secret-specs'
import { runningAnywhere, type OpenMachine } from './machines'
import { execIn } from './restore-exec'

export interface MountedSecret {
  /** The swarm secret: <stack>_<name>_<version> */
  swarmName: string
  /** Where it appears inside the container. */
  file: string
  service: string
}

/** Each secret the stack's services mount, once, with the first service that mounts it. */
export function mountedSecrets(services: Array<Pick<Docker.Service, 'Spec'>>): MountedSecret[] {
  const out = new Map<string, MountedSecret>()
  for (const s of services) {
    const cs = (s.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined)?.ContainerSpec as
      | { Secrets?: Array<{ SecretName?: string; File?: { Name?: string } }> }
      | undefined
    for (const sec of cs?.Secrets ?? []) {
      if (!sec.SecretName || out.has(sec.SecretName)) continue
      const target = sec.File?.Name || sec.SecretName
      out.set(sec.SecretName, { swarmName: sec.SecretName, file: target.startsWith('/') ? target : path.posix.join('/run/secrets', target), service: s.Spec?.Name ?? '' })
    }
  }
  return [...out.values()]
}

export interface ReadSecrets {
  /** By compose secret name (db_password), for createSecrets. */
  values: Record<string, string>
  /** Names that could not be read (no running container, or not mounted): they are generated anew. */
  unread: string[]
}

/** `open` reaches a container on another machine of the server's swarm, where the service runs. */
export async function readSecretValues(docker: Docker, app: LoadedApp, recipeDir: string | undefined, open?: OpenMachine): Promise<ReadSecrets> {
  const specs = appSecretSpecs(app, recipeDir)
  const mounted = new Map(mountedSecrets(await stackServices(docker, app.stackName)).map((m) => [m.swarmName, m]))
  const values: Record<string, string> = {}
  const unread: string[] = []
  for (const spec of specs) {
    const m = mounted.get(spec.swarmName)
    const container = m ? (await runningAnywhere(docker, m.service, { server: app.server, service: m.service, open }))?.container : undefined
    if (!m || !container) {
      if (spec.inCompose !== false) unread.push(spec.name)
      continue
    }
    const r = await execIn(container, ['cat', m.file], { timeoutMs: 30_000 })
    if (r.exitCode !== 0) {
      unread.push(spec.name)
      continue
    }
    values[spec.name] = r.stdout.toString('utf8')
  }
  return { values, unread }
}
