// Node's http client and Agent expect a net.Socket-like Duplex: a working
// destroy(err), setTimeout/setKeepAlive/ref/unref, and 'close' after the end.
// ssh2 channels have none of those (their destroy() only sends EOF and close
// and never errors), so HTTP runs over this adapter instead.

import { Duplex, type Readable } from 'node:stream'

export interface ChannelLike extends Duplex {
  close?(): void
  stderr?: Readable
}

export class ChannelSocket extends Duplex {
  readonly channel: ChannelLike
  private channelClosed = false
  private pendingWrite?: (err?: Error | null) => void
  private idleMs = 0
  private idleTimer?: NodeJS.Timeout

  // net.Socket fields some callers read.
  readonly remoteAddress = undefined
  connecting = false

  /**
   * endAtClose: pass the channel's end on only when it closes. A command's
   * stdout can end a moment before its exit status arrives (separate SSH
   * packets; under load, separate reads), and the http client calls an end
   * with no answer "socket hang up" at once, before the owner of the channel
   * could turn the exit status into a real error.
   */
  constructor(channel: ChannelLike, opts: { endAtClose?: boolean } = {}) {
    super({ allowHalfOpen: false })
    this.channel = channel
    channel.on('data', (chunk: Buffer) => {
      this.touch()
      if (!this.push(chunk)) channel.pause()
    })
    if (!opts.endAtClose) channel.on('end', () => this.push(null))
    channel.on('close', () => {
      this.channelClosed = true
      this.push(null)
      const cb = this.pendingWrite
      this.pendingWrite = undefined
      cb?.(new Error('The connection closed while sending data'))
    })
    channel.on('error', (err: Error) => this.destroy(err))
  }

  override _read(): void {
    this.channel.resume()
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.channelClosed) return cb(new Error('The connection is closed'))
    this.touch()
    // ssh2 never calls back a write on a closed channel, so hold the callback
    // where the 'close' handler can fail it.
    this.pendingWrite = cb
    this.channel.write(chunk, () => {
      if (this.pendingWrite === cb) this.pendingWrite = undefined
      cb()
    })
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.channelClosed) this.channel.end()
    cb()
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.clearIdle()
    if (!this.channelClosed) {
      this.channelClosed = true
      try {
        this.channel.close?.()
        this.channel.end()
      } catch {
        // the SSH connection is already gone
      }
    }
    cb(err)
  }

  // net.Socket-compatible timeout: emit 'timeout' after ms without traffic.
  setTimeout(ms: number, cb?: () => void): this {
    this.idleMs = ms
    if (cb) this.once('timeout', cb)
    this.touch()
    return this
  }

  private touch(): void {
    this.clearIdle()
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs)
      this.idleTimer.unref?.()
    }
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
  }

  setKeepAlive(): this {
    return this // the SSH link has its own keepalive
  }
  setNoDelay(): this {
    return this
  }
  ref(): this {
    return this
  }
  unref(): this {
    return this
  }
}
