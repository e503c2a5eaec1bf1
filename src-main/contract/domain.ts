import { words } from './words'

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
  if (domain.trim() === '') return words('domain.empty')
  // First, so an overlong value is never echoed back whole.
  if (domain.length > 253) return words('domain.tooLong')
  if (/^[a-z]+:\/\//i.test(domain)) return words('domain.scheme', { scheme: domain.split('//')[0] ?? '' })
  if (/[\s/\\]/.test(domain)) return words('domain.spaces', { domain: shown(domain) })
  if (domain !== domain.toLowerCase()) return words('domain.lowerCase', { domain: shown(domain.toLowerCase()) })
  for (const label of domain.split('.')) {
    if (label === '') return words('domain.emptyPart', { domain: shown(domain) })
    if (label.length > 63) return words('domain.partTooLong', { part: shown(label) })
    if (!/^[a-z0-9-]+$/.test(label)) return words('domain.chars', { domain: shown(domain) })
    if (label.startsWith('-') || label.endsWith('-')) return words('domain.dashes', { domain: shown(domain) })
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
  if (!domain.includes('.')) return words('domain.whole', { domain: shown(domain) })
  return undefined
}
