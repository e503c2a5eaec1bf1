import { useEffect, useState } from 'react'
import type { z } from 'zod'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { AppDetail } from '../../../src-main/contract/apps'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { useNavigate } from '../navigation'
import { reloadApps } from '../state/apps'
import { useStartJob, type StartedJob } from './useStartJob'

type App = z.infer<typeof AppDetail>['app']

export interface RestoreJob<P> extends StartedJob {
  /** What the restore would do, read when the dialog opens (until a job starts). */
  plan?: { data?: P; error?: ApiErrorBody }
  /** The app's state once the job has ended, as its page shows it. */
  after?: { app?: App; error?: ApiErrorBody }
  /** The dialog's onOpenChange: not while the job is starting; closed with no job running, everything is forgotten. */
  change(open: boolean): void
  /** Closes the dialog and opens the app's page. */
  openApp(): void
}

// A restore dialog's job (a laptop backup, a nightly snapshot): its plan read
// when it opens, the job started and watched, then the app list and the
// app's own state read again once it has ended (back and healthy, or what
// needs attention). `readPlan` must keep its identity while its inputs stay
// (useCallback); `onReset` forgets the dialog's own state with the rest.
export function useRestoreJob<P>({
  open,
  server,
  domain,
  readPlan,
  onOpenChange,
  onReset
}: {
  open: boolean
  server: string
  domain: string
  readPlan: () => Promise<P>
  onOpenChange: (open: boolean) => void
  onReset?: () => void
}): RestoreJob<P> {
  const navigate = useNavigate()
  const run = useStartJob()
  const { jobId, ended, running, starting } = run
  const [plan, setPlan] = useState<{ data?: P; error?: ApiErrorBody }>()
  const [after, setAfter] = useState<{ app?: App; error?: ApiErrorBody }>()

  useEffect(() => {
    if (!open || jobId) return
    let live = true
    readPlan().then(
      (data) => live && setPlan({ data }),
      (err: unknown) => live && setPlan({ error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [open, readPlan, jobId])

  useEffect(() => {
    if (!ended) return
    let live = true
    void reloadApps()
    api.call('apps.get', { server, domain }).then(
      (d) => live && setAfter({ app: d.app }),
      (err: unknown) => live && setAfter({ error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [ended, server, domain])

  const change = (o: boolean): void => {
    if (starting) return
    onOpenChange(o)
    if (!o && !running) {
      setPlan(undefined)
      run.reset()
      setAfter(undefined)
      onReset?.()
    }
  }

  return {
    ...run,
    plan,
    after,
    change,
    openApp() {
      change(false)
      navigate({ screen: 'app', server, domain })
    }
  }
}
