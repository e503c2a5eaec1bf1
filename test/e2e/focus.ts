import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

export const isFocused = (el: Locator): Promise<boolean> => el.evaluate((node) => node === document.activeElement)

/**
 * Opens a dialog from the keyboard (Enter on its button), closes it with
 * Escape, and checks focus went back to the button that opened it.
 */
export async function expectFocusReturns(page: Page, opener: Locator, dialog: Locator): Promise<void> {
  await opener.focus()
  await page.keyboard.press('Enter')
  await dialog.waitFor()
  await expect.poll(async () => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true)
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await expect.poll(() => isFocused(opener)).toBe(true)
}
