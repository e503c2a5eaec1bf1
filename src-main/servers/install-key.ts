import { ApiError } from '../contract/errors'
import { shellQuote } from '../core/shell'
import { t } from '../i18n/i18n'

// Puts a public key on the server as `ssh-copy-id` does: ~/.ssh made 700 and
// authorized_keys 600 (sshd's StrictModes ignores keys in files others can
// write), the key added once however often this runs, and a file whose last
// line has no newline is not glued to the new line.

/** The "type base64" part of a public key line: what makes two lines the same key. */
export function keyIdentity(line: string): string {
  const [type, blob] = line.trim().split(/\s+/)
  if (!type || !blob || !/^[A-Za-z0-9@.-]+$/.test(type) || !/^[A-Za-z0-9+/]+=*$/.test(blob)) {
    throw new ApiError('invalid-request', t('servers.keys.notPublicKey'))
  }
  return `${type} ${blob}`
}

/** Prints "added" or "present" on success. */
export function installKeyScript(publicLine: string): string {
  const id = shellQuote(keyIdentity(publicLine))
  const line = shellQuote(publicLine.trim().replace(/[\r\n]+/g, ' '))
  return [
    'set -e',
    'umask 077',
    'd="$HOME/.ssh"; f="$d/authorized_keys"',
    'mkdir -p "$d"',
    'chmod 700 "$d"',
    '[ -e "$f" ] || : > "$f"',
    'chmod 600 "$f"',
    // A key already there (with any comment or options before it) is left as is.
    `if grep -qF -- ${id} "$f"; then echo present; exit 0; fi`,
    'if [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d " ")" != "\\n" ]; then echo >> "$f"; fi',
    `printf '%s\\n' ${line} >> "$f"`,
    'echo added'
  ].join('\n')
}
