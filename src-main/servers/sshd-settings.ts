import { shellQuote } from '../core/shell'

// Changing how a server lets people sign in, the way a careful admin does it
// by hand: keep a copy of the settings, start a timer on the server that puts
// the copy back, change the settings, prove with a fresh connection that a
// key still signs in, and only then stop the timer. If the app, the network
// or the proof fails, the server undoes the change by itself.

/** Lines put at the top of sshd_config: for most keywords sshd keeps the first value it reads. */
export const PASSWORD_OFF_LINES = [
  '# Co-op Cloud Desktop: password sign-in turned off after key sign-in was proven.',
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no'
]

/**
 * Run as root. Finds the sshd serving this very connection: the topmost
 * ancestor of this shell whose program is sshd (the listener), so a second
 * sshd on the machine, or a custom -f config, is never confused with it.
 * Prints key=value lines.
 */
export function sshdProbeScript(): string {
  return [
    'pid=$$; listener=',
    'while [ -n "$pid" ] && [ "$pid" -gt 1 ]; do',
    '  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)',
    '  case "$exe" in */sshd) listener=$pid; sshd_exe=$exe ;; esac',
    '  pid=$(sed "s/.*) //" "/proc/$pid/stat" 2>/dev/null | cut -d" " -f2)',
    'done',
    'echo "listener=$listener"',
    'echo "sshd=$sshd_exe"',
    '[ -n "$listener" ] && echo "cmdline=$(tr "\\0" " " < "/proc/$listener/cmdline")"',
    // The port this connection came in on: it must stay open whatever changes.
    'echo "port=$(echo "$SSH_CONNECTION" | cut -d" " -f4)"',
    'echo "uid=$(id -u)"'
  ].join('\n')
}

/**
 * The config file of a listener from its command line. sshd may have
 * rewritten its title ("sshd: /usr/sbin/sshd -D -f /etc/x [listener] 0 of
 * 10-100 startups"): the original arguments sit between "sshd: " and " [listener]".
 */
export function sshdConfigFile(cmdline: string): string {
  const args = cmdline
    .replace(/^sshd: /, '')
    .replace(/ \[listener\].*$/, '')
    .trim()
    .split(/\s+/)
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-f' && args[i + 1]) return args[i + 1]
    if (args[i].startsWith('-f') && args[i].length > 2) return args[i].slice(2)
  }
  return '/etc/ssh/sshd_config'
}

/** sshd started by inetd or systemd per connection (-i) reads its settings anew each time: nothing to reload. */
export const runsPerConnection = (cmdline: string): boolean => /(^|\s)-i(\s|$)/.test(cmdline.replace(/ \[listener\].*$/, ''))

export interface Change {
  config: string
  sshd: string
  listener: number
  /** Names this change's backup and timer, so two changes never mix. */
  tag: string
  revertAfterSec: number
  /** Reload sshd (SIGHUP) after writing; not for per-connection sshd. */
  reload: boolean
}

const backupOf = (c: Pick<Change, 'config' | 'tag'>): string => `${c.config}.ccd-before-${c.tag}`

/**
 * Run as root. Copies the settings aside, checks the new ones with `sshd -t`,
 * starts the timed undo (detached from this connection, so losing it does
 * not stop the undo), then puts the new settings in place and reloads sshd.
 * Exit 3: the new settings are invalid and nothing changed. Exit 4: the
 * server lacks setsid, so no undo could outlive this connection, and nothing
 * changed (a backgrounded command that fails doesn't stop `set -e`, so the
 * change would otherwise go ahead without its safety net).
 */
export function passwordOffScript(c: Change): string {
  const cfg = shellQuote(c.config)
  const bk = shellQuote(backupOf(c))
  const next = shellQuote(`${c.config}.ccd-next-${c.tag}`)
  const reload = c.reload ? `kill -HUP ${c.listener}` : 'true'
  const undo = `sleep ${c.revertAfterSec}; if [ -f ${bk} ]; then cp -p ${bk} ${cfg} && rm -f ${bk} && ${reload}; fi`
  return [
    'set -e',
    'command -v setsid >/dev/null 2>&1 && command -v nohup >/dev/null 2>&1 || exit 4',
    `cp -p ${cfg} ${bk}`,
    `cp -p ${cfg} ${next}`,
    `{ printf '%s\\n' ${PASSWORD_OFF_LINES.map(shellQuote).join(' ')}; cat ${bk}; } > ${next}`,
    `if ! ${shellQuote(c.sshd)} -t -f ${next} 2>&1; then rm -f ${next} ${bk}; exit 3; fi`,
    `nohup setsid sh -c ${shellQuote(undo)} >/dev/null 2>&1 </dev/null &`,
    `mv ${next} ${cfg}`,
    reload,
    'echo applied'
  ].join('\n')
}

/** Run as root once the proof arrived: the timed undo finds no copy and does nothing. */
export function keepChangeScript(c: Pick<Change, 'config' | 'tag'>): string {
  return `rm ${shellQuote(backupOf(c))} && echo kept`
}

/** Run as root when the proof failed: the settings as they were, now. */
export function undoChangeScript(c: Change): string {
  const bk = shellQuote(backupOf(c))
  return `if [ -f ${bk} ]; then cp -p ${bk} ${shellQuote(c.config)} && rm -f ${bk} && ${c.reload ? `kill -HUP ${c.listener}` : 'true'}; fi; echo undone`
}
