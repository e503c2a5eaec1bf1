import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { isOutage, watchConvergence } from '../../src-main/apps/converge-watch'
import { notRecordedWords, outcomeWords } from '../../src-main/apps/deploy-words'
import type { SwarmService, SwarmTask } from '../../src-main/apps/status'

// Issue 9, faults matrix: a link that drops (or an engine that restarts) while
// a deploy waits for the app to start cut off only the watch; the server goes
// on. The watcher waits for the server to answer again and tells the true
// outcome, or, when the time is up first, that it could not be reached.
const STACK = 'data_example_org'
const spec = { Image: 'ccd-busybox:test', Env: ['APP_VERSION=v2'] }
const at = (s: number): string => `2026-11-30T10:00:${String(s).padStart(2, '0')}Z`

const service: SwarmService = {
  ID: 's1',
  CreatedAt: at(0),
  Spec: { Name: `${STACK}_app`, TaskTemplate: { ContainerSpec: spec } as Docker.ContainerTaskSpec, Mode: { Replicated: { Replicas: 1 } } },
  UpdateStatus: { State: 'completed', StartedAt: at(5), CompletedAt: at(8) }
}
const running: SwarmTask = { ID: 't1', ServiceID: 's1', CreatedAt: at(6), DesiredState: 'running', Spec: { ContainerSpec: spec }, Status: { Timestamp: at(7), State: 'running' } }

const closed = Object.assign(new Error('The connection to f1 was closed.'), { name: 'SshError', code: 'closed' })
const notManager = Object.assign(new Error('(HTTP code 503) unexpected - This node is not a swarm manager.'), { statusCode: 503 })

/** Each look fails with the scripted error, or (undefined) sees the app running; the last step repeats. */
function engine(script: Array<Error | undefined>): Docker {
  let i = 0
  return {
    listServices: async () => {
      const err = script[Math.min(i++, script.length - 1)]
      if (err) throw err
      return [service]
    },
    listTasks: async () => [running]
  } as unknown as Docker
}

function watch(script: Array<Error | undefined>, outages = true) {
  const said: string[] = []
  const end = watchConvergence(engine(script), {
    stackName: STACK,
    baseline: new Map([[`${STACK}_app`, at(1)]]),
    timeoutSeconds: 1,
    signal: new AbortController().signal,
    intervalMs: 5,
    onChange: () => undefined,
    outages: outages ? { lost: () => said.push('lost'), back: () => said.push('back') } : undefined
  })
  return { end, said }
}

describe('watchConvergence when the server stops answering', () => {
  it('waits for the link to come back and tells the true outcome', async () => {
    const { end, said } = watch([undefined, closed, closed, notManager, undefined])
    expect((await end).phase).toBe('done')
    expect(said).toEqual(['lost', 'back'])
  })

  it('says the server could not be reached when it does not answer in time', async () => {
    const { end, said } = watch([closed])
    const e = await end
    expect(e.phase).toBe('unreachable')
    expect(e.phase === 'unreachable' && e.lost).toBe(closed)
    expect(said).toEqual(['lost'])
  })

  it('fails at once without the option (the restore keeps its own handling)', async () => {
    await expect(watch([closed], false).end).rejects.toBe(closed)
  })

  it('fails at once on an error a reconnect cannot mend', async () => {
    const denied = Object.assign(new Error('permission denied'), { statusCode: 403 })
    await expect(watch([denied]).end).rejects.toBe(denied)
    expect(isOutage(Object.assign(new Error('host key changed'), { name: 'SshError', code: 'host-key-changed' }))).toBe(false)
  })

  it('counts an engine that is restarting as an outage', () => {
    expect(isOutage(notManager)).toBe(true)
    expect(isOutage(new Error('(HTTP code 500) server error - rpc error: code = Unavailable desc = transport is closing'))).toBe(true)
    expect(isOutage(Object.assign(new Error('Docker is installed on the server but isn\'t running.'), { name: 'DockerAccessError', code: 'docker-not-running' }))).toBe(true)
  })
})

describe('the words of a deploy whose end is not known, or not recorded', () => {
  it('says the deploy was sent and the server may have finished it, never "fix what the message says"', () => {
    const w = outcomeWords({ phase: 'unreachable', domain: 'data.example.org', version: 'v2.0.0', timeoutSeconds: 50, services: [] })
    expect(w.summary).toBe(
      'Version v2.0.0 of data.example.org was sent to the server, but the connection to the server was lost while the app was starting and did not come back within 50 seconds. The server carries on with what it was sent, so it may have finished: data.example.org may now run version v2.0.0.'
    )
    expect(w.next).toMatch(/^Check the app's page when the server can be reached again/)
  })

  it('says the new version runs, the disk is full, and which version to send again', () => {
    const w = notRecordedWords({ domain: 'data.example.org', version: 'v2.0.0', verb: 'upgrade' })
    expect(w.summary).toMatch(/^data\.example\.org is running version v2\.0\.0 on the server, but your computer's disk is full/)
    expect(w.next).toBe('Free some space on your computer, then upgrade data.example.org to version v2.0.0 again: the server already runs it, so nothing changes there and the version is recorded.')
    expect(`${w.summary} ${w.next}`).not.toMatch(/ENOSPC|Error:/)
  })
})
