import { useCallback } from 'react'
import type { NightlyStatus } from '../../../../src-main/contract/nightly'
import { api } from '../../api/client'
import { usePolled, type Polled } from '../../lib/usePolled'

/** How often the server's nightly status is read again while its page is shown. */
export const NIGHTLY_EVERY_MS = 5 * 60_000

/**
 * A server's nightly backups (nightly.status), read when shown and every 5
 * minutes while the page stays open; the timer is released when it closes
 * (usePolled owns it).
 */
export function useNightly(server: string): Polled<NightlyStatus> {
  const read = useCallback(() => api.call('nightly.status', { server }), [server])
  return usePolled(read, NIGHTLY_EVERY_MS)
}
