// Docker's log stream for containers without a TTY (every swarm service
// unless it asks for one) is multiplexed: frames of an 8-byte header (stream
// type 0/1/2, three zero bytes, a big-endian length) then the payload. A
// stream that doesn't start like that came from a TTY and is passed through.
// Frames split lines anywhere, even inside a UTF-8 character, so text is
// decoded per stream and handed on only in whole lines.
import { StringDecoder } from 'node:string_decoder'

export type LogSource = 'stdout' | 'stderr'

export class LogDemuxer {
  private buf: Buffer = Buffer.alloc(0)
  private raw = false
  private readonly lines: Record<LogSource, LineSplitter>

  constructor(onLines: (text: string, source: LogSource) => void) {
    this.lines = { stdout: new LineSplitter((t) => onLines(t, 'stdout')), stderr: new LineSplitter((t) => onLines(t, 'stderr')) }
  }

  push(chunk: Buffer): void {
    if (this.raw) return this.lines.stdout.push(chunk)
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk
    while (this.buf.length >= 8) {
      const type = this.buf[0]
      if (type > 2 || this.buf[1] !== 0 || this.buf[2] !== 0 || this.buf[3] !== 0) {
        this.raw = true
        const rest = this.buf
        this.buf = Buffer.alloc(0)
        return this.lines.stdout.push(rest)
      }
      const len = this.buf.readUInt32BE(4)
      if (this.buf.length < 8 + len) return
      const payload = this.buf.subarray(8, 8 + len)
      this.buf = this.buf.subarray(8 + len)
      this.lines[type === 2 ? 'stderr' : 'stdout'].push(payload)
    }
  }

  /** The stream ended: whatever is left is the last (unterminated) line. */
  end(): void {
    // A header cut short can only be TTY output that happened to look like one.
    if (this.buf.length) this.lines.stdout.push(this.buf)
    this.buf = Buffer.alloc(0)
    this.lines.stdout.end()
    this.lines.stderr.end()
  }
}

export class LineSplitter {
  private decoder = new StringDecoder('utf8')
  private partial = ''

  constructor(private readonly onLines: (text: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk)
    const cut = text.lastIndexOf('\n') + 1
    this.partial = text.slice(cut)
    if (cut > 0) this.onLines(text.slice(0, cut))
  }

  end(): void {
    const text = this.partial + this.decoder.end()
    this.partial = ''
    if (text) this.onLines(`${text}\n`)
  }
}
