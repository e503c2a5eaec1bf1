import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// How long the redirect file stays on disk: enough for a slow browser to start.
const KEEP_MS = 2 * 60_000

// Best effort: a missing opener (a server with no desktop) only means the
// person copies the printed address themselves.
//
// The address carries the token, and an opener's arguments are visible to
// every user of the machine (`ps`). So the opener gets a file instead: a
// page, readable by this user only, in a folder of its own, that sends the
// browser on to the address. The file is removed after a while.
export function openInBrowser(url: string, opts: { keepMs?: number } = {}): string | null {
  let file: string
  try {
    file = writeRedirect(url, opts.keepMs ?? KEEP_MS)
  } catch {
    return null
  }
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [file]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', file]]
        : ['xdg-open', [file]]
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true })
    child.on('error', () => {})
    child.unref()
  } catch {
    // Nothing to open with.
  }
  return file
}

function writeRedirect(url: string, keepMs: number): string {
  // mkdtemp makes the folder 0700; the file is created 0600 before anything is written to it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coopcloud-desktop-open-'))
  const file = path.join(dir, 'open.html')
  const target = escapeHtml(url)
  fs.writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
      `<meta http-equiv="refresh" content="0;url=${target}"><title>Co-op Cloud Desktop</title>` +
      `<p>Opening Co-op Cloud Desktop… If nothing happens, <a href="${target}">follow this link</a>.</p>\n`,
    { mode: 0o600, flag: 'wx' }
  )
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true })
  setTimeout(remove, keepMs).unref()
  process.once('exit', remove)
  return file
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
