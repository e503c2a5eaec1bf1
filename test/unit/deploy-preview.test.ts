import { beforeAll, describe, expect, it } from 'vitest'
import { withAbraLabels } from '../../src-main/compose/abra-labels'
import type { Json, StackObjects, StackService } from '../../src-main/compose/objects'
import { comparePreview, normaliseSpec, sentSpec, type EngineServiceLike, type PreviewReads } from '../../src-main/apps/deploy-preview-compare'
import { previewWords } from '../../src-main/apps/deploy-preview-words'
import { refuseChangedState, serverStateOf, stateChange } from '../../src-main/apps/deploy-render'
import { ApiError } from '../../src-main/contract/errors'
import { setLanguage } from '../../src-main/i18n/i18n'
import { ccdWebEnv, renderCcdWeb, type CcdWebVersion } from '../integration/ccd-web'

// The preview's comparison: ccd-web's rendered specs against service specs
// in the form the engine hands them back (GET /services on Docker 20.10):
// network IDs, secret and config IDs, the values it fills in, maps in its own
// key order.
const stack = 'prev'
type Obj = { [key: string]: Json }
const NET_IDS: Record<string, string> = { proxy: 'id-proxy', prev_internal: 'id-internal' }

function rendered(version: CcdWebVersion, edit?: (o: StackObjects) => void): StackObjects {
  const r = renderCcdWeb(version, stack, ccdWebEnv(version, 'prev.example.com'))
  if (!r.objects) throw new Error(JSON.stringify(r.diagnostics))
  const o = withAbraLabels(r.objects, { stackName: stack, recipe: 'ccd-web', version, chaos: false })
  edit?.(o)
  return o
}

const reversedKeys = (o: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(o).reverse())

/** What the engine stores and returns for a spec sent by a deploy. */
function engineForm(spec: Obj, index = 10): EngineServiceLike {
  const s = structuredClone(spec) as Obj & { TaskTemplate: Obj & { ContainerSpec: Obj } }
  const tt = s.TaskTemplate
  const cs = tt.ContainerSpec
  cs.Isolation = 'default'
  cs.Privileges = { CredentialSpec: null, SELinuxContext: null }
  cs.DNSConfig = {}
  if (cs.Labels) cs.Labels = reversedKeys(cs.Labels as Record<string, string>)
  for (const r of (cs.Secrets ?? []) as Obj[]) r.SecretID = `id-${String(r.SecretName)}`
  for (const r of (cs.Configs ?? []) as Obj[]) r.ConfigID = `id-${String(r.ConfigName)}`
  tt.Runtime = 'container'
  tt.Resources = { Limits: {}, Reservations: {} }
  tt.ForceUpdate = tt.ForceUpdate ?? 0
  for (const n of (tt.Networks ?? []) as Obj[]) n.Target = NET_IDS[n.Target as string] ?? n.Target
  const mode = s.Mode as { Replicated?: Obj } | undefined
  if (!mode || (mode.Replicated && mode.Replicated.Replicas === undefined)) s.Mode = { Replicated: { Replicas: 1 } }
  if (s.Labels) s.Labels = reversedKeys(s.Labels as Record<string, string>)
  return { ID: `sid-${String(s.Name)}`, Version: { Index: index }, Spec: s as EngineServiceLike['Spec'] }
}

/** The stack as a deploy of `objects` leaves it on the engine. */
const deployed = (objects: StackObjects): EngineServiceLike[] => objects.services.map((s) => engineForm(sentSpec(s, undefined)))

function reads(services: EngineServiceLike[], extra: Partial<PreviewReads> = {}): PreviewReads {
  return {
    services,
    networkNames: new Map(Object.entries(NET_IDS).map(([name, id]) => [id, name])),
    networks: new Set(Object.keys(NET_IDS)),
    secrets: new Set(['prev_token_v1']),
    configs: new Set(['prev_hello_v1']),
    volumes: new Set(),
    ...extra
  }
}

const changeOf = (data: ReturnType<typeof comparePreview>): Record<string, string> => Object.fromEntries(data.services.map((s) => [s.name, s.change]))

function addService(o: StackObjects, name: string, edit: (spec: Obj & { TaskTemplate: Obj & { ContainerSpec: Obj } }) => void): StackService {
  const app = o.services[0]
  const spec = structuredClone(app.spec) as Obj & { TaskTemplate: Obj & { ContainerSpec: Obj } }
  spec.Name = `${stack}_${name}`
  edit(spec)
  const s = { name: `${stack}_${name}`, spec }
  o.services.push(s)
  return s
}

beforeAll(() => setLanguage('en'))

describe('deploy preview: the comparison', () => {
  it('sees nothing to change when the server runs exactly what would be sent', () => {
    const v1 = rendered('v1.0.0')
    const data = comparePreview(v1, reads(deployed(v1)))
    expect(changeOf(data)).toEqual({ app: 'unchanged' })
    expect(data.services[0].changed).toEqual([])
    expect(data).toMatchObject({ deployed: true, version: { from: 'v1.0.0', to: 'v1.0.0' }, images: [], settings: [], secrets: [], volumes: [], missing: [] })
    expect(previewWords(data, { domain: 'prev.example.com', kind: 'redeploy' })).toEqual([
      'Deploying prev.example.com again at version v1.0.0 would:',
      'Nothing would change: the server already runs exactly this.'
    ])
  })

  it('normalises the engine’s form: IDs, defaults it fills in, key order, one copy when none is said', () => {
    const v1 = rendered('v1.0.0')
    const names = reads([]).networkNames
    const sent = sentSpec(v1.services[0], undefined)
    expect(normaliseSpec(engineForm(sent).Spec, names)).toEqual(normaliseSpec(sent, names))
    const global = structuredClone(sent)
    global.Mode = { Global: {} }
    expect(normaliseSpec(global, names)).not.toEqual(normaliseSpec(sent, names))
    const none = structuredClone(sent)
    ;(none.Mode as Obj).Replicated = { Replicas: 0 }
    expect(normaliseSpec(none, names)).not.toEqual(normaliseSpec(sent, names))
  })

  it('an upgrade whose containers change restarts them, and names the settings that change, never their values', () => {
    const data = comparePreview(rendered('v2.0.0'), reads(deployed(rendered('v1.0.0'))))
    expect(changeOf(data)).toEqual({ app: 'restart' })
    expect(data.services[0].changed).toEqual(expect.arrayContaining(['Labels', 'TaskTemplate.ContainerSpec.Env']))
    expect(data.version).toEqual({ from: 'v1.0.0', to: 'v2.0.0' })
    expect(data.settings).toEqual([
      { name: 'APP_VERSION', service: 'app', change: 'changed' },
      { name: 'MOTD', service: 'app', change: 'added' }
    ])
    const words = previewWords(data, { domain: 'prev.example.com', kind: 'upgrade' })
    expect(words).toEqual([
      'Upgrading prev.example.com from v1.0.0 to v2.0.0 would:',
      '- restart: app (a short interruption while their new containers start)',
      'Settings that change (names only): APP_VERSION and MOTD'
    ])
    expect(words.join('\n')).not.toContain('Welcome')
    expect(words.join('\n')).not.toContain('v2.0.0=')
  })

  it('a change of labels or copies alone updates without restarting', () => {
    const v1 = rendered('v1.0.0')
    const labels = rendered('v1.0.0', (o) => ((o.services[0].spec.Labels as Obj)['backupbot.backup'] = 'true'))
    expect(changeOf(comparePreview(labels, reads(deployed(v1))))).toEqual({ app: 'update' })
    const copies = rendered('v1.0.0', (o) => (o.services[0].spec.Mode = { Replicated: { Replicas: 2 } }))
    const data = comparePreview(copies, reads(deployed(v1)))
    expect(changeOf(data)).toEqual({ app: 'update' })
    expect(data.services[0].changed).toEqual(['Mode.Replicated.Replicas'])
    expect(previewWords(data, { domain: 'prev.example.com', kind: 'redeploy' })[1]).toBe(
      '- change without restarting anything: app (labels, number of copies or update settings)'
    )
  })

  it('an endpoint change restarts, as the swarm replaces tasks whose endpoint changed', () => {
    const v1 = rendered('v1.0.0')
    const vip = rendered('v1.0.0', (o) => (o.services[0].spec.EndpointSpec = { Mode: 'vip' }))
    expect(changeOf(comparePreview(vip, reads(deployed(v1))))).toEqual({ app: 'restart' })
  })

  it('keeps the stored image when the image label is unchanged (digest pinned), and reports an image that changes', () => {
    const v1 = rendered('v1.0.0')
    const running = deployed(v1)
    const cs = (running[0].Spec!.TaskTemplate as Obj).ContainerSpec as Obj
    cs.Image = 'ccd-busybox:test@sha256:0123abcd'
    expect(changeOf(comparePreview(v1, reads(running)))).toEqual({ app: 'unchanged' })

    const newer = rendered('v1.0.0', (o) => {
      ;((o.services[0].spec.TaskTemplate as Obj).ContainerSpec as Obj).Image = 'ccd-busybox:next'
      ;(o.services[0].spec.Labels as Obj)['com.docker.stack.image'] = 'ccd-busybox:next'
    })
    const data = comparePreview(newer, reads(running))
    expect(changeOf(data)).toEqual({ app: 'restart' })
    expect(data.images).toEqual([{ service: 'app', from: 'ccd-busybox:test', to: 'ccd-busybox:next' }])
  })

  it('keeps a forced update counter as apply does (no restart for it)', () => {
    const v1 = rendered('v1.0.0')
    const running = deployed(v1)
    ;(running[0].Spec!.TaskTemplate as Obj).ForceUpdate = 4
    expect(changeOf(comparePreview(v1, reads(running)))).toEqual({ app: 'unchanged' })
    expect((sentSpec(v1.services[0], running[0]).TaskTemplate as Obj).ForceUpdate).toBe(4)
  })

  it('names new services, the volumes of what starts or restarts, and services left running', () => {
    const v1 = rendered('v1.0.0')
    const running = deployed(v1)
    running.push(engineForm({ Name: `${stack}_old`, TaskTemplate: { ContainerSpec: { Image: 'old:1' } } }))
    const next = rendered('v1.0.0', (o) =>
      addService(o, 'db', (spec) => {
        spec.TaskTemplate.ContainerSpec.Env = ['POSTGRES_PASSWORD_FILE=/run/secrets/db']
        spec.TaskTemplate.ContainerSpec.Mounts = [{ Type: 'volume', Source: `${stack}_db`, Target: '/var/lib/db', VolumeOptions: { Labels: { 'com.docker.stack.namespace': stack } } }]
      })
    )
    const data = comparePreview(next, reads(running))
    expect(changeOf(data)).toEqual({ app: 'unchanged', db: 'create', old: 'left' })
    expect(data.volumes).toEqual([{ name: 'prev_db', services: ['db'], exists: false }])
    expect(data.images).toEqual([{ service: 'db', to: 'ccd-busybox:test' }])
    const words = previewWords(data, { domain: 'prev.example.com', kind: 'redeploy' })
    expect(words).toContain('- start for the first time: db')
    expect(words).toContain('- old: no longer in the recipe. They keep running: a deploy never removes them (as with abra).')
    expect(words).toContain('- leave as they are: app')
    expect(words).toContain('Data (volumes) of the services that start or restart: prev_db (new, empty)')
  })

  it('names secrets that change version or are new, and what the server lacks', () => {
    const v1 = rendered('v1.0.0')
    const v2secret = rendered('v1.0.0', (o) => {
      const cs = (o.services[0].spec.TaskTemplate as Obj).ContainerSpec as Obj
      ;(cs.Secrets as Obj[])[0].SecretName = 'prev_token_v2'
      ;(cs.Secrets as Obj[]).push({ File: { Name: 'other', UID: '0', GID: '0', Mode: 292 }, SecretName: 'prev_other_v1' })
    })
    const data = comparePreview(v2secret, reads(deployed(v1), { secrets: new Set(['prev_token_v1', 'prev_token_v2']) }))
    expect(changeOf(data)).toEqual({ app: 'restart' })
    expect(data.secrets).toEqual([
      { name: 'prev_token_v2', service: 'app', change: 'changed', exists: true },
      { name: 'prev_other_v1', service: 'app', change: 'added', exists: false }
    ])
    expect(data.missing).toEqual([{ kind: 'secret', name: 'prev_other_v1' }])
    const noProxy = comparePreview(v1, reads([], { networks: new Set(), configs: new Set() }))
    // The stack's own network and config are created by the deploy: only the external network is lacking.
    expect(noProxy.missing).toEqual([{ kind: 'network', name: 'proxy' }])
    expect(previewWords(noProxy, { domain: 'prev.example.com', kind: 'deploy' }).at(-1)).toBe(
      'The server lacks the network proxy, so the deploy would stop before changing anything: create it first.'
    )
  })

  it('a first deploy creates everything and says so, in French too', () => {
    const data = comparePreview(rendered('v1.0.0'), reads([]))
    expect(changeOf(data)).toEqual({ app: 'create' })
    expect(data.deployed).toBe(false)
    expect(previewWords(data, { domain: 'prev.example.com', kind: 'deploy' }).slice(0, 2)).toEqual([
      'prev.example.com is not deployed yet. Deploying version v1.0.0 would:',
      '- start for the first time: app'
    ])
    setLanguage('fr')
    try {
      expect(previewWords(data, { domain: 'prev.example.com', kind: 'deploy' })[1]).toBe('- démarrer pour la première fois : app')
    } finally {
      setLanguage('en')
    }
  })
})

describe('the preview fingerprint (apps/deploy-render.ts)', () => {
  const objectsAt = (version: CcdWebVersion): StackObjects => renderCcdWeb(version, 'prevfp', ccdWebEnv(version, 'prev.example.com')).objects!
  const services = [
    { ID: 'a1', Version: { Index: 10 } },
    { ID: 'b2', Version: { Index: 7 } }
  ]

  it('is the same for the same services and the same render, in any order', () => {
    expect(serverStateOf(services, objectsAt('v1.0.0'))).toBe(serverStateOf([...services].reverse(), objectsAt('v1.0.0')))
  })

  it('changes when a service changes, and when what would be sent changes, and says which', () => {
    const before = serverStateOf(services, objectsAt('v1.0.0'))
    const serviceMoved = serverStateOf([services[0], { ID: 'b2', Version: { Index: 8 } }], objectsAt('v1.0.0'))
    const otherRender = serverStateOf(services, objectsAt('v2.0.0'))
    expect(serviceMoved).not.toBe(before)
    expect(otherRender).not.toBe(before)
    expect(stateChange(before, serviceMoved)).toBe('services')
    expect(stateChange(before, otherRender)).toBe('sent')
    expect(stateChange(before, serverStateOf(services.slice(1), objectsAt('v2.0.0')))).toBe('both')
  })

  it('refuses an apply whose preview no longer holds, in words, and lets the same one through', () => {
    const now = serverStateOf(services, objectsAt('v1.0.0'))
    expect(() => refuseChangedState({ domain: 'prev.example.com' }, now, now)).not.toThrow()
    expect(() => refuseChangedState({ domain: 'prev.example.com' }, undefined, now)).not.toThrow()
    const old = serverStateOf(services.slice(1), objectsAt('v1.0.0'))
    let err: unknown
    try {
      refuseChangedState({ domain: 'prev.example.com' }, old, now)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('server-changed')
    expect((err as ApiError).message).toBe(
      'The server changed since the preview (a service of the app was changed on the server), so nothing was sent to prev.example.com. Here is the new preview: check it and confirm again.'
    )
    setLanguage('fr')
    try {
      expect(() => refuseChangedState({ domain: 'prev.example.com' }, old, now)).toThrow(/Le serveur a changé depuis l’aperçu/)
    } finally {
      setLanguage('en')
    }
  })
})
