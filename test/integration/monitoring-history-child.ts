// One process of monitoring-history-processes.test.ts, run with tsx:
//   writer <file> <name> <count> <base> [staleMs]: records <count> rows, one
//     a minute (value = its sequence number) from <base> on, plus a shared
//     series every writer overwrites, and opens and closes incidents; prints
//     {"written": n} at the end.
//   reader <file> <names,…> - <base> [staleMs]: reads the writers' series and
//     the incidents until its stdin ends, checking each series has no holes;
//     prints {"reads": n}.
// A count, not a duration, so a busy machine makes the run slower, not
// different. Progress goes to stdout as it happens ("w <seq>", after the row
// is committed) so the test can kill a writer mid-run and still know what it
// committed.
import { History } from '../../src-main/monitoring/history'

const [role, file, name, count, base, stale] = process.argv.slice(2)
const MIN = 60_000
const start = Number(base)
const h = await History.open({ file, lockStaleMs: stale ? Number(stale) : undefined })

if (role === 'writer') {
  let i = 0
  while (i < Number(count)) {
    await h.record([
      { subject: `writer:${name}`, metric: 'seq', value: i, at: start + i * MIN },
      { subject: 'shared', metric: 'last', value: i, at: start }
    ])
    process.stdout.write(`w ${i}\n`)
    if (i % 10 === 0) await h.openIncident(`writer:${name}`, 'test', `round ${i}`, start + i * MIN)
    if (i % 10 === 5) await h.closeIncident(`writer:${name}`, 'test', start + i * MIN)
    i++
  }
  await h.close()
  process.stdout.write(`${JSON.stringify({ written: i })}\n`)
} else {
  let reads = 0
  let more = true
  process.stdin.on('end', () => (more = false)).resume()
  while (more) {
    for (const writer of name.split(',')) {
      const points = await h.series(`writer:${writer}`, 'seq', { from: start, to: start + 7 * 24 * 60 * MIN })
      points.forEach((p, k) => {
        if (p.value !== k) throw new Error(`writer ${writer}: point ${k} has value ${p.value}`)
      })
      reads++
    }
    await h.incidents(undefined, { from: start, to: start + 7 * 24 * 60 * MIN })
  }
  await h.close()
  process.stdout.write(`${JSON.stringify({ reads })}\n`)
}
