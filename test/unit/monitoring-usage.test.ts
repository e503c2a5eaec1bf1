import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { parseUsage, usageCommand } from '../../src-main/monitoring/server-usage'

// The usage command run for real on this machine (the same sh a server runs
// it with), read back, and compared with what Node's own calls say.
describe('server usage (df, /proc)', () => {
  it('reads this machine as the server would be read', () => {
    const dir = fs.mkdtempSync(`${os.tmpdir()}/ccd-usage-`)
    const out = execFileSync('sh', ['-c', usageCommand(dir)], { encoding: 'utf8' })
    const usage = parseUsage(out, ['/', dir])

    const root = usage.disks.find((d) => d.paths.includes('/'))!
    const stat = fs.statfsSync('/')
    expect(root.mount).toBe('/')
    expect(root.totalBytes).toBe(stat.blocks * stat.bsize)
    // df's used% leaves out the blocks reserved for root, as df prints it.
    const used = (stat.blocks - stat.bfree) * stat.bsize
    expect(root.usedPct).toBeCloseTo((100 * used) / (used + stat.bavail * stat.bsize), 0)
    // The temp folder is on / or on a filesystem of its own: either way it is named.
    expect(usage.disks.flatMap((d) => d.paths).sort()).toEqual(['/', dir].sort())

    expect(usage.memory!.totalBytes).toBe(os.totalmem())
    expect(usage.memory!.usedPct).toBeGreaterThan(0)
    expect(usage.memory!.usedPct).toBeLessThan(100)
    expect(usage.load!.cpus).toBe(os.availableParallelism())
    expect(usage.load!.one).toBeGreaterThanOrEqual(0)
    fs.rmSync(dir, { recursive: true })
  })

  it('keeps one disk when Docker’s folder is on /, naming both paths', () => {
    const out = execFileSync('sh', ['-c', usageCommand('/')], { encoding: 'utf8' })
    const usage = parseUsage(out, ['/', '/'])
    expect(usage.disks).toHaveLength(1)
    expect(usage.disks[0].paths).toEqual(['/'])
  })

  it('reads a full disk, a mount point with spaces, and an old kernel without MemAvailable', () => {
    const out = [
      'Filesystem     1024-blocks     Used Available Capacity Mounted on',
      '/dev/vda1         10000000  9000000    500000      95% /',
      '/dev/vdb1          2000000  1000000   1000000      50% /mnt/docker data',
      '@@ccd@@',
      'MemTotal:        2000000 kB',
      'MemFree:          100000 kB',
      'Buffers:           50000 kB',
      'Cached:            50000 kB',
      '@@ccd@@',
      '3.50 2.00 1.00 2/300 4242',
      '@@ccd@@',
      '2'
    ].join('\n')
    const usage = parseUsage(out, ['/', '/mnt/docker data'])
    expect(usage.disks).toEqual([
      { mount: '/', paths: ['/'], totalBytes: 10000000 * 1024, usedBytes: 9000000 * 1024, freeBytes: 500000 * 1024, usedPct: (100 * 9000000) / 9500000 },
      { mount: '/mnt/docker data', paths: ['/mnt/docker data'], totalBytes: 2000000 * 1024, usedBytes: 1000000 * 1024, freeBytes: 1000000 * 1024, usedPct: 50 }
    ])
    expect(usage.memory).toEqual({ totalBytes: 2000000 * 1024, availableBytes: 200000 * 1024, usedPct: 90 })
    expect(usage.load).toEqual({ one: 3.5, five: 2, fifteen: 1, cpus: 2 })
  })

  it('leaves out what it can’t read rather than guessing', () => {
    expect(parseUsage('')).toEqual({ disks: [] })
    expect(parseUsage('df: /nope: No such file or directory\n@@ccd@@\ngarbage\n@@ccd@@\n\n@@ccd@@\n')).toEqual({ disks: [] })
  })

  it('quotes the data folder for the shell', () => {
    expect(usageCommand("/var/lib/it's; rm -rf /")).toContain(`'/var/lib/it'\\''s; rm -rf /'`)
  })
})
