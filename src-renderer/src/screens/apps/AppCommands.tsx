import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { i18n } from '../../i18n'
import { errorBody } from '../../lib/errors'
import type { Status } from '../../lib/status'
import { openStream, type StreamHandle } from '../../state/apps'
import '../../styles/commands.css'

type Command = { name: string; description?: string }
type Run = { command: string; service: string; text: string; state: 'starting' | 'running' | 'ended'; exitCode?: number; endError?: string; error?: ApiErrorBody }

// Output kept on the page; a command that prints more shows its last part.
const MAX_OUTPUT = 200_000

// "app" is the main service in Co-op Cloud recipes, so it comes first.
const firstService = (services: string[]): string => (services.includes('app') ? 'app' : (services[0] ?? ''))

/** The recipe's commands (abra app cmd): pick one, a service and arguments, and run it. */
export function AppCommands({ server, domain, services, deployed }: { server: string; domain: string; services: string[]; deployed: boolean }) {
  const { t } = useTranslation()
  const [list, setList] = useState<{ version?: string; commands: Command[] }>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [command, setCommand] = useState('')
  const [service, setService] = useState(() => firstService(services))
  const [args, setArgs] = useState('')
  const [run, setRun] = useState<Run>()
  const handle = useRef<StreamHandle>(undefined)
  const output = useRef<HTMLPreElement>(null)

  const load = useCallback(() => {
    api.call('apps.commands', { server, domain }).then(
      (r) => {
        setLoadError(undefined)
        setList(r)
        setCommand((c) => c || r.commands.find((x) => !x.name.startsWith('_'))?.name || r.commands[0]?.name || '')
      },
      (err: unknown) => setLoadError(errorBody(err))
    )
  }, [server, domain])
  useEffect(load, [load])
  // Leaving the page stops following what runs (the core closes it too when the page goes).
  useEffect(() => () => handle.current?.stop(), [])
  useEffect(() => {
    if (output.current) output.current.scrollTop = output.current.scrollHeight
  }, [run?.text])

  if (loadError) {
    return (
      <ErrorPanel error={loadError} title={t('commands.loadFailed')}>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => {
            setLoadError(undefined)
            load()
          }}
        >
          {t('common.actions.tryAgain')}
        </button>
      </ErrorPanel>
    )
  }
  if (!list) return <Busy>{t('commands.loading')}</Busy>
  if (list.commands.length === 0) return <p className="muted" data-testid="commands-none">{t('commands.none', { version: list.version ?? '' })}</p>

  const chosen = list.commands.find((c) => c.name === command)
  const running = run !== undefined && run.state !== 'ended'
  const start = (): void => {
    const argv = args === '' ? [] : args.split('\n')
    const started: Run = { command, service, text: '', state: 'starting' }
    setRun(started)
    handle.current?.stop()
    handle.current = openStream(() => api.call('apps.runCommand', { server, domain, service, command, args: argv }), {
      onStarted: () => setRun((r) => r && { ...r, state: 'running' }),
      onData: (data) => setRun((r) => r && { ...r, text: (r.text + data).slice(-MAX_OUTPUT) }),
      onEnd: (end) => setRun((r) => r && { ...r, state: 'ended', exitCode: end.exitCode, endError: end.error }),
      onError: (err) => setRun((r) => r && { ...r, state: 'ended', error: err })
    })
  }

  return (
    <div className="commands">
      <p className="page__intro">{t('commands.intro', { version: list.version ?? '' })}</p>
      {!deployed && <p className="muted">{t('commands.notDeployed')}</p>}
      <form
        className="commands__form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!running && deployed && command && service) start()
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="command-name">
            {t('commands.command')}
          </label>
          <select id="command-name" className="input" value={command} onChange={(e) => setCommand(e.target.value)} aria-describedby="command-about" data-testid="command-name">
            {list.commands.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          <p className="field__hint" id="command-about" data-testid="command-about">
            {chosen?.description ?? t('commands.noDescription')}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="command-service">
            {t('commands.service')}
          </label>
          <select id="command-service" className="input" value={service} onChange={(e) => setService(e.target.value)} aria-describedby="command-service-hint" data-testid="command-service">
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <p className="field__hint" id="command-service-hint">
            {t('commands.serviceHint')}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="command-args">
            {t('commands.arguments')}
          </label>
          <textarea id="command-args" className="input commands__args" rows={3} value={args} onChange={(e) => setArgs(e.target.value)} aria-describedby="command-args-hint" data-testid="command-args" spellCheck={false} />
          <p className="field__hint" id="command-args-hint">
            {t('commands.argumentsHint')}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={running || !deployed || !command || !service} data-testid="command-run">
            {running ? t('commands.running', { command: run.command }) : t('commands.run')}
          </button>
        </div>
      </form>

      {run && (
        <section className="commands__run" aria-label={t('commands.outputTitle', { command: run.command, service: run.service })}>
          <div className="commands__status" aria-live="polite" data-testid="command-status" data-exit={run.exitCode ?? ''}>
            <StatusBadge status={statusOf(run)} />
            <span>{wordsOf(run)}</span>
          </div>
          {run.error && <ErrorPanel error={run.error} title={t('commands.startFailed', { command: run.command })} />}
          {!run.error && (
            <pre className="commands__output" ref={output} role="log" tabIndex={0} aria-label={t('commands.outputTitle', { command: run.command, service: run.service })} data-testid="command-output">
              {run.text || (run.state === 'ended' ? t('commands.noOutput') : '')}
            </pre>
          )}
        </section>
      )}
    </div>
  )
}

function statusOf(run: Run): Status {
  const t = i18n.t
  if (run.state !== 'ended') return { tone: 'busy', icon: 'sync', word: t('commands.status.running') }
  if (run.exitCode === 0) return { tone: 'ok', icon: 'check', word: t('commands.status.done') }
  return { tone: 'bad', icon: 'cross', word: t('commands.status.failed') }
}

function wordsOf(run: Run): string {
  const t = i18n.t
  if (run.state === 'starting') return t('commands.starting', { command: run.command, service: run.service })
  if (run.state === 'running') return t('commands.runningIn', { command: run.command, service: run.service })
  if (run.error) return t('commands.notStarted')
  if (run.endError) return run.endError
  if (run.exitCode === 0) return t('commands.exitOk')
  if (run.exitCode === undefined) return t('commands.exitUnknown')
  return t('commands.exitFailed', { code: run.exitCode })
}
