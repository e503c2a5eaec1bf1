import type { Page } from 'playwright-core'
import type { App } from './browser'

// Desktop notifications in Chromium: the page is allowed to show them (as if
// the person had clicked "Allow"), and every one it raises is recorded (its
// title, body and tag) before the browser's own Notification shows it, so a
// test can count them and click one.

export interface Recorded {
  title: string
  body: string
  tag: string
}

declare global {
  interface Window {
    __notifications?: Recorded[]
    __notificationObjects?: Notification[]
  }
}

/** Grants the permission, wraps window.Notification in every page from now on, and loads the page again under it. */
export async function recordNotifications(app: App): Promise<void> {
  await app.browser.grantPermissions(['notifications'], { origin: new URL(app.server.url).origin })
  await app.browser.addInitScript(() => {
    const Real = window.Notification
    window.__notifications = []
    window.__notificationObjects = []
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        window.__notifications?.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' })
        super(title, options)
        window.__notificationObjects?.push(this)
      }
    }
    window.Notification = Recording
  })
  await app.page.reload()
}

/** What the page raised so far, oldest first. */
export function notifications(page: Page): Promise<Recorded[]> {
  return page.evaluate(() => window.__notifications ?? [])
}

/** Clicks the notification with that tag, as the person would on the desktop. */
export async function clickNotification(page: Page, tag: string): Promise<void> {
  const clicked = await page.evaluate((t) => {
    const n = window.__notificationObjects?.find((x) => x.tag === t)
    n?.dispatchEvent(new Event('click', { cancelable: true }))
    return !!n
  }, tag)
  if (!clicked) throw new Error(`no notification with tag ${tag}`)
}
