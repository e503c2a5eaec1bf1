import { methods, type Input } from '../../../src-main/contract/contract'
import { i18n } from '../i18n'
import { fieldErrorsFromIssues, type FieldErrors } from './fieldErrors'

export type SshAddInput = Extract<Input<'servers.add'>, { kind: 'ssh' }>

export const DEFAULT_SOCKET = '/var/run/docker.sock'

// What the "Where is your server?" step edits. Numbers stay text while the
// user types; *Touched says whether a default from SSH settings may still
// replace the value.
export interface WhereForm {
  kind: 'ssh' | 'local'
  host: string
  user: string
  port: string
  name: string
  socketPath: string
  userTouched: boolean
  portTouched: boolean
}

export const emptyWhereForm: WhereForm = {
  kind: 'ssh',
  host: '',
  user: '',
  port: '22',
  name: '',
  socketPath: DEFAULT_SOCKET,
  userTouched: false,
  portTouched: false
}

export const whereFields = ['host', 'user', 'port', 'name', 'socketPath'] as const

// Validates with the contract's own schema, so the messages the user sees
// before sending are the ones the core would send back.
export function sshAddInput(form: WhereForm): { input?: SshAddInput; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const portText = form.port.trim()
  let port: number | undefined
  if (portText !== '') {
    if (/^\d+$/.test(portText)) port = Number(portText)
    else errors.port = i18n.t('wizard.where.portWhole')
  }
  const input: SshAddInput = {
    kind: 'ssh',
    host: form.host.trim(),
    ...(form.user.trim() ? { user: form.user.trim() } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(form.socketPath.trim() ? { socketPath: form.socketPath.trim() } : {})
  }
  const parsed = methods['servers.add'].input.safeParse(input)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    for (const [field, message] of Object.entries(fieldErrorsFromIssues(issues))) {
      if (!(field in errors)) errors[field] = message
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { input, errors }
}

// "From your SSH settings: …" — only what the settings actually changed.
export function sshSettingsNote(r: { alias: string; hostname: string; user: string; port: number }): string {
  const parts: string[] = []
  if (r.hostname && r.hostname !== r.alias) parts.push(i18n.t('wizard.where.sshNoteAddress', { hostname: r.hostname }))
  if (r.user) parts.push(i18n.t('wizard.where.sshNoteUser', { user: r.user }))
  parts.push(i18n.t('wizard.where.sshNotePort', { port: r.port }))
  return i18n.t('wizard.where.sshNote', { parts: parts.join(', ') })
}
