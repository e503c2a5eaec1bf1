import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { NightlySnapshot } from '../../../../src-main/contract/nightly'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { RetryPanel } from '../../components/RetryPanel'
import { backupDateText, bytesText } from '../../lib/backups'
import { exactTimeText } from '../../lib/format'
import { usePolled } from '../../lib/usePolled'
import { NightlyRestoreDialog } from './NightlyRestoreDialog'
import '../../styles/backups.css'
import '../../styles/nightly.css'

type Snapshot = z.infer<typeof NightlySnapshot>

// An app's Backups tab, where its server makes nightly backups: this app's
// snapshots there (newest first, date and size), each with Restore. Says
// `onKnown(false)` when the server has no nightly backups, so the tab can
// show the older bot list instead, and renders nothing then.
export function NightlyBackups({ server, domain, onKnown }: { server: string; domain: string; onKnown: (configured: boolean) => void }) {
  const { t } = useTranslation()
  const read = useCallback(() => api.call('nightly.snapshots', { server, domain }), [server, domain])
  const { value: snapshots, error, load } = usePolled(read, null)
  const [restoring, setRestoring] = useState<Snapshot>()
  const notSetUp = error?.code === 'nightly-not-set-up'

  useEffect(() => {
    if (snapshots) onKnown(true)
    else if (error) onKnown(!notSetUp)
  }, [snapshots, error, notSetUp, onKnown])

  if (notSetUp) return null
  return (
    <section className="card nightly-backups" aria-labelledby="nightly-backups-title" data-testid="nightly-backups">
      <h2 className="card__title" id="nightly-backups-title">
        {t('nightly.snapshots.title', { server })}
      </h2>
      <p className="muted">{t('nightly.snapshots.intro')}</p>
      {!snapshots && !error && <Busy>{t('nightly.snapshots.loading')}</Busy>}
      {error && <RetryPanel error={error} title={t('nightly.snapshots.loadError')} onRetry={load} />}
      {snapshots?.length === 0 && <p data-testid="nightly-backups-none">{t('nightly.snapshots.none')}</p>}
      {snapshots && snapshots.length > 0 && (
        <ul className="bot-list" aria-label={t('nightly.snapshots.list', { domain })}>
          {snapshots.map((s) => {
            const when = backupDateText(s.time)
            return (
              <li key={s.id} className="bot-list__item" data-testid={`nightly-snapshot-${s.id}`}>
                <div>
                  <p className="bot-list__when" title={exactTimeText(s.time)}>
                    {when}
                  </p>
                  {s.size !== undefined && <p className="muted bot-list__paths">{bytesText(s.size)}</p>}
                </div>
                <button type="button" className="btn btn--secondary btn--small" onClick={() => setRestoring(s)} data-testid={`nightly-restore-${s.id}`}>
                  {t('nightly.snapshots.restore')}
                  <span className="sr-only"> {t('nightly.snapshots.restoreWhat', { when })}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {restoring && (
        <NightlyRestoreDialog
          server={server}
          domain={domain}
          snapshot={restoring}
          open
          onOpenChange={(o) => {
            if (o) return
            setRestoring(undefined)
            load()
          }}
        />
      )}
    </section>
  )
}
