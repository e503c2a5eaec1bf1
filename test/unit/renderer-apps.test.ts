import { describe, expect, it } from 'vitest'
import type { ServiceStatus } from '../../src-main/contract/apps'
import {
  appStatus,
  convergedPercent,
  convergedText,
  deployKindOf,
  elapsedText,
  healthStatus,
  isFinalPhase,
  phaseFromJob,
  phaseStatus,
  replicasText,
  restartsText,
  secondsText
} from '../../src-renderer/src/lib/appStatus'
import { appendChunk, emptyLineBuffer, filterLines, flushPartial, highlightParts, keepLast, stripAnsi } from '../../src-renderer/src/lib/appLogs'

const svc = (over: Partial<ServiceStatus>): ServiceStatus => ({
  name: 'app',
  fullName: 'x_app',
  image: 'ccd-busybox:test',
  desired: 1,
  running: 1,
  health: 'healthy',
  restarts: 0,
  words: 'Running and healthy',
  status: 'running',
  ...over
})

describe('app health in words', () => {
  it('pairs each health with an icon, a tone and a word', () => {
    expect(healthStatus('running')).toEqual({ tone: 'ok', icon: 'check', word: 'Running' })
    expect(healthStatus('updating')).toEqual({ tone: 'busy', icon: 'sync', word: 'Updating' })
    expect(healthStatus('attention')).toEqual({ tone: 'warn', icon: 'alert', word: 'Needs attention' })
    expect(healthStatus('failed')).toEqual({ tone: 'bad', icon: 'cross', word: 'Failed' })
    expect(healthStatus('stopped').word).toBe('Stopped')
    expect(healthStatus('unknown').word).toBe('Unknown')
  })

  it('calls an app that was never deployed "Not deployed", not stopped', () => {
    expect(appStatus({ deployed: false, health: 'stopped' }).word).toBe('Not deployed')
    expect(appStatus({ deployed: true, health: 'stopped' }).word).toBe('Stopped')
    // A failing app is failing whatever the deployed flag says.
    expect(appStatus({ deployed: false, health: 'failed' }).word).toBe('Failed')
  })

  it('describes replicas, restarts and seconds in plain words', () => {
    expect(replicasText(svc({ desired: 2, running: 1 }))).toBe('1 of 2 running')
    expect(replicasText(svc({ desired: 0, running: 0 }))).toBe('Not running (0 wanted)')
    expect(restartsText(0)).toBe('No restarts')
    expect(restartsText(1)).toBe('Restarted 1 time')
    // An image that can't be downloaded: three tries, none ran. Not "Restarted 3 times".
    expect(restartsText(3, 3)).toBe('Did not start (3 tries)')
    expect(restartsText(3, 1)).toBe('Restarted 2 times')
    expect(restartsText(3)).toBe('Restarted 3 times')
    expect(secondsText(1)).toBe('1 second')
    expect(secondsText(59.9)).toBe('59 seconds')
    expect(secondsText(120)).toBe('2 minutes')
    expect(secondsText(61)).toBe('1 minute 1 second')
    expect(elapsedText(12.4, 300)).toBe('12 seconds so far; this can take up to 300 seconds')
  })
})

describe('deploy progress', () => {
  it('knows which phases are final', () => {
    for (const p of ['done', 'failed', 'rolled-back', 'timed-out', 'cancelled'] as const) expect(isFinalPhase(p)).toBe(true)
    for (const p of ['preparing', 'deploying', 'converging', 'rolling-back'] as const) expect(isFinalPhase(p)).toBe(false)
    expect(phaseStatus('rolled-back')).toEqual({ tone: 'warn', icon: 'alert', word: 'Rolled back' })
    expect(phaseStatus('rolling-back').icon).toBe('sync')
    expect(phaseStatus('timed-out').tone).toBe('bad')
  })

  it('measures the bar by services ready, unknown before any are listed', () => {
    expect(convergedPercent('converging', [])).toBeUndefined()
    const two = [svc({}), svc({ name: 'db', running: 0, health: 'starting', status: 'updating' })]
    expect(convergedPercent('converging', two)).toBe(50)
    expect(convergedText(two)).toBe('1 of 2 services ready')
    // A task that runs but whose health check still starts is not ready yet.
    expect(convergedPercent('converging', [svc({ health: 'starting' })])).toBe(0)
    expect(convergedPercent('done', two)).toBe(100)
  })

  it('falls back on the job for the phase and the kind to try again', () => {
    expect(phaseFromJob('failed')).toBe('failed')
    expect(phaseFromJob('cancelled')).toBe('cancelled')
    expect(phaseFromJob('running')).toBe('preparing')
    expect(deployKindOf('upgrade')).toBe('upgrade')
    expect(deployKindOf('apps.rollback')).toBe('rollback')
    expect(deployKindOf('stacks.deploy')).toBe('deploy')
    expect(deployKindOf('something-else')).toBe('deploy')
    expect(deployKindOf(undefined)).toBe('deploy')
  })
})

describe('log lines', () => {
  it('splits chunks into lines, keeping an unfinished line for the next chunk', () => {
    let r = appendChunk(emptyLineBuffer(), 'one\ntw')
    expect(r.lines.map((l) => l.text)).toEqual(['one'])
    r = appendChunk(r.buffer, 'o\r\nthree\n')
    expect(r.lines.map((l) => l.text)).toEqual(['two', 'three'])
    expect(r.lines.map((l) => l.id)).toEqual([2, 3])
    expect(flushPartial(r.buffer).lines).toEqual([])
  })

  it('keeps each service’s unfinished line apart and flushes them at the end', () => {
    let r = appendChunk(emptyLineBuffer(), 'half of app', 'app')
    r = appendChunk(r.buffer, 'db line\n', 'db')
    expect(r.lines).toEqual([{ id: 1, text: 'db line', service: 'db' }])
    const end = flushPartial(r.buffer)
    expect(end.lines).toEqual([{ id: 2, text: 'half of app', service: 'app' }])
  })

  it('drops colour codes', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m plain')).toBe('red plain')
    expect(appendChunk(emptyLineBuffer(), '\u001b[1;32mok\u001b[0m\n').lines[0].text).toBe('ok')
  })

  it('filters case-insensitively, by text or service, and highlights every match', () => {
    const lines = [
      { id: 1, text: 'GET /index.html 200', service: 'app' },
      { id: 2, text: 'database ready', service: 'db' },
      { id: 3, text: 'get /favicon 404', service: 'app' }
    ]
    expect(filterLines(lines, 'get').map((l) => l.id)).toEqual([1, 3])
    expect(filterLines(lines, 'db').map((l) => l.id)).toEqual([2])
    expect(filterLines(lines, '  ')).toBe(lines)
    expect(filterLines(lines, 'zzz')).toEqual([])
    expect(highlightParts('a GET and a get', 'get')).toEqual([
      { text: 'a ', match: false },
      { text: 'GET', match: true },
      { text: ' and a ', match: false },
      { text: 'get', match: true }
    ])
    expect(highlightParts('nothing', '')).toEqual([{ text: 'nothing', match: false }])
  })

  it('keeps only the newest lines', () => {
    expect(keepLast([1, 2, 3, 4], 2)).toEqual([3, 4])
    expect(keepLast([1], 2)).toEqual([1])
  })
})
