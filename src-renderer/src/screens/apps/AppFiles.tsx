import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { FileEntry, FileVolume, FolderListing } from '../../../../src-main/contract/files'
import { api } from '../../api/client'
import { startUpload } from '../../api/upload'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { JobProgress, ProgressBar } from '../../components/JobProgress'
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
// confirming, upload files into a folder (a button, or dropped onto the list)
// after a confirmation that names the files it replaces. The core reaches the volume through the service's running
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
  // Uploading: the files chosen (waiting for the confirmation), their bytes on their way to the app (browser mode), the job.
  const [chosen, setChosen] = useState<File[]>()
  const [chosenError, setChosenError] = useState<string>()
  const [sending, setSending] = useState<{ done: number; total: number; abort: AbortController }>()
  const [upload, setUpload] = useState<{ jobId: string; count: number; where: string }>()
  const [uploadError, setUploadError] = useState<ApiErrorBody>()
  const [dropping, setDropping] = useState(false)
  const picker = useRef<HTMLInputElement>(null)
  const uploadButton = useRef<HTMLButtonElement>(null)
  const uploadJob = useJob(upload?.jobId)

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

  // Only the newest reading is shown: one asked earlier (another place, or
  // the first volume while the person already chose another) may answer last.
  const reading = useRef(0)
  const list = useCallback(() => {
    if (!volume) return
    const mine = ++reading.current
    api.call('apps.files.list', { server, domain, volume, path: dir }).then(
      (a) => {
        if (mine !== reading.current) return
        setListError(undefined)
        setListing(a)
      },
      (err: unknown) => {
        if (mine !== reading.current) return
        setListing(undefined)
        setListError(errorBody(err))
      }
    )
  }, [server, domain, volume, dir])
  useEffect(list, [list])

  const open = (v: string, path: string): void => {
    setListing(undefined)
    // The place already shown: nothing changes for the effect to read it
    // again, so read it here (else the list would stay empty for good).
    if (v === volume && path === dir) list()
    else {
      setVolume(v)
      setDir(path)
    }
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
  const where = `${label(volume ?? '')}${dir ? ` / ${dir}` : ''}`
  const uploading = sending !== undefined || uploadJob?.status === 'running'

  // The listing is read again once an upload ends, however it ended.
  const uploadEnded = uploadJob && uploadJob.status !== 'running' ? uploadJob.id : undefined
  const refreshedFor = useRef<string>(undefined)
  useEffect(() => {
    if (!uploadEnded || refreshedFor.current === uploadEnded) return
    refreshedFor.current = uploadEnded
    list()
  }, [uploadEnded, list])

  const choose = (files: File[]): void => {
    if (files.length === 0) return
    setUploadError(undefined)
    setChosen(files)
  }

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault()
    setDropping(false)
    if (uploading || !listing) return
    // A dropped folder comes as a File too; its entry says what it is.
    const folders = [...e.dataTransfer.items].some((item) => item.kind === 'file' && item.webkitGetAsEntry()?.isDirectory)
    if (folders) {
      setChosenError(t('files.upload.noFolders'))
      return
    }
    setChosenError(undefined)
    choose([...e.dataTransfer.files])
  }
  const onDragOver = (e: DragEvent<HTMLDivElement>): void => {
    if (uploading || !listing || !e.dataTransfer.types.includes('Files')) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
    setDropping(true)
  }

  // What the confirmation says: the files that replace ones there, and names that can't go in.
  const existing = new Map((listing?.entries ?? []).map((e) => [e.name, e]))
  const replaced = (chosen ?? []).filter((f) => existing.get(f.name)?.type === 'file')
  const blocked = (chosen ?? []).find((f) => existing.has(f.name) && existing.get(f.name)?.type !== 'file')
  const twice = (chosen ?? []).find((f, i, all) => all.findIndex((g) => g.name === f.name) !== i)
  const chosenBytes = (chosen ?? []).reduce((a, f) => a + f.size, 0)

  const confirmUpload = (): void => {
    if (!volume || !chosen) return
    const files = chosen
    const abort = new AbortController()
    const total = files.reduce((a, f) => a + f.size, 0)
    const into = where
    setChosen(undefined)
    setUploadError(undefined)
    setUpload(undefined)
    setSending({ done: 0, total, abort })
    startUpload({ server, domain, volume, path: dir }, files, {
      signal: abort.signal,
      onProgress: (done) => setSending((s) => (s && s.abort === abort ? { ...s, done } : s))
    }).then(
      (jobId) => {
        setSending(undefined)
        setUpload({ jobId, count: files.length, where: into })
      },
      (err: unknown) => {
        setSending(undefined)
        setUploadError(errorBody(err))
      }
    )
  }
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
        <div
          className={`files-drop${dropping ? ' files-drop--over' : ''}`}
          data-testid="files-drop"
          onDragOver={onDragOver}
          onDragLeave={() => setDropping(false)}
          onDrop={onDrop}
        >
          {dropping && (
            <p className="files-drop__hint" aria-hidden="true">
              {t('files.upload.dropHere', { where })}
            </p>
          )}
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
            <button type="button" className="btn btn--primary" ref={uploadButton} onClick={() => picker.current?.click()} disabled={uploading} data-testid="files-upload">
              {t('files.upload.button')}
            </button>
            <input
              ref={picker}
              type="file"
              multiple
              hidden
              onChange={(e) => {
                const files = [...(e.target.files ?? [])]
                e.target.value = ''
                setChosenError(undefined)
                choose(files)
              }}
            />
          </div>
          <p className="muted">{t('files.upload.dropHint')}</p>
          {chosenError && (
            <p className="files-drop__error" role="alert" data-testid="files-upload-refused">
              {chosenError}
            </p>
          )}
        </div>
      )}
      {downloadError && <ErrorPanel error={downloadError} title={t('files.downloadFailed')} />}
      {job && (
        <div data-testid="files-download">
          <JobProgress job={job} headingLevel={3} />
          {job.status === 'done' && download && <p data-testid="files-saved">{t('files.savedAs', { file: download.file })}</p>}
        </div>
      )}
      {uploadError && <ErrorPanel error={uploadError} title={t('files.upload.failed')} />}
      {sending && (
        <section className="job" data-testid="files-sending" aria-labelledby="files-sending-title">
          <h3 className="job__title" id="files-sending-title">
            {t('files.upload.sendingTitle')}
          </h3>
          <p className="job__step" aria-live="polite">
            {t('files.upload.sending', { done: bytesText(sending.done), total: bytesText(sending.total) })}
          </p>
          <ProgressBar percent={sending.total > 0 ? (sending.done / sending.total) * 100 : undefined} label={t('files.upload.sendingLabel')} />
          <div className="actions">
            <button type="button" className="btn btn--secondary" onClick={() => sending.abort.abort()}>
              {t('common.actions.cancel')}
            </button>
          </div>
        </section>
      )}
      {uploadJob && (
        <div data-testid="files-upload-job">
          <JobProgress job={uploadJob} headingLevel={3} />
          {uploadJob.status === 'done' && upload && (
            <p data-testid="files-uploaded">{t('files.upload.done', { count: upload.count, where: upload.where })}</p>
          )}
        </div>
      )}
      <ConfirmDialog
        open={chosen !== undefined}
        onOpenChange={(o) => !o && setChosen(undefined)}
        title={t('files.upload.title', { count: chosen?.length ?? 0, where })}
        confirmLabel={replaced.length > 0 ? t('files.upload.confirmReplace') : t('files.upload.confirm')}
        danger={replaced.length > 0}
        disabled={blocked !== undefined || twice !== undefined}
        onConfirm={confirmUpload}
        testId="upload-dialog"
        confirmTestId="upload-confirm"
      >
        <p className="dialog__text">{t('files.upload.intro', { where, domain })}</p>
        <ul className="files-upload-list" data-testid="upload-files">
          {(chosen ?? []).map((f, i) => (
            <li key={`${i}-${f.name}`} data-name={f.name} data-replaces={existing.get(f.name)?.type === 'file' ? 'yes' : undefined}>
              <span className="mono">{f.name}</span> <span className="muted">· {bytesText(f.size)}</span>
              {existing.get(f.name)?.type === 'file' && <strong className="files-upload-list__replaces"> · {t('files.upload.replacedMark')}</strong>}
            </li>
          ))}
        </ul>
        <p className="dialog__text" data-testid="upload-total">
          {t('files.upload.total', { size: bytesText(chosenBytes) })}
        </p>
        {replaced.length > 0 ? (
          <div className="files-upload-replace" role="note" data-testid="upload-replaced">
            <p>
              <strong>{t('files.upload.replaceWarning', { count: replaced.length })}</strong>
            </p>
            <ul>
              {replaced.map((f) => (
                <li key={f.name} className="mono">
                  {f.name}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="dialog__text">{t('files.upload.noReplace')}</p>
        )}
        {blocked && <p className="files-drop__error">{t('files.upload.notAFile', { name: blocked.name })}</p>}
        {twice && <p className="files-drop__error">{t('files.upload.sameName', { name: twice.name })}</p>}
      </ConfirmDialog>
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
