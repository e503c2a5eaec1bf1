import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { appEnvironment, parseEnvFile } from '../../src-main/compose/env'
import { ensurePinOverlays, EXCLUDE_PATTERN, pinOverlayFile, pinOverlayText, pinVariable, withoutPin, withPin } from '../../src-main/apps/pin-overlay'
import { needsWarning, volumeLocality } from '../../src-main/nodes/locality'
import { toSwarmNode, type ApiNode, type ApiService, type ApiTask } from '../../src-main/nodes/model'
import { renderFromFiles } from '../../src-main/compose/stacks'

const STACK = 'blog_example_org'
const node = (id: string, hostname: string, labels: Record<string, string> = {}, role = 'worker'): ApiNode => ({
  ID: id,
  Spec: { Role: role, Availability: 'active', Labels: labels },
  Description: { Hostname: hostname, Platform: { OS: 'linux', Architecture: 'x86_64' } },
  Status: { State: 'ready', Addr: `10.0.0.${id.length}` }
})
const NODES = [node('n1', 'ccd-node-1', {}, 'manager'), node('n2', 'ccd-node-2', { storage: 'ssd' }), node('n3', 'ccd-node-3')].map(toSwarmNode)

const service = (name: string, volumes: string[], constraints: string[] = [], stack = STACK): ApiService => ({
  ID: `id-${name}`,
  Spec: {
    Name: `${stack}_${name}`,
    Labels: { 'com.docker.stack.namespace': stack },
    TaskTemplate: {
      ContainerSpec: { Mounts: volumes.map((v) => ({ Type: 'volume', Source: `${stack}_${v}`, Target: `/${v}` })) },
      Placement: { Constraints: constraints }
    }
  }
})
const running = (name: string, nodeId: string): ApiTask => ({ ID: `t-${name}-${nodeId}`, ServiceID: `id-${name}`, NodeID: nodeId, DesiredState: 'running', Status: { State: 'running' } })
const on = (entries: Record<string, string[]>): Map<string, Array<{ name: string }>> => new Map(Object.entries(entries).map(([id, vs]) => [id, vs.map((v) => ({ name: `${STACK}_${v}` }))]))

describe('volumeLocality', () => {
  it('names the machine holding each volume, the services mounting it, and warns about one that may run elsewhere', () => {
    const l = volumeLocality({
      stack: STACK,
      nodes: NODES,
      services: [service('app', ['data']), service('db', ['db'], ['node.hostname == ccd-node-2']), service('web', [])],
      tasks: [running('app', 'n2'), running('db', 'n2'), running('web', 'n1')],
      volumesOn: on({ n1: [], n2: ['data', 'db'], n3: [] })
    })
    expect(l.machines).toBe(3)
    expect(l.volumes).toEqual([
      { name: 'data', volume: `${STACK}_data`, machines: ['ccd-node-2'], services: ['app'] },
      { name: 'db', volume: `${STACK}_db`, machines: ['ccd-node-2'], services: ['db'] }
    ])
    const [app, db] = l.services
    expect(app).toMatchObject({ name: 'app', machine: 'ccd-node-2', runningOn: ['ccd-node-2'], allowedOn: ['ccd-node-1', 'ccd-node-2', 'ccd-node-3'], state: 'unpinned', canPin: true })
    expect(db).toMatchObject({ name: 'db', machine: 'ccd-node-2', allowedOn: ['ccd-node-2'], state: 'pinned', canPin: false })
    expect(needsWarning(l, app)).toBe(true)
    expect(needsWarning(l, db)).toBe(false)
    // web has no volume: nothing to say about it.
    expect(l.services.map((s) => s.name)).toEqual(['app', 'db'])
  })

  it('a label that only one machine has pins as well as a hostname; a role shared by two does not', () => {
    const l = volumeLocality({
      stack: STACK,
      nodes: NODES,
      services: [service('a', ['a'], ['node.labels.storage==ssd']), service('b', ['b'], ['node.role==worker'])],
      tasks: [running('a', 'n2'), running('b', 'n2')],
      volumesOn: on({ n2: ['a', 'b'] })
    })
    expect(l.services.map((s) => [s.name, s.state])).toEqual([
      ['a', 'pinned'],
      ['b', 'unpinned']
    ])
  })

  it('data on a machine the placement rules out, copies on several machines, and no data yet', () => {
    const l = volumeLocality({
      stack: STACK,
      nodes: NODES,
      services: [service('away', ['away'], ['node.hostname==ccd-node-3']), service('split', ['split']), service('fresh', ['fresh'])],
      tasks: [running('away', 'n3')],
      volumesOn: on({ n1: ['away', 'split'], n2: ['split'] })
    })
    const by = Object.fromEntries(l.services.map((s) => [s.name, s]))
    expect(by.away).toMatchObject({ machine: 'ccd-node-1', state: 'elsewhere', canPin: true })
    expect(by.split).toMatchObject({ state: 'scattered', canPin: false })
    expect(by.split.machine).toBeUndefined()
    expect(by.fresh).toMatchObject({ state: 'no-data', canPin: false })
    expect(l.volumes.find((v) => v.name === 'split')?.machines).toEqual(['ccd-node-1', 'ccd-node-2'])
  })

  it('where it runs decides between copies; a shared hostname is never offered as a pin', () => {
    const twins = [...NODES, toSwarmNode(node('n4', 'ccd-node-2'))]
    const l = volumeLocality({ stack: STACK, nodes: twins, services: [service('app', ['data'])], tasks: [running('app', 'n1')], volumesOn: on({ n1: ['data'], n2: ['data'] }) })
    expect(l.services[0]).toMatchObject({ machine: 'ccd-node-1', state: 'unpinned', canPin: true })
    const t2 = volumeLocality({ stack: STACK, nodes: twins, services: [service('app', ['data'])], tasks: [], volumesOn: on({ n2: ['data'] }) })
    expect(t2.services[0]).toMatchObject({ machine: 'ccd-node-2', canPin: false })
  })

  it('another app’s volumes and services are left out', () => {
    const l = volumeLocality({
      stack: STACK,
      nodes: NODES,
      services: [service('app', ['data'], [], 'other_org')],
      tasks: [],
      volumesOn: new Map([['n1', [{ name: 'other_org_data' }]]])
    })
    expect(l.services).toEqual([])
    expect(l.volumes).toEqual([])
  })

  it('property: with a pin to the machine holding the data, the service reads as pinned, whatever else constrains it', () => {
    const constraint = fc.constantFrom('node.role==worker', 'node.role==manager', 'node.labels.storage==ssd', 'node.platform.os==linux', 'node.hostname!=ccd-node-3')
    fc.assert(
      fc.property(fc.constantFrom('n1', 'n2', 'n3'), fc.array(constraint, { maxLength: 3 }), (where, extra) => {
        const host = NODES.find((n) => n.id === where)!.hostname
        const before = volumeLocality({ stack: STACK, nodes: NODES, services: [service('app', ['data'], extra)], tasks: [running('app', where)], volumesOn: on({ [where]: ['data'] }) })
        const s0 = before.services[0]
        // Without a pin it is pinned exactly when its rules allow only that machine.
        expect(s0.state === 'pinned').toBe(s0.allowedOn.length === 1 && s0.allowedOn[0] === host)
        const after = volumeLocality({ stack: STACK, nodes: NODES, services: [service('app', ['data'], [...extra, `node.hostname == ${host}`])], tasks: [running('app', where)], volumesOn: on({ [where]: ['data'] }) })
        const s1 = after.services[0]
        // Either pinned, or its other rules rule its own machine out (no machine meets them all).
        expect(s1.state).toBe(s0.allowedOn.includes(host) ? 'pinned' : 'elsewhere')
        expect(needsWarning(after, s1)).toBe(!s0.allowedOn.includes(host))
      })
    )
  })
})

describe('the pin written in the app’s env file', () => {
  const env = 'TYPE=blog:1.0.0+1\nDOMAIN=blog.example.org\n'
  const files = (text: string): string[] => appEnvironment({ envText: text, envFile: 'blog.example.org.env', domain: 'blog.example.org' }).composeFiles

  it('adds the overlay to abra’s default COMPOSE_FILE and sets the machine; taking it out gives the file back', () => {
    const pinned = withPin(env, 'app', 'ccd-node-2', files(env))
    expect(pinned).toBe(
      `${env}\n# Keep app on the machine that holds its data (Co-op Cloud Desktop)\nCOMPOSE_FILE="compose.yml:compose.pin.app.yml"\nPIN_APP_MACHINE=ccd-node-2\n`
    )
    expect(files(pinned)).toEqual(['compose.yml', 'compose.pin.app.yml'])
    expect(parseEnvFile(pinned, 'x.env', []).PIN_APP_MACHINE).toBe('ccd-node-2')
    // Again, or to another machine: only the machine changes.
    expect(withPin(pinned, 'app', 'ccd-node-3', files(pinned))).toBe(pinned.replace('PIN_APP_MACHINE=ccd-node-2', 'PIN_APP_MACHINE=ccd-node-3'))
    expect(withoutPin(pinned, 'app')).toBe(env)
  })

  it('builds on a COMPOSE_FILE the env file sets (the recipe’s optional parts stay on)', () => {
    const text = `${env}COMPOSE_FILE="compose.yml"\nCOMPOSE_FILE="$COMPOSE_FILE:compose.mail.yml"\n`
    const pinned = withPin(text, 'db-main', 'ccd-node-1', files(text))
    expect(pinned).toContain('COMPOSE_FILE="$COMPOSE_FILE:compose.pin.db-main.yml"\nPIN_DB_MAIN_MACHINE=ccd-node-1\n')
    expect(files(pinned)).toEqual(['compose.yml', 'compose.mail.yml', 'compose.pin.db-main.yml'])
    expect(withoutPin(pinned, 'db-main')).toBe(text)
  })

  it('property: pinning any service to any machine and taking it out leaves any env file as it was', () => {
    const line = fc.oneof(
      fc.constantFrom('# a comment', 'COMPOSE_FILE="compose.yml:compose.smtp.yml"', 'SECRET_X_VERSION=v1', 'LETS_ENCRYPT_ENV=production', '#COMPOSE_FILE="$COMPOSE_FILE:compose.mail.yml"'),
      fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}=[a-z0-9.]{0,8}$/)
    )
    const name = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/)
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), name, name, (lines, svc, machine) => {
        const text = lines.map((l) => `${l}\n`).join('')
        if (/^PIN_/m.test(text)) return
        const pinned = withPin(text, svc, machine, files(text))
        expect(files(pinned)).toContain(pinOverlayFile(svc))
        expect(parseEnvFile(pinned, 'x.env', [])[pinVariable(svc)]).toBe(machine)
        expect(withoutPin(pinned, svc)).toBe(text)
      })
    )
  })

  it('rendered with the recipe, the overlay adds the constraint the env file names, and refuses to render without it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-pin-render-'))
    try {
      fs.writeFileSync(path.join(dir, 'compose.yml'), 'version: "3.8"\nservices:\n  app:\n    image: busybox:1\n    volumes:\n      - data:/data\n    deploy:\n      placement:\n        constraints:\n          - node.platform.os == linux\nvolumes:\n  data:\n')
      const envFile = path.join(dir, 'blog.example.org.env')
      const pinned = withPin(env, 'app', 'ccd-node-2', files(env))
      fs.writeFileSync(envFile, pinned)
      await ensurePinOverlays(dir, files(pinned))
      const r = renderFromFiles({ recipeDir: dir, envFile, domain: 'blog.example.org' })
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const spec = r.objects!.services.find((s) => s.name === 'blog_example_org_app')!.spec as { TaskTemplate: { Placement: { Constraints: string[] } } }
      expect(spec.TaskTemplate.Placement.Constraints).toEqual(['node.platform.os == linux', 'node.hostname == ccd-node-2'])
      fs.writeFileSync(envFile, pinned.replace('PIN_APP_MACHINE=ccd-node-2\n', ''))
      const missing = renderFromFiles({ recipeDir: dir, envFile, domain: 'blog.example.org' })
      expect(missing.diagnostics.some((d) => d.severity === 'error' && d.message.includes('the machine to keep app on'))).toBe(true)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('writes the overlay into the checkout when missing, after excluding it from git (once)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-pin-'))
    try {
      fs.mkdirSync(path.join(dir, '.git', 'info'), { recursive: true })
      fs.writeFileSync(path.join(dir, '.git', 'info', 'exclude'), '# git ls-files --others --exclude-from=.git/info/exclude\n*.swp')
      expect(await ensurePinOverlays(dir, ['compose.yml', 'compose.pin.app.yml'])).toEqual(['compose.pin.app.yml'])
      expect(fs.readFileSync(path.join(dir, 'compose.pin.app.yml'), 'utf8')).toBe(pinOverlayText('app'))
      fs.writeFileSync(path.join(dir, 'compose.pin.app.yml'), '# changed by hand\n')
      expect(await ensurePinOverlays(dir, ['compose.yml', 'compose.pin.app.yml'])).toEqual([])
      expect(fs.readFileSync(path.join(dir, 'compose.pin.app.yml'), 'utf8')).toBe('# changed by hand\n')
      const exclude = fs.readFileSync(path.join(dir, '.git', 'info', 'exclude'), 'utf8')
      expect(exclude.startsWith('# git ls-files --others --exclude-from=.git/info/exclude\n*.swp\n')).toBe(true)
      expect(exclude.split('\n').filter((l) => l === EXCLUDE_PATTERN)).toHaveLength(1)
      expect(await ensurePinOverlays(dir, ['compose.yml'])).toEqual([])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('never writes or keeps an overlay that a link planted in the checkout leads out of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-pin-'))
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-pin-outside-'))
    try {
      // A link to a file elsewhere, and a dangling one whose target would be created elsewhere.
      fs.writeFileSync(path.join(outside, 'keep.txt'), 'not yours\n')
      fs.symlinkSync(path.join(outside, 'keep.txt'), path.join(dir, 'compose.pin.app.yml'))
      fs.symlinkSync(path.join(outside, 'new.yml'), path.join(dir, 'compose.pin.db.yml'))
      for (const file of ['compose.pin.app.yml', 'compose.pin.db.yml']) {
        await expect(ensurePinOverlays(dir, ['compose.yml', file])).rejects.toMatchObject({ code: 'forbidden-path' })
      }
      expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('not yours\n')
      expect(fs.readdirSync(outside)).toEqual(['keep.txt'])
      // An ordinary checkout still gets its overlay.
      expect(await ensurePinOverlays(dir, ['compose.yml', 'compose.pin.web.yml'])).toEqual(['compose.pin.web.yml'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.rmSync(outside, { recursive: true, force: true })
    }
  })
})
