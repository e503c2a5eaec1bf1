import crypto from 'node:crypto'
import type { Core } from '../core/core'
import type { DeployPreview, PreviewProgress } from '../contract/deploy-preview'
import { call } from './io'

type PreviewInput = { server: string; domain: string; kind: 'deploy' | 'upgrade' | 'rollback' | 'redeploy'; version?: string; chaos?: boolean }

/**
 * apps.preview, showing its steps ("Reading the server…", "Asking the image
 * registry about …") on one line of the terminal (stderr) while it works, as
 * a registry that doesn't answer can take a while; nothing when stderr is
 * not a terminal. The line is cleared before the preview is printed.
 */
export async function previewShowingSteps(core: Core, input: PreviewInput): Promise<DeployPreview> {
  const tty = process.stderr.isTTY === true
  if (!tty) return call(core, 'apps.preview', input)
  const progressId = crypto.randomUUID()
  let shown = false
  const off = core.events.subscribe((event, payload) => {
    if (event !== 'preview.progress') return
    const p = payload as PreviewProgress
    if (p.progressId !== progressId) return
    shown = true
    process.stderr.write(`\r\x1b[K${p.words}`)
  })
  try {
    return await call(core, 'apps.preview', { ...input, progressId })
  } finally {
    off()
    if (shown) process.stderr.write('\r\x1b[K')
  }
}
