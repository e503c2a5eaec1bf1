import fs from 'node:fs/promises'
import { appEnvPath } from '../apps/env-file'
import type { Core } from '../core/core'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'

export interface AppRef {
  server: string
  domain: string
}

// abra finds an app by its domain alone: the server is the folder holding
// <domain>.env, so --server is only needed to pick between two.
export async function findApp(core: Core, domain: string | undefined, server: string | undefined): Promise<AppRef> {
  if (!domain) throw new UsageError(t('cli.app.giveDomain'))
  if (server) return { server, domain }
  let servers: string[] = []
  try {
    servers = (await fs.readdir(core.paths.serversDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)
  } catch {
    // No servers folder yet: no apps either.
  }
  const owners: string[] = []
  for (const s of servers.sort()) {
    let file: string
    try {
      file = appEnvPath(core.paths, s, domain)
    } catch {
      continue // a name or symlink leading outside ~/.abra/servers is no app
    }
    if (await exists(file)) owners.push(s)
  }
  if (owners.length === 1) return { server: owners[0], domain }
  if (owners.length > 1) {
    throw new CliError({ code: 'app-ambiguous', message: t('cli.app.ambiguous', { domain, servers: owners.join(', ') }) })
  }
  throw new CliError({ code: 'app-unknown', message: `There is no app called ${domain}. See your apps with: coopcloud-desktop app ls` })
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n')
}

// Shown once, on stdout so they can be piped somewhere safe; the warning goes
// to stderr so it never ends up in that file.
export async function printSecretValues(secrets: Array<{ name: string; swarmName: string; value?: string }>, write: (text: string, stream?: NodeJS.WriteStream) => Promise<void>): Promise<void> {
  const shown = secrets.filter((s) => s.value !== undefined)
  if (shown.length === 0) return
  await write(t('cli.app.secretsOnce'), process.stderr)
  await write(shown.map((s) => `${s.name}=${s.value}`).join('\n'))
}
