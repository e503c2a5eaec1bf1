// A server's disk, memory and load, read with one SSH exec of tools every
// Linux server has (df, /proc): no agent to install, nothing left running.
// Pure: the command is built and its output read here; the exec is the
// caller's.

export interface DiskUsage {
  /** Where the filesystem is mounted: "/", "/var/lib/docker". */
  mount: string
  /** The paths asked about that live on it ("/" and Docker's data folder may share one). */
  paths: string[]
  totalBytes: number
  usedBytes: number
  /** What an ordinary user can still write (df's "Available": reserved blocks excluded). */
  freeBytes: number
  /** As df shows it: used / (used + available). */
  usedPct: number
}

export interface ServerUsage {
  disks: DiskUsage[]
  memory?: { totalBytes: number; availableBytes: number; usedPct: number }
  load?: { one: number; five: number; fifteen: number; cpus: number }
}

const SEPARATOR = '@@ccd@@'

/** Single-quoted for sh: the data folder comes from Docker, but is quoted all the same. */
const quoted = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/**
 * The one command: df for "/" and Docker's data folder, then meminfo,
 * loadavg and the processor count, separated by a marker line. Each part
 * runs whatever the others do (a missing folder only makes df complain).
 */
export function usageCommand(dataRoot = '/var/lib/docker'): string {
  return [`LC_ALL=C df -P -k / ${quoted(dataRoot)} 2>/dev/null`, `echo ${SEPARATOR}`, 'cat /proc/meminfo', `echo ${SEPARATOR}`, 'cat /proc/loadavg', `echo ${SEPARATOR}`, '(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)', 'true'].join('; ')
}

/** Reads usageCommand's output; parts that are missing or garbled are left out, never guessed. */
export function parseUsage(stdout: string, asked: readonly string[] = ['/', '/var/lib/docker']): ServerUsage {
  const [dfText = '', memText = '', loadText = '', cpuText = ''] = stdout.split(new RegExp(`^${SEPARATOR}$`, 'm'))
  const usage: ServerUsage = { disks: parseDf(dfText, asked) }
  const memory = parseMeminfo(memText)
  if (memory) usage.memory = memory
  const load = parseLoad(loadText, cpuText)
  if (load) usage.load = load
  return usage
}

// "Filesystem 1024-blocks Used Available Capacity Mounted on", then one line
// per path asked, in order. With -P a line never wraps; a mount point may
// hold spaces, so it is everything after the percentage.
const dfLine = /^(.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(\/.*)$/

function parseDf(text: string, asked: readonly string[]): DiskUsage[] {
  const rows = text
    .split('\n')
    .map((l) => dfLine.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
  const byMount = new Map<string, DiskUsage>()
  rows.forEach((m, i) => {
    const [total, used, free] = [Number(m[2]) * 1024, Number(m[3]) * 1024, Number(m[4]) * 1024]
    const mount = m[6]
    const path = asked[i] ?? mount
    const known = byMount.get(mount)
    if (known) {
      if (!known.paths.includes(path)) known.paths.push(path)
      return
    }
    byMount.set(mount, { mount, paths: [path], totalBytes: total, usedBytes: used, freeBytes: free, usedPct: used + free > 0 ? (100 * used) / (used + free) : 0 })
  })
  return [...byMount.values()]
}

function parseMeminfo(text: string): ServerUsage['memory'] {
  // One pass over the lines ("Name:   1234 kB"), not a regular expression over the whole text per field.
  const kB = new Map<string, number>()
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const m = /^\s*(\d+)\s*kB/.exec(line.slice(colon + 1))
    if (m) kB.set(line.slice(0, colon), Number(m[1]) * 1024)
  }
  const total = kB.get('MemTotal')
  if (!total) return undefined
  // MemAvailable (Linux 3.14+) is the kernel's own estimate; before it, free + reclaimable caches.
  const available = kB.get('MemAvailable') ?? (kB.get('MemFree') ?? 0) + (kB.get('Buffers') ?? 0) + (kB.get('Cached') ?? 0)
  return { totalBytes: total, availableBytes: available, usedPct: (100 * (total - available)) / total }
}

function parseLoad(loadText: string, cpuText: string): ServerUsage['load'] {
  const m = /^\s*(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s/.exec(loadText)
  const cpus = Number(cpuText.trim())
  if (!m) return undefined
  return { one: Number(m[1]), five: Number(m[2]), fifteen: Number(m[3]), cpus: Number.isInteger(cpus) && cpus > 0 ? cpus : 1 }
}
