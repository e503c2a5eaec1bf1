import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Terminal as XTerm } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import '@xterm/xterm/css/xterm.css'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { openStream } from '../state/apps'
import { ErrorPanel } from './ErrorPanel'

// xterm.js writes its theme and cell sizes into <style> elements, which the
// page's CSP (style-src 'self') refuses and reports. While it builds its DOM,
// each <style> it asks for is swapped for an inert <template> whose text goes
// into a constructed stylesheet instead, which CSP allows.
function withConstructedStyles<T>(doc: Document, fn: () => T): { result: T; release: () => void } {
  const sheets: CSSStyleSheet[] = []
  const original = doc.createElement
  const create = original.bind(doc) as (tag: string, options?: ElementCreationOptions) => HTMLElement
  const patched = (tag: string, options?: ElementCreationOptions): HTMLElement => {
    if (tag.toLowerCase() !== 'style') return create(tag, options)
    const stand = create('template', options)
    const sheet = new CSSStyleSheet()
    sheets.push(sheet)
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet]
    let text = ''
    Object.defineProperty(stand, 'textContent', {
      configurable: true,
      get: () => text,
      set: (value: string | null) => {
        text = value ?? ''
        sheet.replaceSync(text)
      }
    })
    return stand
  }
  doc.createElement = patched as typeof doc.createElement
  try {
    return {
      result: fn(),
      release: () => {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !sheets.includes(s))
      }
    }
  } finally {
    doc.createElement = original
  }
}

type State = 'starting' | 'open' | 'ended'

// A shell inside one of the app's containers (docker exec), in xterm.js.
export function Terminal({ server, domain, service }: { server: string; domain: string; service: string }) {
  const [run, setRun] = useState(0)
  return <Session key={`${service}#${run}`} server={server} domain={domain} service={service} onAgain={() => setRun(run + 1)} />
}

function Session({ server, domain, service, onAgain }: { server: string; domain: string; service: string; onAgain: () => void }) {
  const { t } = useTranslation()
  const host = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<State>('starting')
  const [exitCode, setExitCode] = useState<number>()
  const [endError, setEndError] = useState<string>()
  const [error, setError] = useState<ApiErrorBody>()

  useEffect(() => {
    const el = host.current
    if (!el) return
    const term = new XTerm({
      cursorBlink: true,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: { background: '#111418', foreground: '#e8ebef', cursor: '#9dbbff', selectionBackground: '#34506f' }
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    const { release } = withConstructedStyles(el.ownerDocument, () => {
      term.open(el)
      fit.fit()
    })

    // Keys typed before the shell is there are kept and sent once it is.
    let pending = ''
    let ended = false
    const handle = openStream(
      () => api.call('apps.exec', { server, domain, service, cols: term.cols, rows: term.rows }),
      {
        onStarted: (streamId) => {
          setState('open')
          if (pending) void api.call('streams.write', { streamId, data: pending }).catch(() => {})
          pending = ''
          term.focus()
        },
        onData: (data) => term.write(data),
        onEnd: (end) => {
          ended = true
          setState('ended')
          setExitCode(end.exitCode)
          if (end.error) setEndError(end.error)
          term.write('\r\n')
        },
        onError: (err) => {
          ended = true
          setState('ended')
          setError(err)
        }
      }
    )
    const typed = term.onData((data) => {
      const streamId = handle.id()
      if (ended) return
      if (!streamId) pending += data
      else void api.call('streams.write', { streamId, data }).catch(() => {})
    })
    const resized = term.onResize(({ cols, rows }) => {
      const streamId = handle.id()
      if (streamId && !ended) void api.call('streams.resize', { streamId, cols, rows }).catch(() => {})
    })
    const observer = new ResizeObserver(() => {
      try {
        fit.fit()
      } catch {
        // Hidden (zero size) for a moment: the next resize fits again.
      }
    })
    observer.observe(el)

    return () => {
      observer.disconnect()
      typed.dispose()
      resized.dispose()
      handle.stop()
      term.dispose()
      release()
    }
  }, [server, domain, service])

  return (
    <div className="terminal">
      <div className="terminal__status">
        <p aria-live="polite" className={state === 'ended' ? 'terminal__ended' : 'muted'}>
          {state === 'starting' && t('apps.terminal.opening', { service })}
          {state === 'open' && t('apps.terminal.connected', { service })}
          {state === 'ended' &&
            !error &&
            (exitCode !== undefined ? t('apps.terminal.endedCode', { code: exitCode }) : t('apps.terminal.ended')) + (endError ? ` ${endError}` : '')}
        </p>
        {state === 'ended' && (
          <button type="button" className="btn btn--primary btn--small" onClick={onAgain} data-testid="terminal-again">
            {t('apps.terminal.startAgain')}
          </button>
        )}
      </div>
      {error && <ErrorPanel error={error} title={t('apps.terminal.openFailed')} />}
      <div className="terminal__screen" ref={host} data-testid="terminal" data-state={state} aria-label={t('apps.terminal.label', { service })} />
    </div>
  )
}
