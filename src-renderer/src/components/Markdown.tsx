import DOMPurify from 'dompurify'
import { useMemo, type MouseEvent } from 'react'
import { EXTERNAL_LINK, markdownToHtml, sanitizeHtml } from '../lib/markdown'

// Markdown from a recipe's repository (README, release notes), sanitized
// twice (see lib/markdown.ts). A click on a link never moves this window:
// web and mail links open outside the app, in a new browser window.
export function Markdown({
  text,
  className,
  testId,
  headingShift = 0
}: {
  text: string
  className?: string
  testId?: string
  /** How many levels to push the text's headings down, to fit under the screen's own. */
  headingShift?: number
}) {
  const html = useMemo(() => sanitizeHtml(markdownToHtml(text, { headingShift }), DOMPurify), [text, headingShift])
  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const link = (e.target as Element).closest('a')
    if (!link) return
    e.preventDefault()
    const href = link.getAttribute('href') ?? ''
    if (EXTERNAL_LINK.test(href)) window.open(href, '_blank', 'noopener,noreferrer')
  }
  return (
    <div
      className={className ? `markdown ${className}` : 'markdown'}
      data-testid={testId}
      onClick={onClick}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
