import type { ApiErrorBody } from '../../../src-main/contract'

export type FieldErrors = Partial<Record<string, string>>

export interface Issue {
  path: string
  message: string
}

// invalid-request bodies carry data.issues; keep only well-formed ones so a
// surprise shape never crashes the form.
export function issuesOf(body: ApiErrorBody | undefined): Issue[] {
  const raw = body?.data?.issues
  if (!Array.isArray(raw)) return []
  return raw.filter(
    (i): i is Issue => !!i && typeof i === 'object' && typeof i.path === 'string' && typeof i.message === 'string'
  )
}

// One message per field (the first one is what the user fixes first). Paths
// are dotted; the form only has top-level fields, so use the first segment.
// `rename` maps method field names to form field names (probeHostKey says
// "hostname" where the form says "host").
export function fieldErrorsFromIssues(issues: Issue[], rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const top = issue.path.split('.')[0] ?? ''
    const field = rename[top] ?? top
    if (!(field in out)) out[field] = issue.message
  }
  return out
}

// Issues that match no field on screen still have to be shown somewhere.
export function unplacedIssues(issues: Issue[], fields: readonly string[], rename: Record<string, string> = {}): Issue[] {
  return issues.filter((i) => {
    const top = i.path.split('.')[0] ?? ''
    return !fields.includes(rename[top] ?? top)
  })
}
