// Rules about images: tagged, with stable, semver-like tags, and (when the
// registry answers) published.
import { isSemverLikeTag, isUnstableTag, parseImage, type ImageRef } from './images'
import type { LintRule, ParsedRecipe, RuleOutcome } from './model'

const outcome = (failing: string[]): RuleOutcome => (failing.length ? { status: 'fails', items: failing } : { status: 'ok' })

/** Every service's image, parsed (undefined when it isn't a valid reference). */
export function imagesOf(r: ParsedRecipe): Array<{ service: string; image: string; ref?: ImageRef }> {
  return r.services.flatMap((s) => (s.image ? [{ service: s.name, image: s.image, ref: parseImage(s.image) }] : []))
}

/** What the registry is asked for: the tag, else the digest, else Docker's default "latest". */
export function registryKey(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}:${ref.tag ?? ref.digest ?? 'latest'}`
}

const tagged = (r: ParsedRecipe) => imagesOf(r).filter((i) => i.ref?.tag !== undefined) as Array<{ service: string; image: string; ref: ImageRef & { tag: string } }>

export const imageRules: LintRule[] = [
  {
    id: 'R003',
    level: 'warn',
    // A digest pins an image as well as a tag does; an invalid reference pins nothing.
    check: (r) => outcome(imagesOf(r).filter((i) => !i.ref || (i.ref.tag === undefined && i.ref.digest === undefined)).map((i) => `${i.service}: ${i.image}`))
  },
  {
    id: 'R004',
    level: 'warn',
    check: (r) => outcome(tagged(r).filter((i) => isUnstableTag(i.ref.tag)).map((i) => `${i.service}: ${i.image}`))
  },
  {
    id: 'R005',
    level: 'warn',
    // A moving tag ("latest") is R004's to report; this one reads the others.
    check: (r) => outcome(tagged(r).filter((i) => !isUnstableTag(i.ref.tag) && !isSemverLikeTag(i.ref.tag)).map((i) => `${i.service}: ${i.image}`))
  },
  {
    id: 'D001',
    level: 'error',
    check: (r, facts) => {
      if (!facts.registry) return { status: 'skipped', items: ['not-asked'] }
      const refs = imagesOf(r).flatMap((i) => (i.ref ? [{ ...i, key: registryKey(i.ref) }] : []))
      const absent = refs.filter((i) => facts.registry?.get(i.key) === 'absent').map((i) => `${i.service}: ${i.image}`)
      if (absent.length) return { status: 'fails', items: absent }
      const unreachable = [...new Set(refs.filter((i) => facts.registry?.get(i.key) !== 'present').map((i) => i.ref?.registry ?? ''))]
      return unreachable.length ? { status: 'skipped', items: unreachable } : { status: 'ok' }
    }
  }
]
