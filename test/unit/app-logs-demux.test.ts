import { describe, expect, it } from 'vitest'
import { LineSplitter, LogDemuxer, type LogSource } from '../../src-main/apps/logs-demux'

const frame = (type: number, text: string | Buffer): Buffer => {
  const payload = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')
  const header = Buffer.alloc(8)
  header[0] = type
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

function collect(): { out: Array<[string, LogSource]>; demux: LogDemuxer } {
  const out: Array<[string, LogSource]> = []
  return { out, demux: new LogDemuxer((text, source) => out.push([text, source])) }
}

describe('LogDemuxer', () => {
  it('splits multiplexed frames into stdout and stderr lines', () => {
    const { out, demux } = collect()
    demux.push(Buffer.concat([frame(1, 'one\ntwo\n'), frame(2, 'oops\n')]))
    demux.end()
    expect(out).toEqual([
      ['one\ntwo\n', 'stdout'],
      ['oops\n', 'stderr']
    ])
  })

  it('waits for a frame cut anywhere, even inside its header, and for the end of a line', () => {
    const { out, demux } = collect()
    const bytes = Buffer.concat([frame(1, 'hel'), frame(1, 'lo\nwor'), frame(1, 'ld\n')])
    for (const b of bytes) demux.push(Buffer.from([b]))
    expect(out).toEqual([
      ['hello\n', 'stdout'],
      ['world\n', 'stdout']
    ])
  })

  it('keeps a UTF-8 character whole when a frame boundary cuts through it', () => {
    const { out, demux } = collect()
    const text = Buffer.from('café ✓\n', 'utf8')
    const cut = text.indexOf(0xe2) + 1
    demux.push(Buffer.concat([frame(1, text.subarray(0, cut)), frame(1, text.subarray(cut))]))
    expect(out).toEqual([['café ✓\n', 'stdout']])
  })

  it('passes TTY output (no frame headers) through as it is', () => {
    const { out, demux } = collect()
    demux.push(Buffer.from('2026-11-30T11:00:00Z plain tty line\nnext'))
    demux.end()
    expect(out).toEqual([
      ['2026-11-30T11:00:00Z plain tty line\n', 'stdout'],
      ['next\n', 'stdout']
    ])
  })

  it('hands on the last line without a newline when the stream ends', () => {
    const { out, demux } = collect()
    demux.push(frame(2, 'no newline'))
    expect(out).toEqual([])
    demux.end()
    expect(out).toEqual([['no newline\n', 'stderr']])
  })
})

describe('LineSplitter', () => {
  it('emits nothing for an empty end', () => {
    const lines: string[] = []
    const s = new LineSplitter((t) => lines.push(t))
    s.push(Buffer.from('a\n'))
    s.end()
    expect(lines).toEqual(['a\n'])
  })
})
