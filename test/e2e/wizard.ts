import type { Page } from 'playwright-core'
import { expect } from 'vitest'

// The add-server wizard's first steps, for tests whose subject comes after
// them (signing in, the checks). Onboarding walks them itself, step by step.

export interface Where {
  host: string
  port: number
  user: string
  /** The name in the app. */
  name: string
}

/** Opens the wizard, fills in where the server is, and accepts its new host key. */
export async function startAdding(page: Page, where: Where): Promise<void> {
  const add = page.getByRole('button', { name: /Add (your first )?server/ }).first()
  await add.click()
  await page.getByTestId('wizard-step-where').waitFor()
  await page.getByLabel('Address').fill(where.host)
  await page.getByLabel('User').fill(where.user)
  await page.getByLabel('Port').fill(String(where.port))
  await page.getByLabel(/Name in the app/).fill(where.name)
  await page.getByRole('button', { name: 'Next' }).click()
  const identity = page.getByTestId('wizard-step-identity')
  await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('unknown')
  await page.getByRole('button', { name: /Yes, it matches/ }).click()
}

/** On the sign-in step: chooses "With a password", types it and signs in. */
export async function signInWithPassword(page: Page, password: string): Promise<void> {
  const how = page.getByTestId('sign-in-how')
  await how.waitFor({ timeout: 30_000 })
  await how.getByRole('radio', { name: 'With a password' }).check()
  await how.getByLabel(/Password for/).fill(password)
  await how.getByRole('button', { name: 'Sign in' }).click()
}
