import { afterEach, describe, expect, it } from 'vitest'
import { readBackupLabels, splitPaths, versionLabel } from '../../src-main/backups/labels'
import { buildPlan, noLabelsWords, type PlanService } from '../../src-main/backups/plan'
import { beyondKeepLast } from '../../src-main/backups/retention'
import { setLanguage } from '../../src-main/i18n/i18n'

const app = { server: 'rigbox', domain: 'shop.example.org', stackName: 'shop_example_org' }

function service(name: string, labels: Record<string, string>, mounts: [type: string, source: string, target: string][] = []): PlanService {
  return {
    Spec: {
      Name: `${app.stackName}_${name}`,
      Labels: labels,
      TaskTemplate: { ContainerSpec: { Image: 'img', Mounts: mounts.map(([Type, Source, Target]) => ({ Type, Source, Target })) } }
    }
  }
}

describe('readBackupLabels', () => {
  it.each([
    [{}, { enabled: false, excluded: [], paths: {} }],
    [{ 'backupbot.backup': 'True' }, { enabled: true, excluded: [], paths: {} }],
    [{ 'backupbot.backup': 'false' }, { enabled: false, excluded: [], paths: {} }],
    [
      { 'backupbot.backup': 'true', 'backupbot.backup.pre-hook': ' dump ', 'backupbot.backup.post-hook': 'rm dump', 'backupbot.restore.post-hook': 'load' },
      { enabled: true, preHook: 'dump', postHook: 'rm dump', restorePostHook: 'load', excluded: [], paths: {} }
    ],
    [
      { 'backupbot.backup': 'true', 'backupbot.backup.volumes.cache': 'false', 'backupbot.backup.volumes.logs': 'FALSE', 'backupbot.backup.volumes.files': 'true' },
      { enabled: true, excluded: ['cache', 'logs'], paths: {} }
    ],
    [{ 'backupbot.backup': 'true', 'backupbot.backup.volumes.files.path': 'keep, /photos/ ,,' }, { enabled: true, excluded: [], paths: { files: ['keep', 'photos'] } }]
  ])('%j', (labels, want) => {
    expect(readBackupLabels(labels)).toEqual(want)
  })

  it('splits paths and reads the version label of the stack', () => {
    expect(splitPaths('a,b/c/,./')).toEqual(['a', 'b/c'])
    expect(versionLabel({ 'coop-cloud.s.version': 'v2.0.0' }, 's')).toBe('v2.0.0')
    expect(versionLabel({ 'coop-cloud.other.version': 'v2.0.0' }, 's')).toBeUndefined()
  })
})

describe('buildPlan', () => {
  it('explains an app that is not deployed', () => {
    const plan = buildPlan(app, [])
    expect(plan.services).toEqual([])
    expect(plan.explanation).toBe('shop.example.org is not deployed on rigbox, so there is no data on the server to back up. Deploy it first.')
  })

  it('explains a recipe without backupbot labels', () => {
    const plan = buildPlan(app, [service('app', { 'coop-cloud.x.version': '1' }, [['volume', `${app.stackName}_data`, '/data']])])
    expect(plan).toEqual({ ...app, services: [], explanation: noLabelsWords() })
  })

  it('explains labels that leave out every volume', () => {
    const plan = buildPlan(app, [service('app', { 'backupbot.backup': 'true', 'backupbot.backup.volumes.data': 'false' }, [['volume', `${app.stackName}_data`, '/data']])])
    expect(plan.explanation).toMatch(/leaves out every volume/)
    expect(plan.services[0].volumes).toEqual([{ name: 'data', dockerName: `${app.stackName}_data`, mountPath: '/data', excluded: true }])
  })

  it('takes the labelled services, their own named volumes, paths and exclusions', () => {
    const plan = buildPlan(app, [
      service('web', {}, [['volume', `${app.stackName}_assets`, '/srv']]),
      service(
        'app',
        {
          'backupbot.backup': 'true',
          'backupbot.backup.pre-hook': 'dump',
          'backupbot.backup.post-hook': 'rm dump',
          'backupbot.backup.volumes.files.path': 'keep',
          'backupbot.backup.volumes.cache': 'false'
        },
        [
          ['volume', `${app.stackName}_data`, '/data'],
          ['volume', `${app.stackName}_files`, '/files'],
          ['volume', `${app.stackName}_cache`, '/cache'],
          ['bind', '/etc/hosts', '/etc/hosts'],
          ['volume', 'someone_elses', '/other']
        ]
      )
    ])
    expect(plan.explanation).toBeUndefined()
    expect(plan.services).toEqual([
      {
        service: 'app',
        preHook: 'dump',
        postHook: 'rm dump',
        volumes: [
          { name: 'data', dockerName: `${app.stackName}_data`, mountPath: '/data', excluded: false },
          { name: 'files', dockerName: `${app.stackName}_files`, mountPath: '/files', paths: ['keep'], excluded: false },
          { name: 'cache', dockerName: `${app.stackName}_cache`, mountPath: '/cache', excluded: true }
        ]
      }
    ])
  })
})

describe('beyondKeepLast', () => {
  it.each([
    [['c', 'b', 'a'], undefined, []],
    [['c', 'b', 'a'], 5, []],
    [['c', 'b', 'a'], 2, ['a']],
    [['c', 'b', 'a'], 1, ['b', 'a']]
  ])('%j keep %s → delete %j', (ids, keep, want) => {
    expect(beyondKeepLast(ids, keep)).toEqual(want)
  })
})

describe('the plan in French', () => {
  afterEach(() => setLanguage('en'))
  it('explains why there is nothing to back up in the language chosen now, and in English again after', () => {
    setLanguage('fr')
    expect(buildPlan(app, []).explanation).toBe('shop.example.org n’est pas déployée sur rigbox : il n’y a pas de données à sauvegarder sur le serveur. Déployez-la d’abord.')
    expect(buildPlan(app, [service('app', {})]).explanation).toMatch(/^La recette de cette application ne dit pas lesquelles de ses données sauvegarder/)
    setLanguage('en')
    expect(buildPlan(app, []).explanation).toBe('shop.example.org is not deployed on rigbox, so there is no data on the server to back up. Deploy it first.')
  })
})
