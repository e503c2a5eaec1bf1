import { afterEach, describe, expect, it } from 'vitest'
import { pullProblemOf } from '../../src-main/apps/pull-check'
import { outcomeWords } from '../../src-main/apps/deploy-words'
import type { ServiceStatus } from '../../src-main/contract/apps'
import { setLanguage } from '../../src-main/i18n/i18n'

// What the engine answers to GET /distribution/<image>/json when it can't
// (the first four as the rig's Docker 20.10 and docker-registry 2.8 say them;
// see test/integration/registry-deploy.test.ts), sorted into what a person can act on.
describe('pullProblemOf', () => {
  it.each([
    ['manifest unknown: manifest unknown', 'missing'],
    ['Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'unreachable'],
    ['Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host', 'unreachable'],
    ['no answer within 10 seconds (timeout)', 'unreachable'],
    ['pull access denied for nope, repository does not exist or may require \'docker login\'', 'missing'],
    ['errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n', 'missing'],
    ['Get "https://ghcr.io/v2/": net/http: TLS handshake timeout', 'unreachable'],
    ['something nobody has seen', undefined]
  ])('%s → %s', (message, problem) => {
    expect(pullProblemOf(message)).toBe(problem)
  })
})

const service = (pull: ServiceStatus['pull']): ServiceStatus => ({
  name: 'app',
  fullName: 'web_app',
  image: 'git.example.org:5000/web/app:9.9',
  desired: 1,
  running: 0,
  health: 'none',
  restarts: 2,
  failedStarts: 2,
  error: 'No such image: git.example.org:5000/web/app:9.9',
  pull,
  words: "Its software can't be downloaded",
  status: 'failed'
})
const base = { domain: 'web.example.org', version: 'v3.0.0', previous: 'v2.0.0', timeoutSeconds: 50 }

describe('the words for an image that could not be pulled', () => {
  afterEach(() => setLanguage('en'))

  it('a tag the registry does not have: says so, and that the connection works', () => {
    const app = service({ problem: 'missing', detail: 'manifest unknown' })
    const w = outcomeWords({ ...base, phase: 'failed', services: [app], problem: app })
    expect(w.cause).toBe('download')
    expect(w.summary).toBe(
      "Version v3.0.0 of web.example.org did not start: this version's image could not be downloaded: the registry says it doesn't exist (git.example.org:5000/web/app:9.9, on git.example.org:5000). The registry answered, so the server's internet connection works."
    )
    expect(w.next).toMatch(/choose another version, and tell the recipe's maintainers\. Your app can go back to version v2\.0\.0 meanwhile \(Roll back\)\.$/)
  })

  it('a registry nobody answers at: says so, with the reason, and what to check', () => {
    const app = service({ problem: 'unreachable', detail: 'no such host' })
    const w = outcomeWords({ ...base, phase: 'rolled-back', services: [app], problem: app })
    expect(w.summary).toContain("Why: the server could not download the software app needs (git.example.org:5000/web/app:9.9, from git.example.org:5000): the server couldn't reach the image registry (no such host).")
    expect(w.next).toContain("Check the server's internet connection and the registry's address (git.example.org:5000), then try again.")
    setLanguage('fr')
    const fr = outcomeWords({ ...base, phase: 'failed', services: [app], problem: app })
    expect(fr.summary).toContain('le serveur n’a pas pu joindre le registre d’images (no such host)')
    expect(fr.next).toContain('Vérifiez la connexion internet du serveur et l’adresse du registre (git.example.org:5000)')
  })

  it('without an answer from the registry: the general words, as before', () => {
    const app = service(undefined)
    const w = outcomeWords({ ...base, phase: 'failed', services: [app], problem: app })
    expect(w.summary).toContain('Either that name or version does not exist, or the server could not reach the place it is downloaded from.')
  })
})
