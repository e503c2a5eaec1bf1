import { describe, expect, it } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import { ApiError } from '../../src-main/contract/errors'
import { Jobs, MAX_FINISHED_JOBS } from '../../src-main/core/jobs'

// The jobs list is kept in memory for as long as the app runs: running jobs
// stay, and only the last finished ones, or it would grow without end.

const spec = (n: number) => ({ kind: 'test', title: `job ${n}`, target: 't', steps: ['one'] })

describe('the jobs list', () => {
  it('keeps every running job and only the most recent finished ones', async () => {
    const jobs = new Jobs(new EventBus())
    const releases: (() => void)[] = []
    const running = Array.from({ length: 5 }, (_, n) =>
      jobs.start(spec(n), () => new Promise<void>((resolve) => releases.push(resolve)))
    )
    const finished = []
    for (let n = 0; n < MAX_FINISHED_JOBS + 50; n++) {
      const job = jobs.start(spec(100 + n), async () => {
        if (n % 2) throw new ApiError('test-failure', 'Failed on purpose.')
      })
      finished.push(await jobs.wait(job.id))
    }
    const ids = new Set(jobs.list().map((j) => j.id))
    expect(ids.size).toBe(MAX_FINISHED_JOBS + running.length)
    for (const j of running) expect(ids.has(j.id)).toBe(true)
    // The newest finished ones are kept, the oldest dropped.
    for (const j of finished.slice(-MAX_FINISHED_JOBS)) expect(ids.has(j.id)).toBe(true)
    for (const j of finished.slice(0, 50)) expect(ids.has(j.id)).toBe(false)
    expect(jobs.get(finished[0].id)).toBeUndefined()

    // A long-running job that ends late is kept as the newest finished one.
    releases[0]()
    const first = await jobs.wait(running[0].id)
    expect(first.status).toBe('done')
    const after = jobs.list()
    expect(after).toHaveLength(MAX_FINISHED_JOBS + running.length - 1)
    expect(after.some((j) => j.id === running[0].id)).toBe(true)
    for (const r of releases.slice(1)) r()
  })

  it('says so when waiting on a job it does not know, instead of waiting forever', async () => {
    const jobs = new Jobs(new EventBus(), 1)
    const a = jobs.start(spec(1), async () => {})
    await jobs.wait(a.id)
    const b = jobs.start(spec(2), async () => {})
    await jobs.wait(b.id)
    await expect(jobs.wait(a.id)).rejects.toMatchObject({ code: 'not-found' })
  })
})
