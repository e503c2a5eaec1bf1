// The image tag the docker client adds (imageWithTagString) and Go's sort
// order, which convert reproduces. EMPIRICAL = the docker client sent it so.

import { describe, expect, it } from 'vitest'
import { imageWithTag } from '../../src-main/compose/convert/image'
import { goCompare, goSortSlice } from '../../src-main/compose/convert/gosort'

describe('imageWithTag', () => {
  const digest = 'sha256:' + 'ab'.repeat(32)
  it.each([
    ['busybox', 'busybox:latest'], // EMPIRICAL
    ['busybox:1.36', 'busybox:1.36'],
    ['docker.io/library/busybox:1.36', 'busybox:1.36'], // EMPIRICAL
    ['index.docker.io/library/busybox', 'busybox:latest'],
    ['library/busybox', 'busybox:latest'],
    ['bonfirenetworks/bonfire:1.0.6-social-amd64', 'bonfirenetworks/bonfire:1.0.6-social-amd64'],
    ['docker.io/bonfirenetworks/bonfire', 'bonfirenetworks/bonfire:latest'],
    ['ghcr.io/foo/bar', 'ghcr.io/foo/bar:latest'], // EMPIRICAL
    ['localhost/foo', 'localhost/foo:latest'],
    ['localhost:5000/foo/bar:v1', 'localhost:5000/foo/bar:v1'],
    ['ccd-busybox:test', 'ccd-busybox:test'], // EMPIRICAL
    [`busybox@${digest}`, `busybox@${digest}`],
    [`busybox:1.36@${digest}`, `busybox:1.36@${digest}`],
    ['Bad/Image', 'Bad/Image'], // EMPIRICAL: unparsable, sent as is
    ['busybox@sha256:short', 'busybox@sha256:short'],
    ['a'.repeat(64), 'a'.repeat(64)],
    ['', ''],
    ['foo__bar-baz.qux:tag', 'foo__bar-baz.qux:tag'],
    ['a' + '-'.repeat(40) + '!', 'a' + '-'.repeat(40) + '!']
  ])('%s → %s', (image, expected) => {
    expect(imageWithTag(image)).toBe(expected)
  })

  it('is idempotent', () => {
    for (const image of ['busybox', 'docker.io/library/busybox', 'ghcr.io/foo/bar']) expect(imageWithTag(imageWithTag(image))).toBe(imageWithTag(image))
  })
})

describe('Go ordering', () => {
  it('compares strings by UTF-8 bytes (code points), not UTF-16 units', () => {
    expect(['b', 'B', '_', 'a'].sort(goCompare)).toEqual(['B', '_', 'a', 'b'])
    // U+FF5E (BMP, above the surrogates) sorts before U+1F600 in UTF-8 but after it in UTF-16.
    expect(['\u{1F600}', '\uFF5E'].sort(goCompare)).toEqual(['\uFF5E', '\u{1F600}'])
  })

  it('sort.Slice is an insertion sort, hence stable, up to 12 elements', () => {
    const list = Array.from({ length: 12 }, (_, i) => ({ k: i % 3, i }))
    goSortSlice(list, (a, b) => a.k < b.k)
    expect(list.map((x) => x.i)).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11])
  })

  it('sort.Slice sorts larger inputs', () => {
    const list = Array.from({ length: 500 }, (_, i) => (i * 7919) % 503)
    goSortSlice(list, (a, b) => a < b)
    expect(list).toEqual([...list].sort((a, b) => a - b))
  })
})
