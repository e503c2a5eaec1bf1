import crypto from 'node:crypto'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyStack, ApplyError, type ApplyEvent } from '../../src-main/compose/apply'
import type { StackObjects } from '../../src-main/compose/objects'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, resetDocker2, type Rig } from '../rig/rig'

// applyStack against the rig's swarm, with hand-written Engine API bodies:
// what `docker stack deploy` does on create, on redeploy and when something
// is missing (see src-main/compose/apply.ts).
let rig: Rig
let docker: Docker
const run = crypto.randomBytes(3).toString('hex')
const stacks: string[] = []
const extra: { secrets: string[]; networks: string[] } = { secrets: [], networks: [] }

const b64 = (s: string): string => Buffer.from(s).toString('base64')
const label = (ns: string) => ({ 'com.docker.stack.namespace': ns })
const filters = (ns: string) => JSON.stringify({ label: [`com.docker.stack.namespace=${ns}`] })

function stack(suffix: string, over: Partial<StackObjects> = {}): StackObjects {
  const ns = `ccdapply-${run}-${suffix}`
  stacks.push(ns)
  return {
    namespace: ns,
    networks: [{ name: `${ns}_internal`, spec: { Name: `${ns}_internal`, Driver: 'overlay', Labels: label(ns) } }],
    externalNetworks: [],
    secrets: [{ name: `${ns}_token`, spec: { Name: `${ns}_token`, Labels: label(ns), Data: b64('s3cret\n') } }],
    externalSecrets: [],
    configs: [{ name: `${ns}_conf_v1`, spec: { Name: `${ns}_conf_v1`, Labels: label(ns), Data: b64('a=1\n') } }],
    externalConfigs: [],
    services: [
      {
        name: `${ns}_app`,
        spec: {
          Name: `${ns}_app`,
          Labels: { ...label(ns), 'com.docker.stack.image': rig.image },
          TaskTemplate: {
            ContainerSpec: {
              Image: rig.image,
              Labels: label(ns),
              Args: ['sleep', '3600'],
              Secrets: [{ File: { Name: 'token', UID: '0', GID: '0', Mode: 292 }, SecretName: `${ns}_token` }],
              Configs: [{ File: { Name: '/conf', UID: '0', GID: '0', Mode: 292 }, ConfigName: `${ns}_conf_v1` }]
            },
            Networks: [{ Target: `${ns}_internal`, Aliases: ['app'] }]
          },
          Mode: { Replicated: { Replicas: 0 } },
          EndpointSpec: { Mode: 'dnsrr' }
        }
      }
    ],
    ...over
  }
}

async function leftovers(ns: string): Promise<string[]> {
  const f = filters(ns)
  const [s, n, sec, c] = await Promise.all([docker.listServices({ filters: f }), docker.listNetworks({ filters: f }), docker.listSecrets({ filters: f }), docker.listConfigs({ filters: f })])
  return [...s.map((x) => x.Spec?.Name), ...n.map((x) => x.Name), ...sec.map((x) => x.Spec?.Name), ...c.map((x) => x.Spec?.Name)].map(String)
}

async function rmStack(ns: string): Promise<void> {
  const f = filters(ns)
  for (const s of await docker.listServices({ filters: f })) await docker.getService(s.ID).remove().catch(() => {})
  for (let i = 0; i < 100; i++) {
    const [n, sec, c] = await Promise.all([docker.listNetworks({ filters: f }), docker.listSecrets({ filters: f }), docker.listConfigs({ filters: f })])
    if (n.length + sec.length + c.length === 0) return
    await Promise.all([
      ...n.map((x) => docker.getNetwork(x.Id).remove().catch(() => {})),
      ...sec.map((x) => docker.getSecret(x.ID).remove().catch(() => {})),
      ...c.map((x) => docker.getConfig(x.ID).remove().catch(() => {}))
    ])
    await new Promise((r) => setTimeout(r, 200))
  }
}

beforeAll(() => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
})

afterAll(async () => {
  await Promise.all(stacks.map(rmStack))
  await Promise.all(extra.secrets.map((s) => docker.getSecret(s).remove().catch(() => {})))
  await Promise.all(extra.networks.map((n) => docker.getNetwork(n).remove().catch(() => {})))
})

describe('applyStack', () => {
  it('creates what is missing, then updates in place with the current version, keeping ForceUpdate', async () => {
    const objects = stack('redeploy')
    const ns = objects.namespace
    const events: ApplyEvent[] = []
    const first = await applyStack(docker, objects, { onProgress: (e) => events.push(e) })
    expect(first.created.sort()).toEqual([`config ${ns}_conf_v1`, `network ${ns}_internal`, `secret ${ns}_token`, `service ${ns}_app`])
    expect(first.updated).toEqual([])
    expect(events.filter((e) => e.type === 'done').map((e) => (e as { name: string }).name)).toContain(`${ns}_app`)

    const [svc] = await docker.listServices({ filters: filters(ns) })
    const spec = svc.Spec as { TaskTemplate: { ForceUpdate?: number; ContainerSpec: { Secrets: { SecretID: string }[]; Configs: { ConfigID: string }[] } } }
    // IDs resolved by name, as the CLI's ParseSecrets/ParseConfigs do.
    const secret = await docker.getSecret(`${ns}_token`).inspect()
    expect(spec.TaskTemplate.ContainerSpec.Secrets[0].SecretID).toBe(secret.ID)
    expect(spec.TaskTemplate.ContainerSpec.Configs[0].ConfigID).toBe((await docker.getConfig(`${ns}_conf_v1`).inspect()).ID)

    // Someone ran `docker service update --force`: stack deploy must not undo it.
    await docker.getService(svc.ID).update({ ...svc.Spec, version: svc.Version!.Index, TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: 3 } } as never)
    const before = await docker.getService(svc.ID).inspect()

    const second = await applyStack(docker, objects)
    expect(second.created).toEqual([])
    expect(second.unchanged).toEqual([`network ${ns}_internal`])
    expect(second.updated.sort()).toEqual([`config ${ns}_conf_v1`, `secret ${ns}_token`, `service ${ns}_app`])
    const after = await docker.getService(svc.ID).inspect()
    expect(after.Version.Index).toBeGreaterThan(before.Version.Index)
    expect(after.Spec.TaskTemplate.ForceUpdate).toBe(3)
    expect(after.PreviousSpec).toBeDefined()
  })

  it('updates a service the swarm moved on under it: reads it again and sends the same spec (update out of sequence)', async () => {
    const objects = stack('sequence')
    const ns = objects.namespace
    await applyStack(docker, objects)
    const [svc] = await docker.listServices({ filters: filters(ns) })
    // A client of its own whose first service update is overtaken: just before
    // it goes out, someone else updates the service (as the swarm itself does
    // when an earlier update finishes), so the version it carries is stale.
    const racing = dockerLocal(rig.docker.socket)
    const dial = racing.modem.dial.bind(racing.modem)
    const updates: string[] = []
    racing.modem.dial = ((options: { path?: string; method?: string }, callback: (err: unknown, data: unknown) => void) => {
      if (options.method !== 'POST' || !options.path?.startsWith(`/services/${svc.ID}/update`)) return dial(options as never, callback as never)
      updates.push(options.path)
      if (updates.length > 1) return dial(options as never, callback as never)
      void docker
        .getService(svc.ID)
        .inspect()
        .then((now) => docker.getService(svc.ID).update({ ...now.Spec, version: now.Version.Index, TaskTemplate: { ...now.Spec.TaskTemplate, ForceUpdate: 5 } } as never))
        .then(() => dial(options as never, callback as never), (err: unknown) => callback(err, undefined))
    }) as typeof racing.modem.dial

    const result = await applyStack(racing, objects)
    expect(updates).toHaveLength(2)
    expect(result.updated).toContain(`service ${ns}_app`)
    const after = await docker.getService(svc.ID).inspect()
    // Built against what it read again: the other update's ForceUpdate is kept, as on any redeploy.
    expect(after.Spec.TaskTemplate.ForceUpdate).toBe(5)
    expect(after.Spec.Labels['com.docker.stack.namespace']).toBe(ns)
  })

  it('sends images in their tagged familiar form, as the docker client does', async () => {
    const objects = stack('image')
    const svc = objects.services[0]
    ;(svc.spec.TaskTemplate as { ContainerSpec: { Image: string } }).ContainerSpec.Image = 'docker.io/library/busybox'
    await applyStack(docker, objects)
    const [s] = await docker.listServices({ filters: filters(objects.namespace) })
    expect((s.Spec as { TaskTemplate: { ContainerSpec: { Image: string } } }).TaskTemplate.ContainerSpec.Image).toBe('busybox:latest')
  })

  it('refuses a config whose content changed under the same name (the swarm only updates labels)', async () => {
    const objects = stack('confchange')
    await applyStack(docker, objects)
    const changed = structuredClone(objects)
    changed.configs[0].spec.Data = b64('a=2\n')
    const err = await applyStack(docker, changed).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApplyError)
    expect((err as ApplyError).message).toContain(`config ${objects.namespace}_conf_v1`)
    expect((err as ApplyError).detail).toMatch(/only updates to Labels are allowed/)
  })

  it('sends nothing when an external network, secret or config is missing, and names them all', async () => {
    const objects = stack('missing', {})
    objects.externalNetworks = [`ccdapply-${run}-nonet`]
    objects.externalSecrets = [`ccdapply-${run}-nosecret`]
    const cs = (objects.services[0].spec.TaskTemplate as { ContainerSpec: { Secrets: object[] } }).ContainerSpec
    cs.Secrets.push({ File: { Name: 'x', UID: '0', GID: '0', Mode: 292 }, SecretName: `ccdapply-${run}-nosecret` })
    const err = (await applyStack(docker, objects).catch((e: unknown) => e)) as ApplyError
    expect(err).toBeInstanceOf(ApplyError)
    expect(err.code).toBe('external-missing')
    expect(err.message).toContain(`the network "ccdapply-${run}-nonet"`)
    expect(err.message).toContain(`the secret "ccdapply-${run}-nosecret"`)
    expect(err.data).toMatchObject({ networks: [`ccdapply-${run}-nonet`], secrets: [`ccdapply-${run}-nosecret`] })
    expect(await leftovers(objects.namespace)).toEqual([])
  })

  it('uses external networks and secrets that exist, and never touches them', async () => {
    const net = `ccdapply-${run}-extnet`
    const sec = `ccdapply-${run}-extsec`
    extra.networks.push(net)
    extra.secrets.push(sec)
    await docker.createNetwork({ Name: net, Driver: 'overlay', Attachable: true })
    await docker.createSecret({ Name: sec, Data: b64('outside') } as never)
    const before = await docker.getSecret(sec).inspect()
    const objects = stack('external')
    objects.externalNetworks = [net]
    objects.externalSecrets = [sec]
    const tt = objects.services[0].spec.TaskTemplate as { Networks: object[]; ContainerSpec: { Secrets: object[] } }
    tt.Networks.push({ Target: net, Aliases: ['app'] })
    tt.ContainerSpec.Secrets.push({ File: { Name: 'ext', UID: '0', GID: '0', Mode: 292 }, SecretName: sec })
    const r = await applyStack(docker, objects)
    expect([...r.created, ...r.updated, ...r.unchanged].join(' ')).not.toContain(net)
    expect([...r.created, ...r.updated].join(' ')).not.toContain(sec)
    expect((await docker.getSecret(sec).inspect()).Version?.Index).toBe(before.Version?.Index)
  })

  it('a network of the wrong scope is refused before anything is created', async () => {
    const objects = stack('scope')
    objects.externalNetworks = ['docker_gwbridge']
    const err = (await applyStack(docker, objects).catch((e: unknown) => e)) as ApplyError
    expect(err.code).toBe('external-network-scope')
    expect(await leftovers(objects.namespace)).toEqual([])
  })

  it('refuses invalid objects without a single request', async () => {
    const calls: string[] = []
    const spy = { modem: { dial: (o: { path: string }) => calls.push(o.path) } } as unknown as Docker
    const objects = stack('invalid')
    objects.services.push(structuredClone(objects.services[0]))
    ;(objects.services[0].spec.TaskTemplate as { ContainerSpec: { Secrets: object[] } }).ContainerSpec.Secrets.push({ File: { Name: 'token' }, SecretName: 'other' })
    const err = (await applyStack(spy, objects).catch((e: unknown) => e)) as ApplyError
    expect(err.code).toBe('stack-invalid')
    expect(err.message).toContain('defined twice')
    expect(err.message).toContain('duplicate secret target for other not allowed')
    expect(calls).toEqual([])
  })

  it('prunes only when asked', async () => {
    const objects = stack('prune')
    const extraService = structuredClone(objects.services[0])
    extraService.name = `${objects.namespace}_old`
    extraService.spec.Name = extraService.name
    await applyStack(docker, { ...objects, services: [...objects.services, extraService] })
    await applyStack(docker, objects)
    expect((await docker.listServices({ filters: filters(objects.namespace) })).map((s) => s.Spec!.Name).sort()).toEqual([`${objects.namespace}_app`, `${objects.namespace}_old`])
    const r = await applyStack(docker, objects, { prune: true })
    expect(r.removed).toEqual([`service ${objects.namespace}_old`])
    expect((await docker.listServices({ filters: filters(objects.namespace) })).map((s) => s.Spec!.Name)).toEqual([`${objects.namespace}_app`])
  })

  it('says so when the engine is not a swarm manager', async () => {
    await resetDocker2(rig)
    const err = (await applyStack(dockerLocal(rig.docker2.socket), stack('noswarm')).catch((e: unknown) => e)) as ApplyError
    expect(err.code).toBe('not-swarm-manager')
  })
})
