import { useEffect, useState } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import { newDomainProblem } from '../../../src-main/contract/domain'
import { api } from '../api/client'
import { moveSteps, type MoveMode } from '../lib/backups'
import { useNavigate } from '../navigation'
import { BackupJob } from '../screens/backups/BackupJob'
import { reloadApps } from '../state/apps'
import { reloadBackups } from '../state/backups'
import { reloadServers, useServers } from '../state/servers'
import { Busy } from './Busy'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { JobActions, StartActions } from './JobDialogActions'
import { TextField } from './TextField'
import { useReturnFocus } from './returnFocus'
import { useStartJob } from './useStartJob'

// Moving (or copying) an app to another server is a guided flow: pick the
// server, read what will happen, confirm, then watch it. The steps are spelled
// out because "move" must not sound like "the old data is deleted".
export function MoveAppDialog({
  server,
  domain,
  open,
  onOpenChange
}: {
  server: string
  domain: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const navigate = useNavigate()
  const { loaded, servers, error: serversError } = useServers()
  const others = servers.filter((s) => s.name !== server)
  const [picked, setPicked] = useState<string>()
  const [mode, setMode] = useState<MoveMode>('move')
  // abra finds an app by its domain alone, so a copy needs an address of its own.
  const [newDomain, setNewDomain] = useState('')
  const [showDomainError, setShowDomainError] = useState(false)
  const domainError = mode === 'clone' ? (newDomainProblem(newDomain.trim()) ?? (newDomain.trim() === domain ? t('apps.move.sameDomain') : undefined)) : undefined
  const move = useStartJob()
  const { starting, startError, jobId, job, ended, running } = move
  const target = picked ?? others[0]?.name

  // A server added since the list was read is a choice too.
  useEffect(() => {
    if (open) void reloadServers()
  }, [open])

  const change = (o: boolean): void => {
    if (starting) return
    onOpenChange(o)
    if (!o && !running) {
      setPicked(undefined)
      setMode('move')
      setNewDomain('')
      setShowDomainError(false)
      move.reset()
    }
  }

  const confirm = (): void => {
    if (!target) return
    if (domainError) {
      setShowDomainError(true)
      return
    }
    move.start(() => api.call('apps.move', { server, domain, toServer: target, mode, ...(mode === 'clone' ? { newDomain: newDomain.trim() } : {}) }))
  }

  const openOn = (where: string, d: string): void => {
    change(false)
    void reloadApps()
    void reloadBackups()
    navigate({ screen: 'app', server: where, domain: d })
  }
  const resultDomain = mode === 'clone' ? newDomain.trim() : domain

  return (
    <Dialog.Root open={open} onOpenChange={change}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog dialog--wide" data-testid="move-app-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title className="dialog__title">{t('apps.move.title', { domain })}</Dialog.Title>
          <Dialog.Description className="dialog__text">
            {t('apps.move.description', { server })}
          </Dialog.Description>

          {!jobId && (
            <>
              {!loaded && <Busy>{t('apps.move.loadingServers')}</Busy>}
              {serversError && <ErrorPanel error={serversError} title={t('apps.move.serversFailed')} />}
              {loaded && others.length === 0 && (
                <div className="panel panel--warn" role="status" data-testid="move-app-no-server">
                  <p>{t('apps.move.noOtherServer')}</p>
                  <div className="actions">
                    <button
                      type="button"
                      className="btn btn--secondary"
                      onClick={() => {
                        change(false)
                        navigate({ screen: 'add-server' })
                      }}
                    >
                      {t('apps.move.addServer')}
                    </button>
                  </div>
                </div>
              )}
              {others.length > 0 && (
                <>
                  <div className="field">
                    <label className="field__label" htmlFor="move-app-server">
                      {t('apps.move.moveTo')}
                    </label>
                    <select
                      id="move-app-server"
                      className="input"
                      value={target}
                      onChange={(e) => setPicked(e.target.value)}
                      disabled={starting}
                      data-testid="move-app-server"
                    >
                      {others.map((s) => (
                        <option key={s.name} value={s.name}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <fieldset className="radios">
                    <legend className="field__label">{t('apps.move.andTheApp', { server })}</legend>
                    <div className="radio">
                      <input type="radio" id="move-mode-clone" name="move-mode" checked={mode === 'clone'} onChange={() => setMode('clone')} data-testid="move-app-mode-clone" />
                      <label htmlFor="move-mode-clone">{t('apps.move.modeClone')}</label>
                    </div>
                    <div className="radio">
                      <input type="radio" id="move-mode-move" name="move-mode" checked={mode === 'move'} onChange={() => setMode('move')} data-testid="move-app-mode-move" />
                      <label htmlFor="move-mode-move">{t('apps.move.modeMove')}</label>
                    </div>
                  </fieldset>
                  {mode === 'clone' && (
                    <TextField
                      id="move-app-domain"
                      label={t('apps.move.domainLabel')}
                      value={newDomain}
                      onChange={setNewDomain}
                      placeholder={t('apps.move.domainPlaceholder', { domain })}
                      hint={t('apps.move.domainHint')}
                      error={showDomainError ? domainError : undefined}
                      disabled={starting}
                      autoComplete="off"
                      spellCheck={false}
                      data-testid="move-app-domain"
                    />
                  )}
                  {target && (
                    <div className="move__steps">
                      <h3 className="restore__heading">{t('apps.move.whatHappens')}</h3>
                      <ol className="restore__list" data-testid="move-app-steps">
                        {moveSteps(mode, domain, server, target, mode === 'clone' ? newDomain.trim() || undefined : undefined).map((s) => (
                          <li key={s}>{s}</li>
                        ))}
                      </ol>
                      {mode === 'move' && (
                        <p className="muted">{t('apps.move.keepsAddress', { domain, target })}</p>
                      )}
                    </div>
                  )}
                </>
              )}
              {startError && <ErrorPanel error={startError} title={mode === 'move' ? t('apps.move.moveFailedStart') : t('apps.move.copyFailedStart')} />}
              <StartActions
                starting={starting}
                disabled={!target}
                onStart={confirm}
                label={t(mode === 'move' ? 'apps.move.confirmMove' : 'apps.move.confirmCopy', { target: target ?? '…' })}
                startingLabel={t('apps.move.starting')}
                testId="move-app-confirm"
              />
            </>
          )}

          {jobId && (
            <>
              <BackupJob
                job={job}
                testId="move-app-progress"
                doneTitle={mode === 'move' ? t('apps.move.movedTitle', { domain, target: target ?? '' }) : t('apps.move.copiedTitle', { domain: resultDomain, target: target ?? '' })}
                failedTitle={mode === 'move' ? t('apps.move.moveFailed') : t('apps.move.copyFailed')}
              >
                {job?.status === 'done' && (
                  <p>{mode === 'move' ? t('apps.move.oldStopped', { server }) : t('apps.move.oldRuns', { server })}</p>
                )}
                {job?.status === 'failed' && <p>{t('apps.move.failedText', { server })}</p>}
              </BackupJob>
              <JobActions closeLabel={ended ? t('common.actions.close') : t('apps.move.hide')} closeTone="secondary">
                {job?.status === 'done' && target && (
                  <button type="button" className="btn btn--primary" onClick={() => openOn(target, resultDomain)} data-testid="move-app-open">
                    {t('apps.move.openOn', { domain: resultDomain, target })}
                  </button>
                )}
              </JobActions>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
