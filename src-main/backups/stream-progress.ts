// The progress a backup shows while copying: bytes, rate, and a percentage
// when the server could tell how much there is (du), in the job's step words.
import type { JobContext } from '../core/jobs'
import { t } from '../i18n/i18n'

const UPDATE_MS = 250

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`
  const units = ['kB', 'MB', 'GB', 'TB']
  let v = n / 1000
  let i = 0
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000
    i++
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`
}

export class Progress {
  private expected = new Map<string, number | undefined>()
  private done = 0
  private started = Date.now()
  private last = 0
  private label = ''

  constructor(
    private job: JobContext,
    private step: number
  ) {}

  /** What a service's volumes hold; undefined when it couldn't be measured. */
  expect(service: string, bytes: number | undefined): void {
    this.expected.set(service, bytes)
  }

  total(): number | undefined {
    let sum = 0
    for (const v of this.expected.values()) {
      if (v === undefined) return undefined
      sum += v
    }
    return sum
  }

  copying(label: string): void {
    this.label = label
    this.publish()
  }

  add(n: number): void {
    this.done += n
    if (Date.now() - this.last >= UPDATE_MS) this.publish()
  }

  words(bytes = this.done): string {
    return formatBytes(bytes)
  }

  private publish(): void {
    this.last = Date.now()
    const seconds = (Date.now() - this.started) / 1000
    const rate = seconds > 0.5 ? formatBytes(Math.round(this.done / seconds)) : undefined
    const total = this.total()
    const of = total ? formatBytes(Math.max(total, this.done)) : undefined
    const key = `copying${this.label ? 'Label' : ''}${of ? 'Of' : ''}${rate ? 'Rate' : ''}` as const
    this.job.step(this.step, t(`backups.progress.${key}`, { label: this.label, done: formatBytes(this.done), total: of, rate }))
    if (total) this.job.percent(Math.min(99, (this.done / Math.max(total, 1)) * 100))
  }
}
