// Which domains can name an app. Free of Node APIs: the new-app form checks
// as the person types, the contract checks every method that takes a domain,
// and the core checks again before writing anything. The domain becomes a file
// name (~/.abra/servers/<server>/<domain>.env), so this rule is also what keeps
// "../", "/", NUL and look-alike Unicode out of the app's folders.

// Quotes at most a short, printable part of what was typed.
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?')
  return printable.length > 60 ? `${printable.slice(0, 60)}…` : printable
}

/** Why a domain can't name an app, or undefined when it can. */
export function domainProblem(domain: string): string | undefined {
  if (domain.trim() === '') return 'Type the domain the app will answer on, like cloud.example.org.'
  // First, so an overlong value is never echoed back whole.
  if (domain.length > 253) return 'That domain is too long (at most 253 characters).'
  if (/^[a-z]+:\/\//i.test(domain)) return `Type the domain without "${domain.split('//')[0]}//", like cloud.example.org.`
  if (/[\s/\\]/.test(domain)) return `"${shown(domain)}" isn't a domain: it can't contain spaces, "/" or "\\".`
  if (domain !== domain.toLowerCase()) return `Use lower-case letters: ${shown(domain.toLowerCase())}.`
  for (const label of domain.split('.')) {
    if (label === '') return `"${shown(domain)}" isn't a domain: it has an empty part between dots.`
    if (label.length > 63) return `"${shown(label)}" is too long for one part of a domain (at most 63 characters).`
    if (!/^[a-z0-9-]+$/.test(label)) return `"${shown(domain)}" isn't a domain: use only letters, digits, "-" and dots.`
    if (label.startsWith('-') || label.endsWith('-')) return `"${shown(domain)}" isn't a domain: a part can't start or end with "-".`
  }
  return undefined
}

/**
 * Why a domain can't name a new app. Stricter than domainProblem, which every
 * method uses and so must keep accepting apps that already exist: a new app
 * needs a whole address, since "blog" alone can't be reached from anywhere.
 */
export function newDomainProblem(domain: string): string | undefined {
  const problem = domainProblem(domain)
  if (problem) return problem
  if (!domain.includes('.')) return `Type the whole address, with a dot, like ${shown(domain)}.example.org: "${shown(domain)}" alone can’t be reached from the internet.`
  return undefined
}
