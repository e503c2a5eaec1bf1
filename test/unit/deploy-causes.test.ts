import { afterEach, describe, expect, it } from 'vitest'
import { causeOfError, deployCause, exitCodeOf, registryOf } from '../../src-main/apps/deploy-causes'
import { outcomeWords } from '../../src-main/apps/deploy-words'
import type { ServiceStatus } from '../../src-main/contract/apps'
import { setLanguage } from '../../src-main/i18n/i18n'

// The task errors are the ones the rig's Docker gives (see test/integration/deploy-causes.test.ts).
const s = (over: Partial<ServiceStatus>): ServiceStatus => ({
  name: 'app',
  fullName: 'web_app',
  image: 'ghcr.io/example/web:1.2',
  desired: 1,
  running: 0,
  health: 'none',
  restarts: 3,
  words: 'Keeps crashing',
  status: 'failed',
  ...over
})
const base = { domain: 'web.example.org', version: 'v3.0.0', previous: 'v2.0.0', timeoutSeconds: 50 }

describe('causeOfError', () => {
  it.each([
    ['No such image: 127.0.0.1:1/nope:1', 'download'],
    ['pull access denied for nope, repository does not exist or may require authentication', 'download'],
    ['manifest for ghcr.io/x/y:9 not found: manifest unknown', 'download'],
    ['failed to register layer: write /var/lib/docker/x: no space left on device', 'disk-full'],
    ['no suitable node (scheduling constraints not satisfied on 1 node)', 'placement'],
    ['no suitable node (insufficient resources on 1 node)', 'placement'],
    ['task: non-zero exit (3)', 'exits'],
    ['task: non-zero exit (137): dockerexec: unhealthy container', 'health'],
    ['something nobody has seen', undefined],
    [undefined, undefined]
  ])('%s → %s', (err, cause) => {
    expect(causeOfError(err)).toBe(cause)
  })
})

describe('deployCause', () => {
  it('reads the failed service, else the first one short of tasks', () => {
    expect(deployCause('failed', [], s({ error: 'No such image: x:1' }))).toBe('download')
    expect(deployCause('timed-out', [s({ name: 'db', running: 1 }), s({ error: 'no suitable node (insufficient resources on 1 node)', restarts: 0 })])).toBe('placement')
  })
  it('tells a slow start from a crash that left no error', () => {
    expect(deployCause('timed-out', [s({ restarts: 0, words: 'Starting (0 of 1)' })])).toBe('timeout')
    expect(deployCause('failed', [], s({ restarts: 3 }))).toBe('exits')
    expect(deployCause('failed', [], s({ restarts: 0, health: 'unhealthy' }))).toBe('health')
    expect(deployCause('failed', [], s({ restarts: 0 }))).toBe('unknown')
  })
  it('has no cause for a deploy that did not fail', () => {
    expect(deployCause('done', [s({})])).toBeUndefined()
    expect(deployCause('cancelled', [s({})])).toBeUndefined()
  })
})

describe('registryOf and exitCodeOf', () => {
  it('names the registry host, or Docker Hub for a plain name', () => {
    expect(registryOf('127.0.0.1:1/nope:1')).toBe('127.0.0.1:1')
    expect(registryOf('ghcr.io/example/web:1.2')).toBe('ghcr.io')
    expect(registryOf('nginx:1.25')).toBe('Docker Hub')
    expect(registryOf('library/nginx')).toBe('Docker Hub')
  })
  it('reads the exit code', () => {
    expect(exitCodeOf('task: non-zero exit (3)')).toBe(3)
    expect(exitCodeOf('no suitable node')).toBeUndefined()
  })
})

describe('outcomeWords by cause', () => {
  it('a missing image: names the software and where it comes from, and sends nobody to logs or settings', () => {
    const w = outcomeWords({ ...base, phase: 'failed', services: [], problem: s({ error: 'No such image: ghcr.io/example/web:1.2' }) })
    expect(w.cause).toBe('download')
    expect(w.summary).toBe(
      'Version v3.0.0 of web.example.org did not start: the server could not download the software app needs (ghcr.io/example/web:1.2, from ghcr.io). Either that name or version does not exist, or the server could not reach the place it is downloaded from.'
    )
    expect(w.next).toMatch(/there are no logs, and the app's settings can't change this/)
    expect(w.next).toContain('go back to version v2.0.0')
    expect(w.next).not.toMatch(/look at the app's logs|fix its settings/i)
  })
  it('a full disk asks for space on the server', () => {
    const w = outcomeWords({ ...base, phase: 'failed', services: [], problem: s({ error: 'write /var/lib/docker: no space left on device' }) })
    expect([w.cause, w.summary]).toEqual(['disk-full', "Version v3.0.0 of web.example.org did not start: the server's disk is full, so it could not download or start app."])
    expect(w.next).toMatch(/^Free some space on the server/)
  })
  it('an app that exits points at its logs, where the reason is', () => {
    const w = outcomeWords({ ...base, phase: 'failed', services: [], problem: s({ error: 'task: non-zero exit (3)' }) })
    expect([w.cause, w.summary]).toEqual(['exits', 'Version v3.0.0 of web.example.org did not start: app starts and then stops (exit code 3), again and again.'])
    expect(w.next).toMatch(/^Its logs usually say why/)
  })
  it('a failing health check, rolled back: says why and no longer offers the rollback', () => {
    const w = outcomeWords({ ...base, phase: 'rolled-back', services: [s({ running: 1, status: 'running' })], problem: s({ error: 'task: non-zero exit (137): dockerexec: unhealthy container' }) })
    expect(w.cause).toBe('health')
    expect(w.summary).toBe(
      'Version v3.0.0 of web.example.org did not start, so the server went back to version v2.0.0, which is running. Why: app starts, but its health check keeps failing, so the server stops it and tries again.'
    )
    expect(w.next).toMatch(/^Your app is still on version v2\.0\.0\. Its logs usually say what is wrong/)
    expect(w.next).not.toContain('Roll back')
  })
  it('no server can run it: constraint and resources get different next steps', () => {
    const c = outcomeWords({ ...base, phase: 'timed-out', services: [s({ restarts: 0, status: 'attention', error: 'no suitable node (scheduling constraints not satisfied on 1 node)' })] })
    expect(c.cause).toBe('placement')
    expect(c.summary).toBe(
      'Version v3.0.0 of web.example.org did not start within 50 seconds: no server is allowed to run app: the recipe says it may only run on a server marked in a certain way (a placement constraint), and none is.'
    )
    expect(c.next).toContain('node label')
    const r = outcomeWords({ ...base, phase: 'timed-out', services: [s({ restarts: 0, status: 'attention', error: 'no suitable node (insufficient resources on 1 node)' })] })
    expect(r.summary).toMatch(/no server has enough free memory or processor for app/)
    expect(r.next).toMatch(/^Stop or remove another app/)
  })
  it('a slow start says it may still be starting', () => {
    const w = outcomeWords({ ...base, phase: 'timed-out', services: [s({ restarts: 0, status: 'updating', words: 'Starting (checking its health)', health: 'starting' })] })
    expect(w.cause).toBe('timeout')
    expect(w.summary).toBe('Version v3.0.0 of web.example.org did not finish starting within 50 seconds: app (starting (checking its health)).')
    expect(w.next).toMatch(/^It may still be starting/)
  })
})

describe('outcomeWords in French', () => {
  afterEach(() => setLanguage('en'))
  it('says why a deploy failed in the language chosen now, and back in English after', () => {
    const failed = () => outcomeWords({ ...base, phase: 'failed', services: [], problem: s({ error: 'No such image: ghcr.io/example/web:1.2' }) })
    setLanguage('fr')
    const fr = failed()
    expect(fr.cause).toBe('download')
    expect(fr.summary).toBe(
      'La version v3.0.0 de web.example.org n’a pas démarré : le serveur n’a pas pu télécharger le logiciel dont app a besoin (ghcr.io/example/web:1.2, depuis ghcr.io). Soit ce nom ou cette version n’existe pas, soit le serveur n’a pas pu joindre l’endroit d’où il se télécharge.'
    )
    expect(fr.next).toContain('En attendant, votre application peut revenir à la version v2.0.0 (Revenir en arrière).')
    setLanguage('en')
    expect(failed().summary).toMatch(/^Version v3\.0\.0 of web\.example\.org did not start: the server could not download the software app needs/)
  })
})
