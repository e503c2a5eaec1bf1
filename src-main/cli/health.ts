import { parseArgs } from 'node:util'
import type { HealthReport } from '../contract/health'
import type { Core } from '../core/core'
import { t } from '../i18n/i18n'
import { UsageError } from './errors'
import { call, print } from './io'

export const healthUsage = (): string => `  coopcloud-desktop health [--json] [--server NAME]    (${t('cli.usage.health')})`

// Exit codes for cron and monitoring tools: 0 all fine, 1 something needs
// attention (the list says what), like a failed check elsewhere in the CLI.
export async function healthCommand(core: Core, args: string[]): Promise<number> {
  let values: { json?: boolean; server?: string }
  try {
    values = parseArgs({ args, options: { json: { type: 'boolean' }, server: { type: 'string' } }, strict: true }).values
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const report = await call(core, 'health.get', values.server ? { server: values.server } : {})
  await print(values.json ? JSON.stringify(report, null, 2) : healthText(report, Date.now()))
  return report.items.length > 0 ? 1 : 0
}

const MARK = { critical: '✗', warning: '!', notice: '·' } as const

/** The overview as text: the summary, then each item with since when, what was seen and what to do. */
export function healthText(report: HealthReport, now: number): string {
  const lines = [report.summary]
  if (report.checkedAt) lines.push(t('cli.health.checkedAt', { time: localTime(report.checkedAt) }))
  for (const item of report.items) {
    lines.push('', `${MARK[item.severity]} ${item.title}`)
    lines.push(`  ${t('cli.health.since', { time: localTime(item.since), minutes: Math.max(0, Math.round((now - Date.parse(item.since)) / 60_000)) })}`)
    lines.push(`  ${item.detail}`, `  ${t('cli.health.next', { next: item.next })}`)
  }
  return lines.join('\n')
}

// The local time to the minute, as the person's clock shows it.
function localTime(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
