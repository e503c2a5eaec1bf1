import { useCallback, useEffect, useState } from 'react'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { TeamStatus } from '../../../../src-main/contract/team'
import { api } from '../../api/client'
import { errorBody } from '../../lib/errors'

/** Sharing's state (team.status), kept current by the core's team.changed events. */
export function useTeamStatus(): { status?: TeamStatus; error?: ApiErrorBody; reload: () => void; set: (s: TeamStatus) => void } {
  const [status, setStatus] = useState<TeamStatus>()
  const [error, setError] = useState<ApiErrorBody>()
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    api.call('team.status', {}).then(
      (s) => {
        if (!live) return
        setStatus(s)
        setError(undefined)
      },
      (err: unknown) => live && setError(errorBody(err))
    )
    const stop = api.on('team.changed', (s) => {
      if (!live) return
      setStatus(s)
      setError(undefined)
    })
    return () => {
      live = false
      stop()
    }
  }, [round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { status, error, reload, set: setStatus }
}
