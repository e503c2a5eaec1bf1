// "Security" on an available upgrade: the recipe's release notes of the
// versions between the one running and the newest say so. Recipes write
// notes by hand, so this looks for the words maintainers use.
const SECURITY = /\bsecurity\b|\bCVE-\d{4}-\d+|\bvulnerab/i

/** The versions an upgrade from `from` to `to` goes through, `to` included; `versions` newest first, as listVersions gives them. */
export function versionsBetween(versions: readonly string[], from: string | undefined, to: string): string[] {
  const top = versions.indexOf(to)
  if (top === -1) return []
  const bottom = from === undefined ? -1 : versions.indexOf(from)
  return versions.slice(top, bottom === -1 ? top + 1 : bottom)
}

export function notesMentionSecurity(notes: ReadonlyArray<string | undefined>): boolean {
  return notes.some((n) => n !== undefined && SECURITY.test(n))
}
