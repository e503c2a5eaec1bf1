import { useEffect, useState, type ReactNode } from 'react'
import { Busy } from './Busy'

// Busy, shown only if the wait lasts: a screen whose code arrives within a
// moment appears without a spinner flashing first.
export function LateBusy({ children, after = 300 }: { children: ReactNode; after?: number }) {
  const [late, setLate] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), after)
    return () => clearTimeout(timer)
  }, [after])
  return late ? <Busy>{children}</Busy> : null
}
