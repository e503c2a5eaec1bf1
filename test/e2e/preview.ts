import type { Page } from 'playwright-core'

// Every deploy, upgrade and rollback started from the window shows what it
// will change first (components/DeployPreviewDialog.tsx): wait for the
// preview, then confirm it.
export async function confirmPreview(page: Page, timeout = 60_000): Promise<void> {
  const dialog = page.getByTestId('deploy-preview')
  await dialog.getByTestId('deploy-preview-body').waitFor({ timeout })
  await dialog.getByTestId('deploy-preview-confirm').click()
}
