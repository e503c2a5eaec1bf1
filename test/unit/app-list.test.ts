import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Docker from 'dockerode'
import { describe, expect, it, vi } from 'vitest'
import { askServer, newestVersions, readAppFiles, summaryOf } from '../../src-main/apps/list'
import { countCalls, stackFilter } from '../../src-main/apps/list-docker'
import { deployedLabels, groupByStack, summarize, upgradeFrom, type AppFile } from '../../src-main/apps/list-match'
import { containerHealth, nodeNames, taskRows } from '../../src-main/apps/list-tasks'
import { secretsOfStack } from '../../src-main/apps/remove'
import type { SwarmService, SwarmTask } from '../../src-main/apps/status'
import { resolvePaths } from '../../src-main/core/paths'
import { setLanguage } from '../../src-main/i18n/i18n'
import { Readable } from 'node:stream'

const NS = 'com.docker.stack.namespace'

function service(id: string, name: string, stack: string, labels: Record<string, string> = {}, replicas = 1): SwarmService {
  return {
    ID: id,
    Spec: { Name: name, Labels: { [NS]: stack, ...labels }, Mode: { Replicated: { Replicas: replicas } }, TaskTemplate: { ContainerSpec: { Image: 'ccd-busybox:test@sha256:abc123' } } }
  } as SwarmService
}
function task(id: string, serviceId: string, state: string, extra: Partial<SwarmTask> = {}): SwarmTask {
  return { ID: id, ServiceID: serviceId, DesiredState: 'running', Status: { State: state, Timestamp: '2026-11-30T10:00:00Z' }, ...extra }
}
const file = (domain: string, extra: Partial<AppFile> = {}): AppFile => ({
  server: 'rigbox',
  domain,
  envFile: `/h/.abra/servers/rigbox/${domain}.env`,
  stackName: domain.replaceAll('.', '_'),
  ...extra
})

describe('matching services to apps', () => {
  it('groups services by their stack label and tasks by their service, ignoring what no stack owns', () => {
    const services = [service('s1', 'a_org_app', 'a_org'), service('s2', 'a_org_db', 'a_org'), service('s3', 'b_org_app', 'b_org'), { ID: 's4', Spec: { Name: 'loose' } } as SwarmService]
    const tasks = [task('t1', 's1', 'running'), task('t2', 's2', 'running'), task('t3', 's3', 'failed'), task('t4', 's4', 'running'), task('t5', 'gone', 'running')]
    const stacks = groupByStack(services, tasks)
    expect([...stacks.keys()].sort()).toEqual(['a_org', 'b_org'])
    expect(stacks.get('a_org')!.services.map((s) => s.ID)).toEqual(['s1', 's2'])
    expect(stacks.get('a_org')!.tasks.map((t) => t.ID)).toEqual(['t1', 't2'])
    expect(stacks.get('b_org')!.tasks.map((t) => t.ID)).toEqual(['t3'])
  })

  it("reads abra's labels from the app service first, else any service that has them", () => {
    const labelled = service('s1', 'a_org_app', 'a_org', { 'coop-cloud.a_org.recipe': 'ccd-web', 'coop-cloud.a_org.version': 'v2.0.0', 'coop-cloud.a_org.chaos': 'false' })
    const other = service('s2', 'a_org_db', 'a_org', { 'coop-cloud.a_org.version': 'v9.0.0' })
    expect(deployedLabels('a_org', [other, labelled])).toEqual({ recipe: 'ccd-web', version: 'v2.0.0', chaos: false })
    expect(deployedLabels('a_org', [other])).toEqual({ recipe: undefined, version: 'v9.0.0', chaos: false })
    // A chaos deploy leaves the version label empty: no version is claimed.
    expect(deployedLabels('a_org', [service('s1', 'a_org_app', 'a_org', { 'coop-cloud.a_org.chaos': 'true', 'coop-cloud.a_org.version': '' })])).toEqual({
      recipe: undefined,
      version: undefined,
      chaos: true
    })
  })

  it('offers an upgrade only to a newer version', () => {
    expect(upgradeFrom('v1.0.0', 'v2.0.0')).toBe('v2.0.0')
    expect(upgradeFrom('v2.0.0', 'v2.0.0')).toBeUndefined()
    expect(upgradeFrom('1.2.0+3.4', '1.10.0+3.4')).toBe('1.10.0+3.4')
    expect(upgradeFrom(undefined, 'v2.0.0')).toBeUndefined()
    expect(upgradeFrom('v2.0.0', undefined)).toBeUndefined()
  })
})

describe('an app summary', () => {
  it('takes recipe and version from the deployed labels over the env file', () => {
    const stack = groupByStack([service('s1', 'a_org_app', 'a_org', { 'coop-cloud.a_org.recipe': 'ccd-web', 'coop-cloud.a_org.version': 'v2.0.0' })], [task('t1', 's1', 'running')]).get('a_org')
    const s = summarize(file('a.org', { recipe: 'ccd-web', version: 'v1.0.0' }), stack, true)
    expect(s).toMatchObject({ domain: 'a.org', stackName: 'a_org', recipe: 'ccd-web', version: 'v2.0.0', deployed: true, chaos: false, health: 'running' })
    expect(s.services.map((x) => [x.name, x.running, x.desired])).toEqual([['app', 1, 1]])
  })

  it('is not deployed when no service of its stack runs, and keeps the env file’s version', () => {
    const s = summarize(file('b.org', { recipe: 'ccd-web', version: 'v1.0.0' }), undefined, true)
    expect(s).toMatchObject({ deployed: false, version: 'v1.0.0', health: 'stopped', services: [] })
  })

  it("is listed with health unknown when its server can't be reached", () => {
    const s = summarize(file('c.org', { recipe: 'ccd-web', version: 'v1.0.0' }), undefined, false)
    expect(s).toMatchObject({ deployed: false, health: 'unknown', recipe: 'ccd-web', version: 'v1.0.0' })
    expect(s.words).toMatch(/could not be reached/)
  })
})

describe('counting Docker API calls', () => {
  it('counts every request made through the counted view, and none made elsewhere on the same connection', async () => {
    const docker = new Docker({ socketPath: '/nonexistent.sock' })
    const seen: string[] = []
    ;(docker.modem as unknown as { dial: (o: { path: string }, cb: (e: null, d: unknown) => void) => void }).dial = (o, cb) => {
      seen.push(o.path)
      cb(null, o.path.startsWith('/services/') ? { ID: 'x' } : [])
    }
    const counted = countCalls(docker)
    await counted.docker.listServices({ filters: stackFilter() })
    await counted.docker.listTasks({ filters: stackFilter('a_org') })
    await counted.docker.getService('a_org_app').inspect()
    await docker.listNodes()
    expect(counted.calls()).toBe(3)
    expect(seen).toHaveLength(4)
  })

  it('filters on the stack label, for every stack or one', () => {
    expect(JSON.parse(stackFilter())).toEqual({ label: [NS] })
    expect(JSON.parse(stackFilter('a_org'))).toEqual({ label: [`${NS}=a_org`] })
  })
})

describe('tasks in detail', () => {
  it('names the node, the compose service, and the health of containers the node listed', () => {
    const nodes = nodeNames([{ ID: 'n1', Description: { Hostname: 'vm' } }, { ID: 'n2' }])
    const health = containerHealth([
      { Id: 'c1', Status: 'Up 5 minutes (healthy)' },
      { Id: 'c2', Status: 'Up 2 seconds (health: starting)' },
      { Id: 'c3', Status: 'Exited (1) 3 seconds ago' }
    ])
    expect([...health]).toEqual([
      ['c1', 'healthy'],
      ['c2', 'starting']
    ])
    const rows = taskRows(
      [
        task('old', 's1', 'failed', { Slot: 1, NodeID: 'n1', DesiredState: 'shutdown', Status: { State: 'failed', Err: 'task: non-zero exit (1)', Timestamp: '2026-11-30T10:00:00Z' } }),
        task('new', 's1', 'running', { Slot: 1, NodeID: 'n1', Spec: { ContainerSpec: { Image: 'ccd-busybox:test@sha256:0ff1ce' } }, Status: { State: 'running', Timestamp: '2026-11-30T10:01:00.5Z', ContainerStatus: { ContainerID: 'c1' } } }),
        task('db', 's2', 'pending', { NodeID: undefined, Status: { State: 'pending', Timestamp: '2026-11-30T10:00:30Z' } })
      ],
      new Map([
        ['s1', 'app'],
        ['s2', 'db']
      ]),
      nodes,
      health
    )
    expect(rows.map((r) => [r.id, r.service, r.node, r.state, r.desiredState, r.health])).toEqual([
      ['new', 'app', 'vm', 'running', 'running', 'healthy'],
      ['old', 'app', 'vm', 'failed', 'shutdown', undefined],
      ['db', 'db', 'not placed yet', 'pending', 'running', undefined]
    ])
    expect(rows[0].image).toBe('ccd-busybox:test')
    expect(rows[1].error).toBe('task: non-zero exit (1)')
  })
})

describe("an app's secrets when it is removed", () => {
  it('takes its own stack’s secrets and leaves those of an app whose stack name starts with its own', () => {
    const names = ['a_org_token_v1', 'a_org_db_password_v2', 'a_org_old_token_v1', 'b_org_token_v1', 'a_orgx_token_v1']
    expect(secretsOfStack(names, 'a_org', ['a_org', 'a_org_old', 'b_org'])).toEqual(['a_org_db_password_v2', 'a_org_token_v1'])
  })
})

describe("a recipe's newest version, kept between refreshes", () => {
  it('follows tags made, packed, fetched and deleted by git, and a checkout made later', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-newest-'))
    const paths = resolvePaths({ ABRA_DIR: path.join(home, '.abra') }, home)
    const dir = path.join(paths.recipesDir, 'ccd-web')
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'tag.gpgSign=false', ...args], { cwd: dir, stdio: 'ignore' })
    }
    // Each refresh makes its own newestVersions, as listApps does.
    const newest = (): Promise<string | undefined> => newestVersions(paths)('ccd-web')
    try {
      fs.mkdirSync(paths.recipesDir, { recursive: true })
      expect(await newest()).toBeUndefined()
      fs.mkdirSync(dir)
      git('init', '-q')
      git('commit', '-q', '--allow-empty', '-m', 'one')
      expect(await newest()).toBeUndefined()
      git('tag', '1.0.0+1.0')
      expect(await newest()).toBe('1.0.0+1.0')
      expect(await newest()).toBe('1.0.0+1.0')
      git('tag', '1.1.0+1.1')
      expect(await newest()).toBe('1.1.0+1.1')
      // Packed, as a fetch or gc leaves them: the loose files go.
      git('pack-refs', '--all')
      expect(await newest()).toBe('1.1.0+1.1')
      git('tag', '-d', '1.1.0+1.1')
      expect(await newest()).toBe('1.0.0+1.0')
      // A tag only in packed-refs, as a fetch may write it.
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim()
      fs.appendFileSync(path.join(dir, '.git', 'packed-refs'), `${head} refs/tags/2.0.0+2.0\n`)
      expect(await newest()).toBe('2.0.0+2.0')
    } finally {
      fs.rmSync(home, { recursive: true, force: true })
    }
  })
})

describe('the env files read for the apps list, kept between refreshes', () => {
  it('follows a file edited in place (same size), replaced, added and removed', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-appfiles-'))
    const paths = resolvePaths({ ABRA_DIR: path.join(home, '.abra') }, home)
    const folder = path.join(paths.serversDir, 'rigbox')
    const env = (domain: string): string => path.join(folder, `${domain}.env`)
    const versions = async (): Promise<string[]> => (await readAppFiles(paths, 'rigbox')).map((a) => `${a.domain} ${a.version}`)
    // The clock runs ahead of the files' times, so what was read is kept (see RACY_MS).
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      fs.mkdirSync(folder, { recursive: true })
      fs.writeFileSync(env('a.example.org'), 'TYPE=ccd-web:1.0.0+1.0\n')
      fs.writeFileSync(env('b.example.org'), 'TYPE=ccd-web:2.0.0+2.0\n')
      vi.setSystemTime(Date.now() + 10_000)
      expect(await versions()).toEqual(['a.example.org 1.0.0+1.0', 'b.example.org 2.0.0+2.0'])
      expect(await versions()).toEqual(['a.example.org 1.0.0+1.0', 'b.example.org 2.0.0+2.0'])
      fs.writeFileSync(env('a.example.org'), 'TYPE=ccd-web:1.1.0+1.1\n')
      fs.writeFileSync(`${env('b.example.org')}.tmp`, 'TYPE=ccd-web:2.1.0+2.1\n')
      fs.renameSync(`${env('b.example.org')}.tmp`, env('b.example.org'))
      fs.writeFileSync(env('c.example.org'), 'TYPE=ccd-web:3.0.0+3.0\n')
      vi.setSystemTime(Date.now() + 10_000)
      expect(await versions()).toEqual(['a.example.org 1.1.0+1.1', 'b.example.org 2.1.0+2.1', 'c.example.org 3.0.0+3.0'])
      fs.rmSync(env('a.example.org'))
      expect(await versions()).toEqual(['b.example.org 2.1.0+2.1', 'c.example.org 3.0.0+3.0'])
      // A symlink is read (and confined) every time: here it leads outside, so it is left out.
      const outside = path.join(home, 'outside.env')
      fs.writeFileSync(outside, 'TYPE=ccd-web:9.0.0+9.0\n')
      fs.symlinkSync(outside, env('d.example.org'))
      expect(await versions()).toEqual(['b.example.org 2.1.0+2.1', 'c.example.org 3.0.0+3.0'])
    } finally {
      vi.useRealTimers()
      fs.rmSync(home, { recursive: true, force: true })
    }
  })
})

describe('a server whose answer has not changed', () => {
  it('is not parsed again, and its apps keep their summaries, until a task, a service or the language changes', async () => {
    const answer: Record<string, unknown[]> = {
      '/services?': [service('s1', 'a_org_app', 'a_org'), service('s2', 'b_org_app', 'b_org')],
      '/tasks?': [task('t1', 's1', 'running'), task('t2', 's2', 'running')]
    }
    const docker = new Docker({ socketPath: '/nonexistent.sock' })
    let asked = 0
    ;(docker.modem as unknown as { dial: (o: { path: string; isStream?: boolean }, cb: (e: null, d: unknown) => void) => void }).dial = (o, cb) => {
      asked++
      // As the engine sends it: bytes, a new buffer each time.
      cb(null, Readable.from([Buffer.from(JSON.stringify(answer[o.path]))]))
    }
    const ctx = { open: async () => ({ ready: async () => {}, docker: () => docker }) } as unknown as Parameters<typeof askServer>[0]
    const a = file('a.org')
    const b = file('b.org')
    const look = async () => {
      const r = await askServer(ctx, 'cachebox')
      return { a: summaryOf(a, r.stacks.get('a_org'), r.ok), b: summaryOf(b, r.stacks.get('b_org'), r.ok), calls: r.calls }
    }
    const first = await look()
    expect(first.calls).toBe(2)
    expect(first.a.health).toBe('running')
    const same = await look()
    expect(asked).toBe(4)
    expect(same.a).toBe(first.a)
    expect(same.b).toBe(first.b)

    // One task of a_org fails: both are looked at again, and a_org's summary says so.
    answer['/tasks?'] = [task('t1', 's1', 'failed', { DesiredState: 'shutdown' }), task('t2', 's2', 'running')]
    const changed = await look()
    expect(changed.a).not.toBe(first.a)
    expect(changed.a.health).not.toBe('running')
    expect(changed.b).toEqual(first.b)

    // Another language: the words are made again in it.
    setLanguage('fr')
    try {
      const french = await look()
      expect(french.b).not.toBe(changed.b)
      expect(french.b.words).not.toBe(changed.b.words)
    } finally {
      setLanguage('en')
    }
    expect((await look()).b.words).toBe(changed.b.words)

    // A new service of a_org.
    answer['/services?'] = [...answer['/services?'], service('s3', 'a_org_db', 'a_org')]
    const more = await look()
    expect(more.a.services.map((x) => x.name)).toEqual(['app', 'db'])
  })
})
