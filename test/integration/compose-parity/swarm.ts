// The test swarm side of the parity tests: the oracle (`docker stack deploy`
// from Debian's docker.io), what both deploys need around them (external
// secrets, the proxy network), snapshots of what a stack left on the engine,
// and cleaning up.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'

/** The docker CLI the issue names as the oracle: Debian's docker.io (20.10). */
export const ORACLE_CLI = process.env.CCD_PARITY_DOCKER_CLI || '/usr/bin/docker'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

let configDir: string | undefined
function cliConfigDir(): string {
  configDir ??= fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || os.tmpdir(), 'ccdpar-dockercfg-'))
  return configDir
}

/** The oracle's version, or why it can't be used. */
export function oracleVersion(socket: string): { version?: string; problem?: string } {
  if (!fs.existsSync(ORACLE_CLI)) return { problem: `${ORACLE_CLI} is missing (apt install docker.io)` }
  const r = spawnSync(ORACLE_CLI, ['--config', cliConfigDir(), '-H', `unix://${socket}`, 'version', '--format', '{{.Client.Version}}'], { encoding: 'utf8', env: {} })
  const version = r.stdout.trim()
  if (r.status !== 0 || !version) return { problem: `${ORACLE_CLI} version failed: ${r.stderr.trim()}` }
  if (!/^20\.10\./.test(version)) return { version, problem: `${ORACLE_CLI} is docker ${version}, not the 20.10 CLI of Debian's docker.io` }
  return { version }
}

/**
 * `docker stack deploy --resolve-image never -c f1 -c f2 … <stack>` in the
 * recipe dir with exactly `env` as its environment, as abra would hand it
 * the app's variables. Throws with the CLI's output when it fails.
 */
export function oracleDeploy(socket: string, recipeDir: string, files: string[], env: Record<string, string>, stack: string): { stdout: string; stderr: string } {
  const args = ['--config', cliConfigDir(), '-H', `unix://${socket}`, 'stack', 'deploy', '--resolve-image', 'never', ...files.flatMap((f) => ['-c', f]), stack]
  const r = spawnSync(ORACLE_CLI, args, { cwd: recipeDir, encoding: 'utf8', env, timeout: 120_000 })
  if (r.status !== 0) throw new Error(`docker stack deploy ${stack} failed (${r.status}):\n${r.stdout}${r.stderr}`)
  return { stdout: r.stdout, stderr: r.stderr }
}

const labelFilter = (ns: string): string => JSON.stringify({ label: [`com.docker.stack.namespace=${ns}`] })

export async function ensureProxyNetwork(docker: Docker): Promise<void> {
  const nets = await docker.listNetworks({ filters: JSON.stringify({ name: ['proxy'] }) })
  if (nets.some((n) => n.Name === 'proxy')) return
  try {
    await docker.createNetwork({ Name: 'proxy', Driver: 'overlay', Attachable: true, Scope: 'swarm' } as Docker.NetworkCreateOptions)
  } catch (err) {
    // Someone else made it in the meantime.
    const again = await docker.listNetworks({ filters: JSON.stringify({ name: ['proxy'] }) })
    if (!again.some((n) => n.Name === 'proxy')) throw err
  }
}

export async function createSecrets(docker: Docker, names: string[]): Promise<void> {
  const existing = new Set((await docker.listSecrets()).map((s) => s.Spec?.Name))
  await Promise.all(
    names
      .filter((n) => !existing.has(n))
      .map((n) => docker.createSecret({ Name: n, Data: Buffer.from(`stand-in secret ${n}\n`).toString('base64') } as never))
  )
}

export async function removeSecrets(docker: Docker, names: string[]): Promise<void> {
  await Promise.all(names.map((n) => docker.getSecret(n).remove().catch(() => undefined)))
}

/** Everything a stack put on the engine, as the engine reports it (inspect bodies). */
export interface StackSnapshot {
  services: unknown[]
  networks: unknown[]
  secrets: unknown[]
  configs: unknown[]
  volumes: unknown[]
}

const byName = (key: (o: never) => string) => (a: unknown, b: unknown) => key(a as never).localeCompare(key(b as never))

export async function snapshotStack(docker: Docker, ns: string): Promise<StackSnapshot> {
  const filters = labelFilter(ns)
  const [services, networkList, secrets, configs, volumes] = await Promise.all([
    docker.listServices({ filters }),
    docker.listNetworks({ filters }),
    docker.listSecrets({ filters }),
    docker.listConfigs({ filters }),
    docker.listVolumes({ filters })
  ])
  const networks = await Promise.all(networkList.map((n) => docker.getNetwork(n.Id).inspect()))
  return {
    services: [...services].sort(byName((s: { Spec: { Name: string } }) => s.Spec.Name)),
    networks: networks.sort(byName((n: { Name: string }) => n.Name)),
    secrets: [...secrets].sort(byName((s: { Spec: { Name: string } }) => s.Spec.Name)),
    configs: [...configs].sort(byName((c: { Spec: { Name: string } }) => c.Spec.Name)),
    volumes: [...(volumes.Volumes ?? [])].sort(byName((v: { Name: string }) => v.Name))
  }
}

const sortedJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x))

interface InspectedService {
  Spec: { EndpointSpec?: { Mode?: string; Ports?: { PublishMode?: string }[] }; TaskTemplate?: { Networks?: unknown[] } }
  Endpoint?: { Spec?: unknown; VirtualIPs?: unknown[] }
  UpdateStatus?: { State?: string }
}

// The allocator fills Endpoint (VIPs, published ports) shortly after a
// service is created or updated; until then inspect shows it half done.
function allocated(s: InspectedService): boolean {
  const spec = s.Spec.EndpointSpec ?? { Mode: 'vip' }
  if (!s.Endpoint?.Spec || sortedJson(s.Endpoint.Spec) !== sortedJson(spec)) return false
  if ((spec.Mode ?? 'vip') !== 'vip') return true
  const ingress = (spec.Ports ?? []).some((p) => (p.PublishMode ?? 'ingress') === 'ingress') ? 1 : 0
  return (s.Endpoint.VirtualIPs?.length ?? 0) === (s.Spec.TaskTemplate?.Networks?.length ?? 0) + ingress
}

interface ServiceWithMounts {
  ID: string
  Spec: { Name: string; Mode?: { Replicated?: { Replicas?: number } }; TaskTemplate?: { ContainerSpec?: { Mounts?: { Type?: string }[] } } }
}

interface InspectedTask {
  ServiceID: string
  Spec?: { ContainerSpec?: { Mounts?: unknown[] } }
  Status?: { State?: string; ContainerStatus?: { ContainerID?: string } }
}

const mountsOf = (spec: InspectedTask['Spec']): unknown[] => spec?.ContainerSpec?.Mounts ?? []

// Neither `docker stack deploy` nor our engine creates volumes: the engine
// does, for each task, when it prepares the task (volumes with a driver) or
// creates its container (the rest). So whether a stack "has" a volume at a
// given moment depends on how far its tasks got. A service's volumes are all
// there for good once a task of its current spec has a container, or was
// refused before getting one (e.g. "No such image": it never will get one,
// and no later task gets further). Only services that mount volumes and
// want tasks need to get there.
function volumesSettled(services: ServiceWithMounts[], tasks: InspectedTask[]): string[] {
  const waiting: string[] = []
  for (const s of services) {
    const mounts = s.Spec.TaskTemplate?.ContainerSpec?.Mounts ?? []
    if (!mounts.some((m) => m.Type === 'volume') || s.Spec.Mode?.Replicated?.Replicas === 0) continue
    const current = sortedJson(mounts)
    const done = tasks.some(
      (t) =>
        t.ServiceID === s.ID &&
        sortedJson(mountsOf(t.Spec)) === current &&
        (Boolean(t.Status?.ContainerStatus?.ContainerID) || t.Status?.State === 'rejected' || t.Status?.State === 'failed')
    )
    if (!done) waiting.push(s.Spec.Name)
  }
  return waiting
}

/**
 * snapshotStack once the engine has finished allocating the stack's
 * services' endpoints, and their tasks have got as far as creating the
 * volumes they ever will (see volumesSettled): two snapshots taken this way
 * don't depend on how fast each side's tasks were scheduled. Throws if the
 * engine doesn't get there within timeoutMs.
 */
export async function settledSnapshot(docker: Docker, ns: string, timeoutMs = 90_000): Promise<StackSnapshot> {
  const filters = labelFilter(ns)
  for (const end = Date.now() + timeoutMs; ; await sleep(100)) {
    const tasks = (await docker.listTasks({ filters })) as InspectedTask[]
    // Listed after the tasks, so a volume a listed task created is in it.
    const snap = await snapshotStack(docker, ns)
    const services = snap.services as (InspectedService & ServiceWithMounts)[]
    const unallocated = services.filter((s) => !allocated(s)).map((s) => s.Spec.Name)
    const volumesPending = volumesSettled(services, tasks)
    if (unallocated.length === 0 && volumesPending.length === 0) return snap
    if (Date.now() > end) {
      throw new Error(
        `stack ${ns} did not settle within ${timeoutMs / 1000}s: ` +
          [
            unallocated.length ? `endpoints not allocated for ${unallocated.join(', ')}` : '',
            volumesPending.length ? `no task of ${volumesPending.join(', ')} got a container or was refused one` : ''
          ]
            .filter(Boolean)
            .join('; ')
      )
    }
  }
}

/** Every network, secret and config ID on the engine, with its name: IDs in specs become names. */
export async function engineIds(docker: Docker): Promise<Map<string, string>> {
  const [networks, secrets, configs] = await Promise.all([docker.listNetworks(), docker.listSecrets(), docker.listConfigs()])
  const ids = new Map<string, string>()
  for (const n of networks) ids.set(n.Id, `<network ${n.Name}>`)
  for (const s of secrets) ids.set(s.ID, `<secret ${s.Spec?.Name}>`)
  for (const c of configs) ids.set(c.ID, `<config ${c.Spec?.Name}>`)
  return ids
}

/**
 * Removes the stack's services; resolves once the engine lists none (their
 * published ports are free then) and, with waitForTasks, once their tasks and
 * containers are gone too.
 */
export async function removeStackServices(docker: Docker, ns: string, opts: { waitForTasks?: boolean } = {}): Promise<void> {
  const filters = labelFilter(ns)
  const services = await docker.listServices({ filters })
  await Promise.all(services.map((s) => docker.getService(s.ID).remove().catch(() => undefined)))
  for (const end = Date.now() + 90_000; Date.now() < end; await sleep(100)) {
    const [left, tasks, containers] = await Promise.all([
      docker.listServices({ filters }),
      opts.waitForTasks ? docker.listTasks({ filters }) : [],
      opts.waitForTasks ? docker.listContainers({ all: true, filters }) : []
    ])
    if (left.length + tasks.length + containers.length === 0) return
  }
  throw new Error(`the services of ${ns}${opts.waitForTasks ? ' or their containers' : ''} did not go away within 90s`)
}

/**
 * Removes everything the stack left: its services first, and its networks
 * only once their tasks and containers are gone. Not `docker stack rm`: it
 * removes the networks while the tasks are still stopping, and a task that
 * stops after one of its networks is gone is never deallocated by swarm, so
 * the addresses it held on the networks that stay (proxy, ingress) are lost
 * until dockerd restarts (moby/moby#37338). A few runs of this file used to
 * use up proxy's /24 that way; then no new service on proxy got its virtual
 * IP, and every test deploying to proxy stalled. The volumes its tasks
 * created go too (`docker stack rm` leaves them): left behind, one would be
 * found by a later run that happens to draw the same stack name.
 */
export async function removeStack(docker: Docker, ns: string): Promise<void> {
  await removeStackServices(docker, ns, { waitForTasks: true })
  const filters = labelFilter(ns)
  for (const end = Date.now() + 90_000; ; await sleep(250)) {
    const [services, networks, secrets, configs, volumeList] = await Promise.all([
      docker.listServices({ filters }),
      docker.listNetworks({ filters }),
      docker.listSecrets({ filters }),
      docker.listConfigs({ filters }),
      docker.listVolumes({ filters })
    ])
    const volumes = volumeList.Volumes ?? []
    if (services.length + networks.length + secrets.length + configs.length + volumes.length === 0) return
    if (Date.now() > end) {
      const left = [...services.map((s) => s.Spec?.Name), ...networks.map((n) => n.Name), ...volumes.map((v) => `volume ${v.Name}`)]
      throw new Error(`stack ${ns} left ${left.join(', ')} behind after 90s`)
    }
    await Promise.all([
      ...services.map((s) => docker.getService(s.ID).remove().catch(() => undefined)),
      ...networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)),
      ...secrets.map((s) => docker.getSecret(s.ID).remove().catch(() => undefined)),
      ...configs.map((c) => docker.getConfig(c.ID).remove().catch(() => undefined)),
      ...volumes.map((v) => docker.getVolume(v.Name).remove().catch(() => undefined))
    ])
  }
}
