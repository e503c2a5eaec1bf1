import { Notification } from 'electron'
import type { EventPayload } from '../contract/contract'
import type { Attention } from '../contract/health'
import type { Core } from '../core/core'

// Health's desktop notifications in the window app are raised here, in the
// main process, never by the page (src-renderer/src/state/alerts.ts): there
// is one main process however many windows are open, and it keeps running
// while the window is closed to the tray, so each change is raised once.
// A click shows the window and opens the alert's app or server.

/** At most this many kept for their click handlers; some desktops never say a notification closed. */
const KEEP = 50

export function raiseAlerts(core: Core, show: (item: Attention) => void): () => void {
  // Kept until closed or clicked: a notification that is collected loses its click handler.
  const live = new Set<Notification>()
  return core.events.subscribe((name, payload) => {
    if (name !== 'health.alert' || !Notification.isSupported()) return
    const alert = payload as EventPayload<'health.alert'>
    const n = new Notification({ title: alert.title, body: alert.body })
    live.add(n)
    if (live.size > KEEP) live.delete(live.values().next().value as Notification)
    n.on('close', () => live.delete(n))
    n.on('click', () => {
      live.delete(n)
      show(alert.item)
    })
    n.show()
  })
}
