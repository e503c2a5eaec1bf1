import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { BotSnapshot } from '../../../../src-main/contract/backups'
import type { z } from 'zod'
import { api } from '../../api/client'
import { ErrorPanel } from '../../components/ErrorPanel'
import { backupDateText } from '../../lib/backups'
import { errorBody } from '../../lib/errors'
import { useJob } from '../../state/jobs'
import { BackupJob } from './BackupJob'

type Snapshot = z.infer<typeof BotSnapshot>

// Co-op Cloud's backup-bot-two keeps its own snapshots on the server. Shown
// only where it runs; our own backups above stay the default.
export function BotSnapshots({ server }: { server: string }) {
  const { t } = useTranslation()
  const [snapshots, setSnapshots] = useState<Snapshot[]>()
  const [downloadError, setDownloadError] = useState<ApiErrorBody>()
  const [jobId, setJobId] = useState<string>()
  const [starting, setStarting] = useState<string>()
  const job = useJob(jobId)

  useEffect(() => {
    let live = true
    api.call('backups.botSnapshots', { server }).then(
      (r) => live && r.running && setSnapshots(r.snapshots),
      // A server without the bot, or one that can't be reached now, shows nothing here.
      () => {}
    )
    return () => {
      live = false
    }
  }, [server])

  if (!snapshots) return null

  const download = (snapshot: string): void => {
    setStarting(snapshot)
    setDownloadError(undefined)
    api.call('backups.botDownload', { server, snapshot }).then(
      (r) => {
        setStarting(undefined)
        setJobId(r.jobId)
      },
      (err: unknown) => {
        setStarting(undefined)
        setDownloadError(errorBody(err))
      }
    )
  }

  return (
    <section className="card" aria-labelledby={`bot-${server}`} data-testid={`bot-snapshots-${server}`}>
      <h2 className="card__title" id={`bot-${server}`}>
        {t('backups.bot.title', { server })}
      </h2>
      <p className="muted">{t('backups.bot.intro')}</p>
      {snapshots.length === 0 && <p>{t('backups.bot.none')}</p>}
      {snapshots.length > 0 && (
        <ul className="bot-list">
          {snapshots.map((s) => (
            <li key={s.id} className="bot-list__item" data-testid={`bot-snapshot-${s.id}`}>
              <div>
                <p className="bot-list__when">{backupDateText(s.time)}</p>
                <p className="muted bot-list__paths">{s.paths.join(', ')}</p>
              </div>
              <button type="button" className="btn btn--secondary btn--small" onClick={() => download(s.id)} disabled={starting !== undefined}>
                {starting === s.id ? t('backups.starting') : t('backups.bot.download')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {downloadError && <ErrorPanel error={downloadError} title={t('backups.bot.downloadError')} />}
      {jobId && <BackupJob job={job} testId="bot-download-progress" doneTitle={t('backups.bot.doneTitle')} failedTitle={t('backups.bot.failedTitle')} />}
    </section>
  )
}
