import { describe, expect, it } from 'vitest'
import { abraLabelKeys, withAbraLabels } from '../../src-main/compose/abra-labels'
import type { StackObjects } from '../../src-main/compose/objects'

const objects = (): StackObjects => ({
  namespace: 'cloud_example_org',
  networks: [],
  externalNetworks: ['proxy'],
  secrets: [],
  externalSecrets: [],
  configs: [],
  externalConfigs: [],
  services: [
    {
      name: 'cloud_example_org_app',
      spec: {
        Name: 'cloud_example_org_app',
        Labels: { 'com.docker.stack.namespace': 'cloud_example_org', 'coop-cloud.cloud_example_org.version': '1.2.0+3.4' },
        TaskTemplate: { ContainerSpec: { Image: 'nginx:1', Labels: { 'com.docker.stack.namespace': 'cloud_example_org' } } }
      }
    },
    { name: 'cloud_example_org_db', spec: { Name: 'cloud_example_org_db', Labels: { 'com.docker.stack.namespace': 'cloud_example_org' }, TaskTemplate: { ContainerSpec: { Image: 'postgres:16' } } } }
  ]
})

describe('withAbraLabels', () => {
  it('labels only the app service, on the service (deploy.labels), as abra deploy does', () => {
    const input = objects()
    const out = withAbraLabels(input, { stackName: 'cloud_example_org', recipe: 'nextcloud', version: '1.3.0+3.5', chaos: false })
    expect(out.services[0].spec.Labels).toEqual({
      'com.docker.stack.namespace': 'cloud_example_org',
      'coop-cloud.cloud_example_org.recipe': 'nextcloud',
      'coop-cloud.cloud_example_org.chaos': 'false',
      'coop-cloud.cloud_example_org.version': '1.3.0+3.5'
    })
    // Containers and other services untouched; the input is not modified.
    expect((out.services[0].spec.TaskTemplate as { ContainerSpec: { Labels: object } }).ContainerSpec.Labels).toEqual({ 'com.docker.stack.namespace': 'cloud_example_org' })
    expect(out.services[1]).toBe(input.services[1])
    expect(input.services[0].spec.Labels).not.toHaveProperty('coop-cloud.cloud_example_org.recipe')
  })

  it('on a chaos deploy: chaos-version is set and the recipe’s own version label is kept', () => {
    const out = withAbraLabels(objects(), { stackName: 'cloud_example_org', recipe: 'nextcloud', version: 'ignored', chaos: true, chaosVersion: '3f2a9c1d+U' })
    expect(out.services[0].spec.Labels).toMatchObject({
      'coop-cloud.cloud_example_org.chaos': 'true',
      'coop-cloud.cloud_example_org.chaos-version': '3f2a9c1d+U',
      'coop-cloud.cloud_example_org.version': '1.2.0+3.4'
    })
    const bare = objects()
    delete (bare.services[0].spec.Labels as Record<string, string>)['coop-cloud.cloud_example_org.version']
    expect(withAbraLabels(bare, { stackName: 'cloud_example_org', recipe: 'r', version: 'x', chaos: true, chaosVersion: 'abc' }).services[0].spec.Labels).toMatchObject({
      'coop-cloud.cloud_example_org.version': ''
    })
  })

  it('leaves a recipe without an app service alone, and creates Labels where there were none', () => {
    const noApp = { ...objects(), services: [objects().services[1]] }
    expect(withAbraLabels(noApp, { stackName: 's', recipe: 'r', version: '1', chaos: false })).toEqual(noApp)
    const unlabelled = objects()
    delete unlabelled.services[0].spec.Labels
    expect(withAbraLabels(unlabelled, { stackName: 'cloud_example_org', recipe: 'r', version: '1', chaos: false }).services[0].spec.Labels).toEqual({
      'coop-cloud.cloud_example_org.recipe': 'r',
      'coop-cloud.cloud_example_org.chaos': 'false',
      'coop-cloud.cloud_example_org.version': '1'
    })
  })

  it('names the keys', () => {
    expect(abraLabelKeys('a_b')).toEqual({
      recipe: 'coop-cloud.a_b.recipe',
      chaos: 'coop-cloud.a_b.chaos',
      chaosVersion: 'coop-cloud.a_b.chaos-version',
      version: 'coop-cloud.a_b.version'
    })
  })
})
