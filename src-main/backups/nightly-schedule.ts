// Pure: the bot's CRON_SCHEDULE from a time of day, and back; when the run
// that should have happened most recently was due. backup-bot-two runs
// `backup create` on CRON_SCHEDULE (crond); "@every Ns" is the tests' short
// clock (the stand-in bot loops), never written by the window.

/** "03:30" → "30 3 * * *" */
export function cronForTime(time: string): string {
  const [h, m] = time.split(':').map(Number)
  return `${m} ${h} * * *`
}

/** "30 3 * * *" → "03:30"; undefined for anything but a daily schedule. */
export function timeOfCron(cron: string): string | undefined {
  const m = /^\s*(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*\s*$/.exec(cron)
  if (!m) return undefined
  const [min, hour] = [Number(m[1]), Number(m[2])]
  if (min > 59 || hour > 23) return undefined
  return `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}

/** How long a run may take before its absence is a problem. */
export function graceMs(cron: string): number {
  const every = everySeconds(cron)
  return every !== undefined ? every * 1000 : 30 * 60_000
}

function everySeconds(cron: string): number | undefined {
  const m = /^@every (\d+)s$/.exec(cron.trim())
  return m ? Number(m[1]) : undefined
}

/**
 * When the most recent run due at least `grace` before `now` was due (UTC,
 * as the bot's container keeps time); undefined when the schedule isn't
 * understood.
 */
export function lastDue(cron: string, now: number, grace = graceMs(cron)): number | undefined {
  const every = everySeconds(cron)
  const before = now - grace
  // The short clock loops from the bot's start, not on the clock's multiples: a run is due within the last period.
  if (every !== undefined) return before - every * 1000
  const time = timeOfCron(cron)
  if (!time) return undefined
  const [h, m] = time.split(':').map(Number)
  const d = new Date(before)
  let due = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h, m)
  if (due > before) due -= 24 * 3600_000
  return due
}
