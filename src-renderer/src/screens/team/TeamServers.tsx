import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { TeamStatus } from '../../../../src-main/contract/team'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { serverRows, setServersInput, sharedNow, sharesAll, withoutServer, withServer } from './serverChoice'

type Change = { kind: 'share'; server: string } | { kind: 'stop'; server: string } | { kind: 'all' }

// "Change which servers are shared", once sharing is connected (issue 14):
// each server on this computer (and any the team shares that has no folder
// here), shared or not, with Share or Stop sharing…. Stopping asks first and
// says what it means for teammates. The choice is one commit the team's apps
// follow on their next pull (team.setServers).
export function TeamServers({ status, onStatus, onStart, disabled }: { status: TeamStatus; onStatus: (s: TeamStatus, words: string) => void; onStart: () => void; disabled: boolean }) {
  const { t } = useTranslation()
  const [running, setRunning] = useState<Change>()
  const [failed, setFailed] = useState<{ change: Change; error: ApiErrorBody }>()
  // The server the stop dialog is about stays named while the dialog closes.
  const [asking, setAsking] = useState<string>()
  const [stopOpen, setStopOpen] = useState(false)
  const rows = serverRows(status)
  const all = sharesAll(status)
  const onlyOne = sharedNow(status).length === 1

  const run = (change: Change): void => {
    const next = change.kind === 'all' ? { ok: true as const, servers: undefined } : change.kind === 'share' ? withServer(status, change.server) : withoutServer(status, change.server)
    if (!next.ok) return
    onStart()
    setRunning(change)
    setFailed(undefined)
    api.call('team.setServers', setServersInput(next.servers)).then(
      (s) => {
        setRunning(undefined)
        setStopOpen(false)
        const words =
          change.kind === 'all' ? t('team.serversChange.doneAll') : change.kind === 'share' ? t('team.serversChange.doneShare', { server: change.server }) : t('team.serversChange.doneStop', { server: change.server })
        onStatus(s, words)
      },
      (err: unknown) => {
        setRunning(undefined)
        const error = errorBody(err)
        // A stop that failed says so in its own dialog; the others below the list.
        setFailed({ change, error })
      }
    )
  }

  const busyWords = (c: Change): string => (c.kind === 'all' ? t('team.serversChange.busyAll') : c.kind === 'share' ? t('team.serversChange.busyShare', { server: c.server }) : t('team.serversChange.busyStop', { server: c.server }))
  const failedTitle = (c: Change): string => (c.kind === 'stop' ? t('team.serversChange.errorStop', { server: c.server }) : c.kind === 'share' ? t('team.serversChange.errorShare', { server: c.server }) : t('team.serversChange.errorAll'))
  const busy = !!running || disabled

  return (
    <section className="team__choice" aria-labelledby="team-servers-title" data-testid="team-servers-choice">
      <h3 className="team__subtitle" id="team-servers-title">
        {t('team.serversChange.title')}
      </h3>
      <p>{all ? t('team.serversChange.allText') : t('team.serversChange.someText')}</p>
      <p className="field__hint">{t('team.serversChange.teammates')}</p>
      <ul className="team__server-rows">
        {rows.map((r) => (
          <li key={r.name} data-testid="team-server-row" data-server={r.name} data-shared={String(r.shared)}>
            <div className="team__server-name">
              <strong>{r.name}</strong>
              {r.absent && <span className="field__hint">{t('team.serversChange.absent')}</span>}
            </div>
            {r.shared ? (
              <StatusBadge status={{ tone: 'ok', icon: 'check', word: t('team.serversChange.shared') }} />
            ) : (
              <StatusBadge status={{ tone: 'neutral', icon: 'dash', word: t('team.serversChange.notShared') }} />
            )}
            {r.shared && !onlyOne && (
              <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => {
                  setAsking(r.name)
                  setFailed(undefined)
                  setStopOpen(true)
                }} aria-label={t('team.serversChange.stopFor', { server: r.name })} data-testid="team-server-stop">
                {t('team.serversChange.stop')}
              </button>
            )}
            {!r.shared && (
              <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => run({ kind: 'share', server: r.name })} aria-label={t('team.serversChange.shareFor', { server: r.name })} data-testid="team-server-share">
                {t('team.serversChange.share')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {onlyOne && rows.length > 1 && <p className="field__hint">{t('team.serversChange.onlyOne')}</p>}
      {!all && (
        <div className="actions">
          <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => run({ kind: 'all' })} data-testid="team-servers-all-button">
            {t('team.serversChange.shareAll')}
          </button>
        </div>
      )}
      {running && running.kind !== 'stop' && <Busy hint={t('team.serversChange.busyHint')}>{busyWords(running)}</Busy>}
      {failed && failed.change.kind !== 'stop' && (
        <ErrorPanel error={failed.error} title={failedTitle(failed.change)}>
          <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => run(failed.change)}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      <ConfirmDialog
        open={stopOpen}
        onOpenChange={(o) => {
          if (o || running) return
          setStopOpen(false)
          setFailed(undefined)
        }}
        title={t('team.serversChange.confirmTitle', { server: asking ?? '' })}
        confirmLabel={t('team.serversChange.confirm')}
        busyLabel={t('team.serversChange.busyStopShort')}
        busy={running?.kind === 'stop'}
        error={failed?.change.kind === 'stop' ? failed.error : undefined}
        errorTitle={failed?.change.kind === 'stop' ? failedTitle(failed.change) : undefined}
        onConfirm={() => asking && run({ kind: 'stop', server: asking })}
        testId="team-server-stop-dialog"
        confirmTestId="team-server-stop-confirm"
      >
        <p>{t('team.serversChange.confirmReach', { server: asking ?? '' })}</p>
        <p>{t('team.serversChange.confirmKept', { server: asking ?? '' })}</p>
        <p>{t('team.serversChange.confirmAgain')}</p>
        {running?.kind === 'stop' && <Busy hint={t('team.serversChange.busyHint')}>{busyWords(running)}</Busy>}
      </ConfirmDialog>
    </section>
  )
}
