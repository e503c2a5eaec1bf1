import { describe, expect, it } from 'vitest'
import { EARLIER_VERSION_LABEL, earlierToOffer, earlierVersionFor, withEarlierVersion } from '../../src-main/apps/earlier-version'
import { summarize } from '../../src-main/apps/list-match'
import type { SwarmService } from '../../src-main/apps/status'
import type { StackObjects } from '../../src-main/compose/objects'

const V = 'coop-cloud.a_org.version'
const labels = (version?: string, earlier?: string): Record<string, string> => ({
  ...(version ? { [V]: version } : {}),
  ...(earlier ? { [EARLIER_VERSION_LABEL]: earlier } : {})
})

describe('the version an app can go back to', () => {
  it('records the version a deploy replaces, and keeps the record on a redeploy at the same version', () => {
    expect(earlierVersionFor(undefined, 'a_org', 'v1.0.0')).toBeUndefined()
    expect(earlierVersionFor(labels('v1.0.0'), 'a_org', 'v2.0.0')).toBe('v1.0.0')
    expect(earlierVersionFor(labels('v2.0.0', 'v1.0.0'), 'a_org', 'v2.0.0')).toBe('v1.0.0')
    expect(earlierVersionFor(labels('v2.0.0', 'v1.0.0'), 'a_org', 'v3.0.0')).toBe('v2.0.0')
  })

  it('offers only an older version than the one running', () => {
    expect(earlierToOffer('v1.0.0', 'v2.0.0')).toBe('v1.0.0')
    // After going back from v2 to v1, v2 is recorded: that is an upgrade, not a way back.
    expect(earlierToOffer('v2.0.0', 'v1.0.0')).toBeUndefined()
    expect(earlierToOffer('v1.0.0', 'v1.0.0')).toBeUndefined()
    expect(earlierToOffer(undefined, 'v1.0.0')).toBeUndefined()
  })

  it('labels only the main service, keeping its other labels', () => {
    const objects = {
      namespace: 'a_org',
      services: [
        { name: 'a_org_app', spec: { Name: 'a_org_app', Labels: { [V]: 'v2.0.0' } } },
        { name: 'a_org_db', spec: { Name: 'a_org_db' } }
      ]
    } as unknown as StackObjects
    const out = withEarlierVersion(objects, 'v1.0.0')
    expect(out.services[0].spec.Labels).toEqual({ [V]: 'v2.0.0', [EARLIER_VERSION_LABEL]: 'v1.0.0' })
    expect(out.services[1].spec.Labels).toBeUndefined()
    expect(objects.services[0].spec.Labels).toEqual({ [V]: 'v2.0.0' })
    expect(withEarlierVersion(objects, undefined)).toBe(objects)
  })

  it('puts the way back in the app’s summary only when there is one', () => {
    const svc = (l: Record<string, string>): SwarmService =>
      ({ ID: 's1', Spec: { Name: 'a_org_app', Labels: { 'com.docker.stack.namespace': 'a_org', ...l }, Mode: { Replicated: { Replicas: 1 } } } }) as SwarmService
    const app = { server: 'rigbox', domain: 'a.org', envFile: '/x/a.org.env', stackName: 'a_org', version: 'v2.0.0' }
    expect(summarize(app, { services: [svc(labels('v2.0.0', 'v1.0.0'))], tasks: [] }, true).earlierVersion).toBe('v1.0.0')
    expect(summarize(app, { services: [svc(labels('v2.0.0'))], tasks: [] }, true).earlierVersion).toBeUndefined()
    expect(summarize(app, { services: [svc(labels('v1.0.0', 'v2.0.0'))], tasks: [] }, true).earlierVersion).toBeUndefined()
  })
})
