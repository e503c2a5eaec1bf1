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
  const who = user ? `The account "${user}"` : 'Your account'
  switch (code) {
    case 'docker-permission':
      return (
        `${who} on the server isn't allowed to use Docker. Ask the server's administrator to add it ` +
        `to the "docker" group (then reconnect), or connect as a user that can use Docker.`
      )
    case 'docker-missing':
      return `Docker doesn't seem to be installed on the server. Install Docker there, then try again.`
    case 'docker-not-running':
      return `Docker is installed on the server but isn't running. Start it (for example: sudo systemctl start docker), then try again.`
    case 'docker-unreachable':
      return `Docker on the server couldn't be reached. Check that it is installed and running, then try again.`
  }
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
