import { t } from '../i18n/i18n'

// Why the Docker engine on a server could not be reached, in words a
// non-technical user can act on.

export type DockerAccessCode = 'docker-permission' | 'docker-missing' | 'docker-not-running' | 'docker-unreachable'

export class DockerAccessError extends Error {
  readonly code: DockerAccessCode
  /** What the server said, for a "details" disclosure. */
  readonly detail: string

  constructor(code: DockerAccessCode, detail: string, user?: string) {
    super(dockerAccessMessage(code, user))
    this.name = 'DockerAccessError'
    this.code = code
    this.detail = detail.trim()
  }
}

function dockerAccessMessage(code: DockerAccessCode, user?: string): string {
  const key = ({ 'docker-permission': 'permission', 'docker-missing': 'missing', 'docker-not-running': 'notRunning', 'docker-unreachable': 'unreachable' } as const)[code]
  if (key === 'permission') return user ? t('docker.permissionUser', { user }) : t('docker.permission')
  return t(`docker.${key}`)
}

/** Classify what `docker system dial-stdio` (or sshd) printed when it failed. */
export function classifyDockerFailure(text: string, exitCode: number | null | undefined, user?: string): DockerAccessError {
  const t = text.toLowerCase()
  if (t.includes('permission denied')) return new DockerAccessError('docker-permission', text, user)
  if (exitCode === 127 || t.includes('command not found') || t.includes('not found: docker'))
    return new DockerAccessError('docker-missing', text, user)
  if (t.includes('is the docker daemon running') || t.includes('no such file or directory') || t.includes('connection refused'))
    return new DockerAccessError('docker-not-running', text, user)
  return new DockerAccessError('docker-unreachable', text, user)
}
