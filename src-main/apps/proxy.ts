// "Deploy the proxy" from the server checks: the traefik recipe through the
// same flow as any app (new app with generated secrets, then deploy), so
// the proxy shows up in the apps list and abra sees it too.
import fs from 'node:fs/promises'
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import { createApp } from './create'
import { startDeploy } from './deploy'
import { appEnvPath, setEnvValues, updateEnvFile } from './env-file'
import { t } from '../i18n/i18n'

export const PROXY_RECIPE = 'traefik'

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}

/** Makes the proxy app when it doesn't exist yet (an existing one keeps its settings); deploys nothing. */
export async function prepareProxy(ctx: AppContext, req: { name: string; domain: string; email?: string }): Promise<{ domain: string; created: boolean }> {
  const envFile = appEnvPath(ctx.paths, req.name, req.domain)
  if (req.email !== undefined) {
    if (!/^[^\s@]+@[^\s@]+$/.test(req.email.trim())) throw new ApiError('invalid-email', t('apps.misc.badEmail', { email: req.email }))
    // Refused here, before anything is created, if it can't be written to an env file.
    setEnvValues('', { LETS_ENCRYPT_EMAIL: req.email.trim() })
  }
  // An existing proxy app keeps its settings: only deploying it is asked for.
  if (await exists(envFile)) return { domain: req.domain, created: false }
  await createApp(ctx, { server: req.name, domain: req.domain, recipe: PROXY_RECIPE, secrets: 'generate' })
  // The recipe's sample has a placeholder address for Let's Encrypt;
  // it is set in place so the file stays as abra would write it.
  if (req.email) {
    const email = req.email.trim()
    await updateEnvFile(envFile, (text) => setEnvValues(text, { LETS_ENCRYPT_EMAIL: email }))
  }
  return { domain: req.domain, created: true }
}

export async function deployProxy(ctx: AppContext, req: { name: string; domain: string; email?: string }): Promise<{ jobId: string; domain: string }> {
  await prepareProxy(ctx, req)
  const { jobId } = await startDeploy(ctx, { server: req.name, domain: req.domain, kind: 'deploy' })
  return { jobId, domain: req.domain }
}
