import type { Page } from 'playwright-core'

/**
 * Chooses a language in Settings, opened from the sidebar, and waits for
 * Settings' own title in that language. The sidebar's button is found by its
 * name in the language shown before ("Settings" going to French, "Réglages"
 * coming back), so finding it also checks the sidebar spoke that language;
 * pass `settings` to accept either.
 */
export async function chooseLanguage(page: Page, language: 'fr' | 'system', settings: string | RegExp = language === 'fr' ? 'Settings' : 'Réglages'): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: settings }).click()
  await page.getByTestId('settings-language').selectOption(language)
  await page.getByRole('heading', { level: 1, name: language === 'fr' ? 'Réglages' : 'Settings' }).waitFor()
}
