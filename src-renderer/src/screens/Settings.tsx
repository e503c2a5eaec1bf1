import { useEffect, useState } from 'react'
import type { ApiErrorBody, Output } from '../../../src-main/contract'
import { api } from '../api/client'
import { ErrorPanel } from '../components/ErrorPanel'
import { PageTitle } from '../components/PageTitle'
import { errorBody } from '../lib/errors'

export function Settings() {
  const [info, setInfo] = useState<Output<'app.info'>>()
  const [error, setError] = useState<ApiErrorBody>()
  useEffect(() => {
    let live = true
    api.call('app.info', {}).then(
      (i) => live && setInfo(i),
      (err: unknown) => live && setError(errorBody(err))
    )
    return () => {
      live = false
    }
  }, [])
  return (
    <div className="page" data-testid="settings">
      <header className="page__head">
        <PageTitle>Settings</PageTitle>
      </header>
      <section className="card">
        <h2 className="card__title">About this app</h2>
        {error && <ErrorPanel error={error} title="The app could not read its own details" />}
        {info && (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Where abra’s files are kept</dt>
            <dd className="mono">{info.abraDir}</dd>
          </dl>
        )}
      </section>
      <section className="card">
        <h2 className="card__title">Appearance</h2>
        <p>The app follows your computer’s light or dark setting.</p>
      </section>
    </div>
  )
}
