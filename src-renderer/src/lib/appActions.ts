import type { AppSummary } from '../../../src-main/contract/apps'

// Which button on an app's page is the main (primary) one, from its state.
// A healthy app needs nothing redone: its main action is a backup (in the
// Backups section). One that is not deployed needs deploying; one that failed
// after an upgrade is fixed by going back, else by deploying again.
export type MainAction = 'deploy' | 'redeploy' | 'go-back' | 'backup'

export function mainAction(app: Pick<AppSummary, 'deployed' | 'health' | 'earlierVersion'>): MainAction {
  if (!app.deployed) return 'deploy'
  if (app.health === 'failed' || app.health === 'attention') return app.earlierVersion ? 'go-back' : 'redeploy'
  return 'backup'
}

export const buttonClass = (primary: boolean): string => `btn ${primary ? 'btn--primary' : 'btn--secondary'}`
