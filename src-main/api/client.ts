// Who made a call: one page over one WebSocket (browser mode), one page load
// of a window (Electron), or the CLI process. What a call opens for its client
// and only it can use (a log, a terminal) is closed when that client goes:
// the tab is closed or reloaded, the window navigates, the process ends.
// Jobs are not tied to a client: they outlive the page on purpose.
export class Client {
  private listeners = new Set<() => void>()
  private ended = false

  constructor(readonly label: string) {}

  get gone(): boolean {
    return this.ended
  }

  /** Runs `listener` once when the client goes (soon, if it already has). Returns a function that forgets it. */
  onGone(listener: () => void): () => void {
    if (this.ended) {
      queueMicrotask(listener)
      return () => {}
    }
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The client has gone; tells every listener once. */
  end(): void {
    if (this.ended) return
    this.ended = true
    const listeners = [...this.listeners]
    this.listeners.clear()
    for (const l of listeners) {
      try {
        l()
      } catch {
        // One failing clean-up must not stop the others.
      }
    }
  }
}
