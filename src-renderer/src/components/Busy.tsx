import type { ReactNode } from 'react'

// A spinner with words: what the app is doing right now.
export function Busy({ children, hint }: { children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="busy" role="status">
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className="busy__text">{children}</p>
        {hint && <p className="busy__hint">{hint}</p>}
      </div>
    </div>
  )
}
