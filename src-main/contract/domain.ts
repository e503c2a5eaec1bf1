// Which domains can name an app. Free of Node APIs: the new-app form checks
// as the person types, and the core checks again before writing anything.

/** Why a domain can't name an app, or undefined when it can. */
export function domainProblem(domain: string): string | undefined {
  if (domain.trim() === '') return 'Type the domain the app will answer on, like cloud.example.org.'
  if (/^[a-z]+:\/\//i.test(domain)) return `Type the domain without "${domain.split('//')[0]}//", like cloud.example.org.`
  if (/[\s/]/.test(domain)) return `"${domain}" isn't a domain: it can't contain spaces or "/".`
  if (domain !== domain.toLowerCase()) return `Use lower-case letters: ${domain.toLowerCase()}.`
  if (domain.length > 253) return 'That domain is too long (at most 253 characters).'
  for (const label of domain.split('.')) {
    if (label === '') return `"${domain}" isn't a domain: it has an empty part between dots.`
    if (label.length > 63) return `"${label}" is too long for one part of a domain (at most 63 characters).`
    if (!/^[a-z0-9-]+$/.test(label)) return `"${domain}" isn't a domain: use only letters, digits, "-" and dots.`
    if (label.startsWith('-') || label.endsWith('-')) return `"${domain}" isn't a domain: a part can't start or end with "-".`
  }
  return undefined
}
