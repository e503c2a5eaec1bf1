import type { Locator, Page } from 'playwright-core'

/**
 * Presses Tab until `target` has the focus, as someone without a mouse would,
 * and checks the focus can be seen there (an outline or a box shadow).
 * Fails after `max` presses, naming where the focus went instead.
 */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const visible = await target.evaluate((el) => {
        const s = getComputedStyle(el)
        const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
        // A radio card shows its focus on the card around the input.
        const card = el.closest('.choice')
        const cardRing = card ? getComputedStyle(card).outlineStyle !== 'none' : false
        return ring || cardRing
      })
      if (!visible) throw new Error(`focus reached ${await target.evaluate((el) => el.outerHTML.slice(0, 120))} but cannot be seen`)
      return
    }
    await page.keyboard.press('Tab')
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing')
  throw new Error(`Tab did not reach the element in ${max} presses; focus is on ${at}`)
}
