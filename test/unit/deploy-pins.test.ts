import { describe, expect, it } from 'vitest'
import { pinsOf, refuseChangedState, resolutionsFromPins, serverStateOf, stateChange } from '../../src-main/apps/deploy-render'
import type { ImageResolution } from '../../src-main/compose/apply'
import type { StackObjects } from '../../src-main/compose/objects'
import { ApiError } from '../../src-main/contract/errors'
import { setLanguage } from '../../src-main/i18n/i18n'

// The preview's image pins and the fingerprint that covers them
// (apps/deploy-render.ts): pins the preview did not make never match.
const sent = (image: string): StackObjects => ({
  namespace: 'web',
  networks: [],
  externalNetworks: [],
  secrets: [],
  externalSecrets: [],
  configs: [],
  externalConfigs: [],
  services: [
    { name: 'web_app', spec: { Name: 'web_app', TaskTemplate: { ContainerSpec: { Image: image } } } },
    { name: 'web_db', spec: { Name: 'web_db', TaskTemplate: { ContainerSpec: { Image: 'db:1' } } } }
  ]
})
const services = [{ ID: 'a', Version: { Index: 3 }, Spec: { Name: 'web_app' } }]
const digest = `sha256:${'a'.repeat(64)}`
const pin = `reg.example/app:1@${digest}`

describe('the fingerprint with image pins', () => {
  it('changes its third part, and only it, when the pins change; the same inputs give the same fingerprint', () => {
    const a = serverStateOf(services, sent('reg.example/app:1'), { web_app: pin })
    expect(a).toHaveLength(36)
    expect(serverStateOf(services, sent('reg.example/app:1'), { web_app: pin })).toBe(a)
    const forged = serverStateOf(services, sent('reg.example/app:1'), { web_app: `reg.example/app:1@sha256:${'b'.repeat(64)}` })
    expect(forged.slice(0, 24)).toBe(a.slice(0, 24))
    expect(forged.slice(24)).not.toBe(a.slice(24))
    expect(stateChange(a, forged)).toBe('pins')
    expect(stateChange(a, serverStateOf(services, sent('reg.example/app:2'), { web_app: pin }))).toBe('sent')
    expect(stateChange(a, serverStateOf([], sent('reg.example/app:1'), { web_app: pin }))).toBe('services')
  })

  it('refuses pins the preview did not make in words; without pins, the pins part is not compared', () => {
    setLanguage('en')
    const a = serverStateOf(services, sent('reg.example/app:1'), { web_app: pin })
    const none = serverStateOf(services, sent('reg.example/app:1'))
    expect(() => refuseChangedState({ domain: 'web.example' }, a, a, true)).not.toThrow()
    expect(() => refuseChangedState({ domain: 'web.example' }, a, none, false)).not.toThrow()
    let err: unknown
    try {
      refuseChangedState({ domain: 'web.example' }, a, none, true)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('server-changed')
    expect((err as ApiError).message).toContain('the images to send are not the ones the preview found')
    setLanguage('fr')
    try {
      expect(() => refuseChangedState({ domain: 'web.example' }, a, none, true)).toThrow('les images à envoyer ne sont pas celles que l’aperçu a trouvées')
    } finally {
      setLanguage('en')
    }
  })
})

describe('the registry answers rebuilt from pins', () => {
  it('pins as previewed with their platforms, the unpinned sent by tag, and undefined for a pin this process never made', () => {
    const platforms = [{ Architecture: 'amd64', OS: 'linux' }]
    const answers = new Map<string, ImageResolution>([
      ['web_app', { pinned: pin, platforms }],
      ['web_db', { platforms: [], problem: 'manifest unknown' }]
    ])
    const pins = pinsOf(answers)
    expect(pins).toEqual({ web_app: pin })
    const rebuilt = resolutionsFromPins(sent('reg.example/app:1'), pins)
    expect(rebuilt?.get('web_app')).toEqual({ pinned: pin, platforms })
    expect(rebuilt?.get('web_db')?.pinned).toBeUndefined()
    expect(resolutionsFromPins(sent('reg.example/app:1'), { web_app: `reg.example/app:1@sha256:${'c'.repeat(64)}` })).toBeUndefined()
  })
})
