import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { FileEntry, FileVolume, FolderListing } from '../../../../src-main/contract/files'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { JobProgress } from '../../components/JobProgress'
import { errorBody } from '../../lib/errors'
import { bytesText, exactTimeText, timeText } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { useJob } from '../../state/jobs'
import '../../styles/files.css'

const label = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1)
const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name)

// The files in an app's volumes (where it keeps its data), as `abra app cp`
// moves them: choose a volume, open its folders, download a file or a folder
// (as .tar.gz, into the Downloads folder, with progress), delete one after
// confirming. The core reaches the volume through the service's running
// container, or a short-lived helper container when the service is stopped.
export function AppFiles({ server, domain }: { server: string; domain: string }) {
  const { t } = useTranslation()
  const [volumes, setVolumes] = useState<FileVolume[]>()
  const [volume, setVolume] = useState<string>()
  const [dir, setDir] = useState('')
  const [listing, setListing] = useState<FolderListing>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [listError, setListError] = useState<ApiErrorBody>()
  const [downloadError, setDownloadError] = useState<ApiErrorBody>()
  const [download, setDownload] = useState<{ jobId: string; file: string }>()
  const [deleting, setDeleting] = useState<FileEntry>()
  const removing = useCall()
  const job = useJob(download?.jobId)

  const loadVolumes = useCallback(() => {
    api.call('apps.files.volumes', { server, domain }).then(
      (a) => {
        setLoadError(undefined)
        setVolumes(a.volumes)
        setVolume((v) => v ?? a.volumes.find((x) => x.service)?.name)
      },
      (err: unknown) => setLoadError(errorBody(err))
    )
  }, [server, domain])
  useEffect(loadVolumes, [loadVolumes])

  const list = useCallback(() => {
    if (!volume) return
    api.call('apps.files.list', { server, domain, volume, path: dir }).then(
      (a) => {
        setListError(undefined)
        setListing(a)
      },
      (err: unknown) => {
        setListing(undefined)
        setListError(errorBody(err))
      }
    )
  }, [server, domain, volume, dir])
  useEffect(list, [list])

  const open = (v: string, path: string): void => {
    setListing(undefined)
    setVolume(v)
    setDir(path)
  }

  const startDownload = (entry: FileEntry | undefined): void => {
    if (!volume) return
    setDownloadError(undefined)
    const path = entry ? join(dir, entry.name) : dir
    api.call('apps.files.download', { server, domain, volume, path }).then(setDownload, (err: unknown) => setDownloadError(errorBody(err)))
  }

  const confirmDelete = (): void => {
    if (!volume || !deleting) return
    removing.run(
      () => api.call('apps.files.remove', { server, domain, volume, path: join(dir, deleting.name), confirm: deleting.name }),
      () => {
        setDeleting(undefined)
        list()
      }
    )
  }

  const downloading = job?.status === 'running'
  const crumbs = dir ? dir.split('/') : []
  const typeWords = (e: FileEntry): string => t(`files.type.${e.type}`)

  return (
    <section className="app-files-tab" aria-labelledby="app-files-title" data-testid="app-files-tab">
      <h2 id="app-files-title" className="section-title">
        {t('files.title')}
      </h2>
      <p className="page__intro">{t('files.intro')}</p>
      {!volumes && !loadError && <Busy>{t('files.loadingVolumes')}</Busy>}
      {loadError && (
        <ErrorPanel error={loadError} title={t('files.loadFailed')}>
          <button type="button" className="btn btn--primary" onClick={loadVolumes}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      {volumes && volumes.length === 0 && <p className="muted">{t('files.noVolumes')}</p>}
      {volumes && volumes.length > 0 && (
        <div className="actions" role="group" aria-label={t('files.volumesLabel')} data-testid="files-volumes">
          {volumes.map((v) => (
            <button
              key={v.volume}
              type="button"
              className={`btn ${v.name === volume ? 'btn--primary' : 'btn--secondary'}`}
              aria-pressed={v.name === volume}
              onClick={() => open(v.name, '')}
              disabled={!v.service}
              title={v.service ? t('files.mountedAt', { service: v.service, path: v.mountPath }) : t('files.notMounted')}
            >
              {label(v.name)}
            </button>
          ))}
        </div>
      )}
      {volume && (
        <nav aria-label={t('files.whereLabel')} className="files-crumbs" data-testid="files-crumbs">
          <ol className="files-crumbs__list">
            <li>
              <button type="button" className="btn btn--ghost btn--small" onClick={() => open(volume, '')} aria-current={dir === '' ? 'location' : undefined}>
                {label(volume)}
              </button>
            </li>
            {crumbs.map((c, i) => {
              const to = crumbs.slice(0, i + 1).join('/')
              return (
                <li key={to}>
                  <span aria-hidden="true"> / </span>
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => open(volume, to)} aria-current={to === dir ? 'location' : undefined}>
                    {c}
                  </button>
                </li>
              )
            })}
          </ol>
        </nav>
      )}
      {volume && !listing && !listError && <Busy>{t('files.loading')}</Busy>}
      {listError && (
        <ErrorPanel error={listError} title={t('files.listFailed')}>
          <button type="button" className="btn btn--primary" onClick={list}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      {listing && (
        <>
          {listing.via === 'helper' && (
            <p className="muted" data-testid="files-via-helper">
              {t('files.viaHelper')}
            </p>
          )}
          {listing.entries.length === 0 ? (
            <p className="muted" data-testid="files-empty">
              {t('files.empty')}
            </p>
          ) : (
            <table className="table files-table" data-testid="files-table">
              <caption className="sr-only">{t('files.tableCaption', { where: `${label(volume ?? '')}${dir ? ` / ${dir}` : ''}` })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('files.head.name')}</th>
                  <th scope="col">{t('files.head.size')}</th>
                  <th scope="col">{t('files.head.changed')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('files.head.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.entries.map((e) => (
                  <tr key={e.name} data-testid="file-row" data-name={e.name} data-type={e.type}>
                    <th scope="row">
                      {e.type === 'folder' ? (
                        <button type="button" className="btn btn--ghost btn--small" onClick={() => open(volume ?? '', join(dir, e.name))} aria-label={t('files.openFolder', { name: e.name })}>
                          {e.name}/
                        </button>
                      ) : (
                        <span className="mono">{e.name}</span>
                      )}
                      <span className="muted"> · {typeWords(e)}</span>
                    </th>
                    <td>{e.type === 'folder' ? '' : bytesText(e.bytes)}</td>
                    <td>
                      {e.modifiedAt && (
                        <time dateTime={e.modifiedAt} title={exactTimeText(e.modifiedAt)}>
                          {timeText(e.modifiedAt)}
                        </time>
                      )}
                    </td>
                    <td className="files-table__actions">
                      {(e.type === 'file' || e.type === 'folder') && (
                        <button type="button" className="btn btn--secondary btn--small" onClick={() => startDownload(e)} disabled={downloading} aria-label={t('files.downloadOne', { name: e.name })}>
                          {t('files.download')}
                        </button>
                      )}
                      <button type="button" className="btn btn--danger btn--small" onClick={() => setDeleting(e)} aria-label={t('files.deleteOne', { name: e.name })}>
                        {t('files.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" className="btn btn--secondary" onClick={() => startDownload(undefined)} disabled={downloading} data-testid="files-download-folder">
              {t('files.downloadFolder')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={list}>
              {t('files.lookAgain')}
            </button>
          </div>
        </>
      )}
      {downloadError && <ErrorPanel error={downloadError} title={t('files.downloadFailed')} />}
      {job && (
        <div data-testid="files-download">
          <JobProgress job={job} headingLevel={3} />
          {job.status === 'done' && download && <p data-testid="files-saved">{t('files.savedAs', { file: download.file })}</p>}
        </div>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(o) => !o && setDeleting(undefined)}
        title={t('files.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('files.delete')}
        busyLabel={t('files.deleting')}
        danger
        busy={removing.busy}
        error={removing.error}
        errorTitle={t('files.deleteFailed')}
        onConfirm={confirmDelete}
        testId="delete-file-dialog"
        confirmTestId="delete-file-confirm"
      >
        <p className="dialog__text">{deleting?.type === 'folder' ? t('files.deleteFolderWarning', { domain }) : t('files.deleteWarning', { domain })}</p>
      </ConfirmDialog>
    </section>
  )
}
