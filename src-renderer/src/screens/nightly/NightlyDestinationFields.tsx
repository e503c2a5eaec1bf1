import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Choice } from '../../components/Choice'
import { Icon } from '../../components/Icon'
import { TextField } from '../../components/TextField'
import type { DestinationKind, NightlyErrors, NightlyField, NightlyForm } from './nightlyText'

const KINDS: DestinationKind[] = ['server', 'sftp', 's3']
/** A private key file is a few kB; anything much bigger is not one. */
const KEY_FILE_MAX = 64 * 1024

// Where the nightly backups go: a choice of three, then only the chosen
// one's fields. Secrets (the key, the S3 secret) are typed here and sent
// once to the server as swarm secrets.
export function NightlyDestinationFields({
  server,
  form,
  errors,
  set,
  disabled
}: {
  server: string
  form: NightlyForm
  errors: NightlyErrors
  set: (field: NightlyField | 'kind', value: string) => void
  disabled: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      <fieldset className="choices" disabled={disabled}>
        <legend className="field__label">{t('nightly.setup.where')}</legend>
        {KINDS.map((k) => (
          <Choice key={k} id={`nightly-kind-${k}`} name="nightly-kind" checked={form.kind === k} onSelect={() => set('kind', k)} title={t(`nightly.setup.${k}`)} text={t(`nightly.setup.${k}Text`)} />
        ))}
      </fieldset>
      {form.kind === 'sftp' && <Sftp server={server} form={form} errors={errors} set={set} disabled={disabled} />}
      {form.kind === 's3' && (
        <div className="form__group">
          <TextField id="nightly-endpoint" label={t('nightly.setup.endpoint')} hint={t('nightly.setup.endpointHint')} value={form.endpoint} onChange={(v) => set('endpoint', v)} error={errors.endpoint} disabled={disabled} inputMode="url" spellCheck={false} autoComplete="off" />
          <TextField id="nightly-bucket" label={t('nightly.setup.bucket')} hint={t('nightly.setup.bucketHint')} value={form.bucket} onChange={(v) => set('bucket', v)} error={errors.bucket} disabled={disabled} spellCheck={false} autoComplete="off" />
          <TextField id="nightly-accessKeyId" label={t('nightly.setup.accessKeyId')} value={form.accessKeyId} onChange={(v) => set('accessKeyId', v)} error={errors.accessKeyId} disabled={disabled} spellCheck={false} autoComplete="off" />
          <TextField
            id="nightly-secretAccessKey"
            type="password"
            label={t('nightly.setup.secretAccessKey')}
            hint={t('nightly.setup.secretHint', { server })}
            value={form.secretAccessKey}
            onChange={(v) => set('secretAccessKey', v)}
            error={errors.secretAccessKey}
            disabled={disabled}
            autoComplete="off"
          />
        </div>
      )}
    </>
  )
}

function Sftp({ server, form, errors, set, disabled }: { server: string; form: NightlyForm; errors: NightlyErrors; set: (field: NightlyField, value: string) => void; disabled: boolean }) {
  const { t } = useTranslation()
  const picker = useRef<HTMLInputElement>(null)
  const [fileError, setFileError] = useState(false)
  const readKey = (file: File | undefined): void => {
    setFileError(false)
    if (!file) return
    if (file.size > KEY_FILE_MAX) {
      setFileError(true)
      return
    }
    file.text().then(
      (text) => set('privateKey', text),
      () => setFileError(true)
    )
  }
  const keyError = errors.privateKey ?? (fileError ? t('nightly.setup.keyFileError') : undefined)
  return (
    <div className="form__group">
      <div className="form__row">
        <TextField id="nightly-host" label={t('nightly.setup.host')} hint={t('nightly.setup.hostHint')} value={form.host} onChange={(v) => set('host', v)} error={errors.host} disabled={disabled} spellCheck={false} autoComplete="off" />
        <TextField id="nightly-port" className="input input--short" label={t('nightly.setup.port')} value={form.port} onChange={(v) => set('port', v)} error={errors.port} disabled={disabled} inputMode="numeric" autoComplete="off" />
      </div>
      <TextField id="nightly-user" label={t('nightly.setup.user')} value={form.user} onChange={(v) => set('user', v)} error={errors.user} disabled={disabled} spellCheck={false} autoComplete="off" />
      <TextField id="nightly-path" label={t('nightly.setup.path')} hint={t('nightly.setup.pathHint')} value={form.path} onChange={(v) => set('path', v)} error={errors.path} disabled={disabled} spellCheck={false} autoComplete="off" />
      <div className={`field${keyError ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="nightly-privateKey">
          {t('nightly.setup.privateKey')}
        </label>
        <textarea
          id="nightly-privateKey"
          className="input mono nightly__key"
          rows={4}
          value={form.privateKey}
          onChange={(e) => set('privateKey', e.target.value)}
          disabled={disabled}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={keyError ? true : undefined}
          aria-describedby={`${keyError ? 'nightly-privateKey-error ' : ''}nightly-privateKey-hint`}
        />
        {keyError && (
          <p className="field__error" id="nightly-privateKey-error">
            <Icon name="alert" />
            <span>{keyError}</span>
          </p>
        )}
        <p className="field__hint" id="nightly-privateKey-hint">
          {t('nightly.setup.privateKeyHint', { server })}
        </p>
        <div className="actions">
          <button type="button" className="btn btn--secondary btn--small" onClick={() => picker.current?.click()} disabled={disabled}>
            {t('nightly.setup.chooseKey')}
          </button>
        </div>
        <input
          ref={picker}
          type="file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            readKey(file)
          }}
        />
      </div>
      <TextField
        id="nightly-hostKey"
        className="input mono"
        label={t('nightly.setup.hostKey')}
        hint={t('nightly.setup.hostKeyHint', { host: form.host.trim() || 'storage.example.org' })}
        value={form.hostKey}
        onChange={(v) => set('hostKey', v)}
        error={errors.hostKey}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
      />
    </div>
  )
}
