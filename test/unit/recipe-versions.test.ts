import { describe, expect, it } from 'vitest'
import { compareRecipeVersions, parseRecipeVersion, sortVersionsNewestFirst } from '../../src-main/recipes/versions'
import { compareVersionNames } from '../rig/git-server.mjs'

describe('recipe versions', () => {
  it('sorts abra versions newest first by their semver part', () => {
    expect(sortVersionsNewestFirst(['1.0.0+1.0.5-social-amd64', '2.0.1+1.0.6-social-amd64', '2.0.0+1.0.5-social-amd64']))
      .toEqual(['2.0.1+1.0.6-social-amd64', '2.0.0+1.0.5-social-amd64', '1.0.0+1.0.5-social-amd64'])
  })

  it.each([
    ['1.0.9+x', '1.0.10+x'], // numbers, not strings
    ['1.9.0+x', '1.10.0+x'],
    ['9.0.0+x', '10.0.0+x'],
    ['v2.4.8', 'v2.4.9'], // a leading v is tolerated
    ['1.2', '1.2.1'], // missing parts count as 0
    ['1.0.0-rc1+x', '1.0.0+x'], // pre-release before release
    ['1.0.0-rc2', '1.0.0-rc10'],
    ['1.0.0+1.2.9', '1.0.0+1.2.10'], // same recipe version: the upstream tag decides
    ['3.0.0+a', 'main'], // not a version: after every version
    ['latest', 'main']
  ])('%s is older than %s', (older, newer) => {
    expect(compareRecipeVersions(older, newer)).toBeLessThan(0)
    expect(compareRecipeVersions(newer, older)).toBeGreaterThan(0)
  })

  it('keeps tags that are not versions, after the versions', () => {
    expect(sortVersionsNewestFirst(['wip', '0.1.0+1', 'backup', '0.2.0+1'])).toEqual(['0.2.0+1', '0.1.0+1', 'backup', 'wip'])
  })

  it('splits a version into recipe semver, pre-release and upstream tag', () => {
    expect(parseRecipeVersion('2.0.1-beta+1.0.6-social-amd64')).toEqual({ core: [2, 0, 1], pre: 'beta', build: '1.0.6-social-amd64' })
    expect(parseRecipeVersion('main')).toBeUndefined()
  })

  it('orders the fixture version folders the same way', () => {
    const tags = ['2.0.0+1.0.5-social-amd64', 'v2.4.8', '1.0.0+1.0.5-social-amd64', '1.0.10+z', '2.0.1+1.0.6-social-amd64']
    expect([...tags].sort(compareVersionNames)).toEqual(sortVersionsNewestFirst(tags).reverse())
  })
})
