import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { CleanupPreview, CleanupResult } from '../../../../src-main/contract/cleanup'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { JobProgress } from '../../components/JobProgress'
import { errorBody } from '../../lib/errors'
import { bytesText } from '../../lib/format'
import { useJob } from '../../state/jobs'

// "Free up disk space" on a server's page: a preview of what would go
// (stopped containers, images nothing uses, build cache; never volumes),
// then, once confirmed, the clean-up job removes exactly that and says what
// it freed. The preview is asked for only when the person asks: Docker adds
// everything up to answer it.

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)

export function ServerCleanup({ name }: { name: string }) {
  const { t } = useTranslation()
  const [preview, setPreview] = useState<CleanupPreview>()
  const [looking, setLooking] = useState(false)
  const [open, setOpen] = useState(false)
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const [jobId, setJobId] = useState<string>()
  const [result, setResult] = useState<CleanupResult>()
  const job = useJob(jobId)
  const status = job?.status

  useEffect(() => {
    if (!jobId || !status || status === 'running') return
    let live = true
    api.call('servers.cleanupResult', { jobId }).then(
      (r) => live && r && setResult(r),
      () => {}
    )
    return () => {
      live = false
    }
  }, [jobId, status])

  const look = (): void => {
    setLooking(true)
    setError(undefined)
    setResult(undefined)
    api.call('servers.cleanupPreview', { server: name, images: 'unused' }).then(
      (p) => {
        setLooking(false)
        setPreview(p)
        if (p.containers.length || p.removeImages.length || p.buildCache.entries) setOpen(true)
      },
      (err: unknown) => {
        setLooking(false)
        setError(errorBody(err))
      }
    )
  }

  const apply = (): void => {
    if (!preview) return
    setStarting(true)
    setError(undefined)
    api
      .call('servers.cleanup', {
        server: name,
        images: preview.images,
        containers: preview.containers.map((c) => c.id),
        removeImages: preview.removeImages.map((i) => i.id),
        buildCache: preview.buildCache.entries > 0
      })
      .then(
        ({ jobId: id }) => {
          setStarting(false)
          setOpen(false)
          setJobId(id)
        },
        (err: unknown) => {
          setStarting(false)
          setError(errorBody(err))
        }
      )
  }

  const b = preview?.bytes
  const empty = preview && !preview.containers.length && !preview.removeImages.length && !preview.buildCache.entries
  const running = job?.status === 'running'
  return (
    <section className="server-cleanup" aria-labelledby="server-cleanup-title" data-testid="server-cleanup">
      <h3 id="server-cleanup-title">{t('cleanup.title')}</h3>
      <p className="muted">{t('cleanup.intro')}</p>
      <button type="button" className="btn btn--secondary" onClick={look} disabled={looking || running} data-testid="cleanup-look">
        {t('cleanup.look')}
      </button>
      {looking && <Busy>{t('cleanup.looking')}</Busy>}
      {error && !open && <ErrorPanel error={error} />}
      {empty && !looking && (
        <p role="status" data-testid="cleanup-nothing">
          {t('cleanup.nothing')}
        </p>
      )}
      {jobId && <JobProgress job={job} headingLevel={3} />}
      {result && (
        <div role="status" data-testid="cleanup-result" data-bytes={result.bytes}>
          <p>
            {t('cleanup.done', {
              size: bytesText(result.bytes),
              containers: t('cleanup.doneContainers', { count: result.containers }),
              images: t('cleanup.doneImages', { count: result.images })
            })}
          </p>
          {result.buildCacheBytes > 0 && <p>{t('cleanup.doneCache', { size: bytesText(result.buildCacheBytes) })}</p>}
          {result.skipped.length > 0 && (
            <>
              <p>{t('cleanup.skipped')}</p>
              <ul>
                {result.skipped.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {preview && b && (
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          title={
            b.total === b.totalUpTo
              ? t('cleanup.dialogTitle', { size: bytesText(b.total), server: name })
              : t('cleanup.dialogTitleRange', { size: bytesText(b.total), upTo: bytesText(b.totalUpTo), server: name })
          }
          confirmLabel={t('cleanup.confirm')}
          danger
          busy={starting}
          error={error}
          onConfirm={apply}
          testId="cleanup-dialog"
          confirmTestId="cleanup-confirm"
        >
          <p>{t('cleanup.lead')}</p>
          <ul className="server-cleanup__list" data-testid="cleanup-list" data-bytes={b.total} data-bytes-up-to={b.totalUpTo}>
            {preview.containers.length > 0 && (
              <li data-testid="cleanup-containers">
                {t('cleanup.containers', { count: preview.containers.length, size: bytesText(b.containers) })}
                <ul>
                  {preview.containers.map((c) => (
                    <li key={c.id} data-testid="cleanup-container" data-container={c.id}>
                      {c.name} ({c.image}, {bytesText(c.bytes)})
                    </li>
                  ))}
                </ul>
              </li>
            )}
            {preview.removeImages.length > 0 && (
              <li data-testid="cleanup-images">
                {b.images === b.imagesUpTo
                  ? t('cleanup.images', { count: preview.removeImages.length, size: bytesText(b.images) })
                  : t('cleanup.imagesRange', { count: preview.removeImages.length, size: bytesText(b.images), upTo: bytesText(b.imagesUpTo) })}
                <ul>
                  {preview.removeImages.map((img) => (
                    <li key={img.id} data-testid="cleanup-image" data-image={img.id}>
                      {img.tags.length ? img.tags.join(', ') : t('cleanup.noName', { id: shortId(img.id) })} ({bytesText(img.bytes)}
                      {img.uniqueBytes !== img.bytes ? `, ${t('cleanup.ownPart', { size: bytesText(img.uniqueBytes) })}` : ''}
                      {img.usedByStopped.length ? `, ${t('cleanup.afterContainers', { containers: img.usedByStopped.join(', ') })}` : ''})
                    </li>
                  ))}
                </ul>
              </li>
            )}
            {preview.buildCache.entries > 0 && <li>{t('cleanup.buildCache', { count: preview.buildCache.entries, size: bytesText(preview.buildCache.bytes) })}</li>}
          </ul>
          {preview.keptImages > 0 && <p>{t('cleanup.kept', { count: preview.keptImages })}</p>}
          <p data-testid="cleanup-volumes">{preview.volumes ? t('cleanup.volumes', { count: preview.volumes }) : t('cleanup.volumesNone')}</p>
          <p className="muted">{t('cleanup.changed')}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
