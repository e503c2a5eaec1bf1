// Recipe versions are git tags shaped "<recipe semver>+<upstream tag>", e.g.
// "2.0.1+1.0.6-social-amd64". abra orders them by the semver part (parsed
// tolerantly: "v2.4.8", "1.2" are fine); the part after "+" only breaks ties.
// Tags that are not versions at all sort after every version, by name, so
// nothing a recipe tags is ever hidden.

interface Parsed {
  core: [number, number, number]
  pre: string
  build: string
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([^+]*))?(?:\+(.*))?$/

export function parseRecipeVersion(tag: string): Parsed | undefined {
  const m = VERSION.exec(tag)
  if (!m) return undefined
  return { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? '', build: m[5] ?? '' }
}

// "1.0.10" after "1.0.9": digit runs compare as numbers.
function natural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}

/** Negative when `a` is older than `b`, as Array.prototype.sort expects. */
export function compareRecipeVersions(a: string, b: string): number {
  const pa = parseRecipeVersion(a)
  const pb = parseRecipeVersion(b)
  if (!pa || !pb) return pa ? -1 : pb ? 1 : natural(a, b)
  for (let i = 0; i < 3; i++) if (pa.core[i] !== pb.core[i]) return pa.core[i] - pb.core[i]
  // semver: a pre-release ("1.0.0-rc1") comes before its release.
  if (pa.pre !== pb.pre) return pa.pre === '' ? 1 : pb.pre === '' ? -1 : natural(pa.pre, pb.pre)
  return natural(pa.build, pb.build) || natural(a, b)
}

/** Versions newest first; tags that are not versions last. */
export function sortVersionsNewestFirst(tags: readonly string[]): string[] {
  const versions = tags.filter((t) => parseRecipeVersion(t))
  const others = tags.filter((t) => !parseRecipeVersion(t)).sort(natural)
  return [...versions.sort((a, b) => compareRecipeVersions(b, a)), ...others]
}
