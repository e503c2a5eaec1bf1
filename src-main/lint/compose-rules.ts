// Rules about the compose files: their version, health checks, an `app`
// service, traefik, images named, configs vendored and secret names.
import type { LintRule, ParsedRecipe, RuleOutcome } from './model'

const outcome = (failing: string[]): RuleOutcome => (failing.length ? { status: 'fails', items: failing } : { status: 'ok' })

// Swarm stacks in Co-op Cloud are written against compose file format 3.8.
export const EXPECTED_COMPOSE_VERSION = '3.8'

/** Docker refuses secret names past 64 characters; abra names them `<stack (≤45)>_<name>_<version>`, which leaves 12 for the name. */
export const MAX_SECRET_NAME = 12

export const composeRules: LintRule[] = [
  {
    id: 'R001',
    level: 'warn',
    check: (r) => outcome(r.composeFiles.filter((f) => f.version !== EXPECTED_COMPOSE_VERSION).map((f) => `${f.file} (${f.version || '—'})`))
  },
  {
    id: 'R002',
    level: 'warn',
    check: (r) => outcome(r.services.filter((s) => !s.hasHealthcheck).map((s) => s.name))
  },
  {
    id: 'R008',
    level: 'error',
    check: (r) => outcome(r.files.has('.env.sample') ? [] : ['.env.sample'])
  },
  {
    id: 'R009',
    level: 'error',
    check: (r) => outcome(r.services.some((s) => s.name === 'app') ? [] : ['app'])
  },
  {
    id: 'R010',
    level: 'error',
    // A recipe whose .env.sample has no DOMAIN serves no website (a backup
    // bot, a mail relay): it has nothing for traefik to route.
    check: (r) => {
      if (!hasDomain(r)) return { status: 'skipped' }
      return r.services.some((s) => s.deployLabels['traefik.enable'] === 'true') ? { status: 'ok' } : { status: 'fails' }
    }
  },
  {
    id: 'R011',
    level: 'error',
    check: (r) => outcome(r.services.filter((s) => !s.image).map((s) => s.name))
  },
  {
    id: 'R012',
    level: 'error',
    // Config versions live in abra.sh so that a changed config file gets a
    // new name and swarm takes it (configs can't be changed in place).
    check: (r) => {
      const usesConfigs = r.configs.length > 0 || r.services.some((s) => s.configs.length > 0)
      if (!usesConfigs) return { status: 'ok' }
      if (!r.files.has('abra.sh')) return { status: 'fails', items: ['abra.sh'] }
      const missing = [...new Set(r.configs.flatMap((c) => c.versionVars))].filter((v) => !r.abraShExports.includes(v))
      return outcome(missing)
    }
  },
  {
    id: 'R015',
    level: 'error',
    check: (r) => outcome(r.secrets.filter((s) => s.length > MAX_SECRET_NAME))
  }
]

function hasDomain(r: ParsedRecipe): boolean {
  const sample = r.files.get('.env.sample')
  return sample !== undefined && /^[ \t]*#?[ \t]*(?:export[ \t]+)?DOMAIN[ \t]*=/m.test(sample)
}
