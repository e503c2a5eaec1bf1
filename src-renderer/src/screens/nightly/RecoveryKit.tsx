import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyButton } from '../../components/CopyButton'
import { Icon } from '../../components/Icon'
import { recoveryKitFileName, recoveryKitText, type RecoveryKitData } from './nightlyText'

// The recovery kit, shown once after a setup that worked: the restic
// password the backups are locked with, with Copy and "Save as a file".
// The app keeps it nowhere; the file is made in the page and handed to the
// browser's (or Electron's) own save.
export function RecoveryKit({ kit, saved, onSaved }: { kit: RecoveryKitData; saved: boolean; onSaved: (saved: boolean) => void }) {
  const { t } = useTranslation()
  const text = recoveryKitText(kit, (k, v) => t(k as 'nightly.kit.fileText', v))
  const url = useRef<string | undefined>(undefined)
  const panel = useRef<HTMLElement>(null)
  // It appears below the job's result: brought into view, so nobody closes past it unseen.
  // A block, not an expression: Chromium's scrollIntoView now returns a promise, which React would take for a clean-up.
  useEffect(() => {
    void panel.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  // The file's address lives until the next save or until the kit is gone.
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current)
      url.current = undefined
    },
    []
  )
  const save = (): void => {
    if (url.current) URL.revokeObjectURL(url.current)
    url.current = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url.current
    a.download = recoveryKitFileName(kit.server)
    a.hidden = true
    document.body.append(a)
    a.click()
    a.remove()
  }
  return (
    <section ref={panel} className="panel panel--warn nightly-kit" aria-labelledby="nightly-kit-title" data-testid="recovery-kit">
      <div className="panel__head">
        <Icon name="alert" className="panel__icon" />
        <h3 className="panel__title" id="nightly-kit-title">
          {t('nightly.kit.title')}
        </h3>
      </div>
      <p>{t('nightly.kit.explain')}</p>
      <p>{t('nightly.kit.where')}</p>
      <label className="field__label" htmlFor="nightly-kit-text">
        {t('nightly.kit.label')}
      </label>
      <textarea id="nightly-kit-text" className="input mono new-key__public" readOnly rows={9} value={text} data-testid="recovery-kit-text" />
      <div className="actions">
        <CopyButton value={text} what={t('nightly.kit.copyWhat')} testId="recovery-kit-copy" />
        <button type="button" className="btn btn--secondary btn--small" onClick={save} data-testid="recovery-kit-save">
          {t('nightly.kit.save')}
        </button>
      </div>
      <div className="check-field">
        <input type="checkbox" id="nightly-kit-saved" checked={saved} onChange={(e) => onSaved(e.target.checked)} aria-describedby={saved ? undefined : 'nightly-kit-must'} data-testid="recovery-kit-saved" />
        <label htmlFor="nightly-kit-saved">{t('nightly.kit.saved')}</label>
        {!saved && (
          <p className="field__hint" id="nightly-kit-must">
            {t('nightly.kit.mustTick')}
          </p>
        )}
      </div>
    </section>
  )
}
