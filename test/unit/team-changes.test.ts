import { describe, expect, it } from 'vitest'
import type { Handlers } from '../../src-main/api/dispatch'
import { EventBus } from '../../src-main/api/events'
import { Jobs } from '../../src-main/core/jobs'
import { setLanguage } from '../../src-main/i18n/i18n'
import { withTeamSync } from '../../src-main/team/changes'
import type { TeamSync } from '../../src-main/team/service'

// team/changes.ts: one table-driven wrapper around the app changes that write
// an env file. A job's commit waits for the job's end with an owner (close)
// and a limit; these run against the real Jobs, with the git side replaced by
// a record of the hooks' calls (the git side is proven in test/integration/team-*).

type Wrapped = Parameters<typeof withTeamSync>[0]

function setUp(opts: { jobWaitMs?: number; closeWaitMs?: number; slowCommit?: Promise<void> } = {}) {
  setLanguage('en')
  const events = new EventBus()
  const jobs = new Jobs(events)
  const calls: string[] = []
  const finish = new Map<string, () => void>()
  const hooks: TeamSync = {
    beforeChange: async (app) => {
      calls.push(`before ${app.action} ${app.domain}`)
      return {}
    },
    afterChange: async (message) => {
      calls.push(`commit ${message}`)
      await opts.slowCommit
    }
  }
  const startJob = (domain: string): { jobId: string } => {
    const job = jobs.start({ kind: 'x', title: 'x', target: domain, steps: ['one'] }, () => new Promise<void>((resolve) => finish.set(domain, resolve)))
    return { jobId: job.id }
  }
  let version = 'v1'
  const inner = {
    'apps.deploy': async (i: { domain: string }) => ({ ...startJob(i.domain), stackName: 's' }),
    'apps.remove': async (i: { domain: string }) => startJob(i.domain),
    'apps.move': async (i: { domain: string }) => startJob(i.domain),
    'apps.saveEnv': async () => ({}),
    'apps.new': async () => ({ envFile: 'f', stackName: 's', secrets: [] }),
    'secrets.rotate': async () => ({}),
    'secrets.create': async () => ({}),
    'secrets.remove': async () => ({})
  } as unknown as Wrapped
  const changes = withTeamSync(inner, {
    hooks,
    versionOf: async () => ({ recipe: 'ccd-web', version }),
    jobEnded: (id, signal) => jobs.wait(id, signal),
    ...(opts.jobWaitMs ? { jobWaitMs: opts.jobWaitMs } : {}),
    ...(opts.closeWaitMs ? { closeWaitMs: opts.closeWaitMs } : {})
  })
  const h = changes.handlers as unknown as Handlers
  const end = (domain: string): void => finish.get(domain)?.()
  const setVersion = (v: string): void => {
    version = v
  }
  return { h, changes, calls, end, jobs, events, setVersion }
}

const settled = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
}

describe('team changes: one wrapper for every change', () => {
  it('a direct change pulls before and commits in words after, before the call returns', async () => {
    const { h, calls } = setUp()
    await h['apps.saveEnv']({ server: 's1', domain: 'blog.example.org', envText: 'A=1\n' })
    await h['secrets.rotate']({ server: 's1', domain: 'blog.example.org', name: 'db' } as never)
    expect(calls).toEqual([
      'before config blog.example.org',
      'commit Changed the settings of blog.example.org',
      'before secrets blog.example.org',
      'commit Changed the secret db of blog.example.org'
    ])
  })

  it('a job’s change is committed when the job ends, with the version it reached', async () => {
    const { h, calls, end, setVersion, changes } = setUp()
    await h['apps.deploy']({ server: 's1', domain: 'blog.example.org', kind: 'upgrade', version: 'v2' })
    await settled()
    expect(calls).toEqual(['before deploy blog.example.org'])
    expect(changes.pending()).toBe(1)
    setVersion('v2')
    end('blog.example.org')
    await settled()
    expect(calls.at(-1)).toBe('commit Upgraded blog.example.org to v2')
    expect(changes.pending()).toBe(0)
  })

  it('a move is a change too, committed when its job ends', async () => {
    const { h, calls, end } = setUp()
    await h['apps.move']({ server: 's1', domain: 'blog.example.org', toServer: 's2', mode: 'move' })
    end('blog.example.org')
    await settled()
    expect(calls).toEqual(['before move blog.example.org', 'commit Moved blog.example.org from s1 to s2'])
  })

  it('close stops the waits at once: nothing is committed after, and the job’s own end no longer counts', async () => {
    const { h, calls, end, changes, events } = setUp()
    await h['apps.remove']({ server: 's1', domain: 'gone.example.org' } as never)
    await h['apps.deploy']({ server: 's1', domain: 'blog.example.org', kind: 'deploy' })
    expect(changes.pending()).toBe(2)
    const listeners = (events as unknown as { listeners?: Set<unknown> }).listeners
    await changes.close()
    expect(changes.pending()).toBe(0)
    end('gone.example.org')
    end('blog.example.org')
    await settled()
    expect(calls.filter((c) => c.startsWith('commit'))).toEqual([])
    // The job waits unsubscribed from the bus (no listener left behind by a wait).
    if (listeners) expect(listeners.size).toBe(0)
    // A change after close is not waited for either.
    await h['apps.remove']({ server: 's1', domain: 'late.example.org' } as never)
    expect(changes.pending()).toBe(0)
  })

  it('close waits for a commit under way only a bounded while', async () => {
    const never = new Promise<void>(() => undefined)
    const { h, end, changes } = setUp({ slowCommit: never, closeWaitMs: 50 })
    await h['apps.remove']({ server: 's1', domain: 'gone.example.org' } as never)
    end('gone.example.org')
    await settled()
    expect(changes.pending()).toBe(1)
    // Resolves although the commit never ends.
    await changes.close()
  })

  it('a job that runs past the limit is committed as it is then', async () => {
    const { h, calls } = setUp({ jobWaitMs: 20 })
    await h['apps.remove']({ server: 's1', domain: 'slow.example.org' } as never)
    await new Promise((r) => setTimeout(r, 60))
    await settled()
    expect(calls.at(-1)).toBe('commit Removed slow.example.org')
  })
})
