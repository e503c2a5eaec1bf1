import { useSyncExternalStore } from 'react'
import { CHECK_INTERVAL } from '../../../src-main/contract/alerts'
import type { Attention, HealthAlert } from '../../../src-main/contract/health'
import { api } from '../api/client'
import type { Route } from '../navigation'

// Who turns the core's health.alert into a desktop notification, and what a
// click on one opens.
//
// - Electron: the main process raises them (src-main/electron/alerts.ts). It
//   runs while the window is closed to the tray, and there is one of it
//   however many windows there are, so each change is raised once. The page
//   only opens what a clicked notification is about (health.show).
// - Browser mode: nothing of ours outside the page can reach the desktop, so
//   a page raises them through the Web Notifications API, and only one page:
//   with several tabs open, the tab holding a Web Lock raises them and the
//   others wait to take over when it closes. Each notification's tag names
//   its change, so should two pages ever raise the same one, the second
//   replaces the first rather than adding to it.
// Permission is asked only from a button in Settings, never on load.

/** The page an alert is about: the app's, or the server's for a server's trouble. */
export function alertRoute(item: Pick<Attention, 'server' | 'domain'>): Route {
  return item.domain ? { screen: 'app', server: item.server, domain: item.domain } : { screen: 'server-checks', name: item.server }
}

/** 'desktop': the app's own window (Electron), where the app raises them itself. */
export type NotificationState = NotificationPermission | 'unsupported' | 'desktop'

const isDesktop = (): boolean => typeof window !== 'undefined' && !!window.coopcloud

export function notificationState(): NotificationState {
  if (isDesktop()) return 'desktop'
  if (typeof Notification === 'undefined') return 'unsupported'
  return Notification.permission
}

/** Asks the browser, from a click: the browser shows its own question. */
export async function askNotificationPermission(): Promise<NotificationState> {
  if (notificationState() !== 'default') return notificationState()
  try {
    return await Notification.requestPermission()
  } catch {
    return notificationState()
  }
}

const LOCK = 'coopcloud-desktop-health-alerts'
/** Notifications shown, kept until closed so their click handlers live as long as they do. */
const shown = new Set<Notification>()

function raise(alert: HealthAlert, navigate: (route: Route) => void): void {
  const n = new Notification(alert.title, { body: alert.body, tag: `${alert.item.key}|${alert.change}`, lang: document.documentElement.lang || undefined })
  shown.add(n)
  n.onclose = () => shown.delete(n)
  n.onclick = (event) => {
    event.preventDefault()
    window.focus()
    navigate(alertRoute(alert.item))
    n.close()
  }
}

// Electron may ask to show an alert's page before the page has drawn (a
// click that opens a new window): kept here until the app is there to go.
let pendingShow: Route | undefined
let showNow: ((route: Route) => void) | undefined
if (isDesktop()) {
  api.on('health.show', ({ item }) => {
    const route = alertRoute(item)
    if (showNow) showNow(route)
    else pendingShow = route
  })
}

/** Started once by the app: raises the browser's notifications, or follows Electron's clicks. Returns its stop. */
export function startAlerts(navigate: (route: Route) => void): () => void {
  if (isDesktop()) {
    showNow = navigate
    if (pendingShow) navigate(pendingShow)
    pendingShow = undefined
    return () => {
      showNow = undefined
    }
  }
  if (typeof Notification === 'undefined') return () => {}
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  // Without Web Locks every page raises, and the tags keep it to one on screen.
  let leader = !locks
  let release: (() => void) | undefined
  let stopped = false
  void locks
    ?.request(LOCK, () => {
      if (stopped) return undefined
      leader = true
      return new Promise<void>((resolve) => (release = resolve))
    })
    .catch(() => (leader = true))
  const unsubscribe = api.on('health.alert', (alert) => {
    if (!leader || Notification.permission !== 'granted') return
    try {
      raise(alert, navigate)
    } catch (err) {
      // Some browsers allow notifications only from a service worker: Health still lists it.
      console.warn('Health: the notification could not be shown', err)
    }
  })
  return () => {
    stopped = true
    unsubscribe()
    release?.()
  }
}

// How often Health checks every server (Settings > Alerts), for the pages
// that say so ("The app looks at your app every 5 minutes"): read once, then
// followed as it is changed here or in another window.
let checkInterval: number | undefined
const intervalListeners = new Set<() => void>()
let followingInterval = false

function setCheckInterval(seconds: number): void {
  if (seconds === checkInterval) return
  checkInterval = seconds
  for (const l of intervalListeners) l()
}

function followCheckInterval(): void {
  if (followingInterval) return
  followingInterval = true
  let changed = false
  api.on('settings.changed', (s) => {
    changed = true
    setCheckInterval(s.alerts.checkIntervalSeconds)
  })
  // A change that arrived meanwhile is newer than this answer.
  api.call('settings.get', {}).then(
    (s) => !changed && setCheckInterval(s.alerts.checkIntervalSeconds),
    () => undefined
  )
}

function subscribeInterval(cb: () => void): () => void {
  followCheckInterval()
  intervalListeners.add(cb)
  return () => intervalListeners.delete(cb)
}

/** Seconds between two checks of a server; the default until the setting is read. */
export function useCheckIntervalSeconds(): number {
  return useSyncExternalStore(subscribeInterval, () => checkInterval ?? CHECK_INTERVAL.default)
}
