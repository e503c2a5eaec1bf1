import type { ReactNode } from 'react'

// Moving focus to the new heading tells keyboard and screen-reader users that
// the screen changed (there is no page load to do it for them). The first
// screen came with a page load, which already did: focus stays at the start
// of the page, and the first heading doesn't force a layout before paint.
let pageLoaded = false
const focusOnMount = (el: HTMLHeadingElement | null): void => {
  if (!el) return
  if (pageLoaded) el.focus({ preventScroll: true })
  pageLoaded = true
}

export function PageTitle({ children, level = 1, id }: { children: ReactNode; level?: 1 | 2; id?: string }) {
  const Tag = level === 1 ? 'h1' : 'h2'
  return (
    <Tag className={level === 1 ? 'page-title' : 'step-title'} tabIndex={-1} ref={focusOnMount} id={id}>
      {children}
    </Tag>
  )
}
