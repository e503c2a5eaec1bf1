// "Keep <service> on <machine>": a placement constraint written where a
// Co-op Cloud recipe expects a choice, so abra users of the same app keep
// working, and never an edit of the recipe itself.
//
// Design (issue 13):
//  - The constraint lives in an overlay, compose.pin.<service>.yml, in the
//    recipe's checkout (COMPOSE_FILE entries are paths inside the recipe
//    folder, as abra reads them). It reads the machine from the app's env
//    file: `node.hostname == ${PIN_<SERVICE>_MACHINE:?…}`. Its text depends on
//    the service's name only, so every app of the recipe shares one file and
//    the choice itself (which machine) stays in each app's env file, the one
//    place abra and this app both keep an app's settings.
//  - The app's env file gains a block the settings form already reads as an
//    overlay (a COMPOSE_FILE line adding the file, then its variable):
//        # Keep app on the machine that holds its data (Co-op Cloud Desktop)
//        COMPOSE_FILE="$COMPOSE_FILE:compose.pin.app.yml"
//        PIN_APP_MACHINE=ccd-node-2
//  - The overlay is not tracked by the recipe's git. An untracked file makes
//    a checkout "dirty" (abra refuses to deploy a dirty recipe unless told
//    to), so `/compose.pin.*.yml` is added to the checkout's
//    .git/info/exclude: git status, isomorphic-git's statusMatrix (our own
//    dirty check) and go-git's worktree status (abra's; its
//    gitignore.ReadPatterns reads .git/info/exclude at the worktree's root in
//    the go-git sources read for this, the v6 line) all leave it out. An abra
//    built on an older go-git that reads only .gitignore files would still
//    call the checkout dirty: not verified against a released abra binary.
//  - The file is written (when missing) each time the app's recipe is
//    rendered for a preview or a deploy, so a fresh clone or another
//    computer's checkout gets it back. An abra user on a checkout this app
//    never touched lacks it: abra then says the compose file named in
//    COMPOSE_FILE is missing; the README tells them the three lines to write.
//  - node.hostname rather than node.id: readable and editable in the env file,
//    and it survives a machine leaving and joining again. Two machines of one
//    hostname can't be told apart, so pinning is not offered then.
//  - ${…:?…} makes a missing variable an error at render time, rather than a
//    constraint no machine meets.
import fs from 'node:fs/promises'
import path from 'node:path'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'
import { scanAssignments, splitLines } from './env-lines'
import { setEnvValues } from './env-file'

const OVERLAY = /^compose\.pin\.([A-Za-z0-9][A-Za-z0-9_.-]*)\.yml$/
export const EXCLUDE_PATTERN = '/compose.pin.*.yml'
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

export const pinOverlayFile = (service: string): string => `compose.pin.${service}.yml`
export const pinVariable = (service: string): string => `PIN_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_MACHINE`
const marker = (service: string): string => `# Keep ${service} on the machine that holds its data (Co-op Cloud Desktop)`

export function pinOverlayText(service: string): string {
  const v = pinVariable(service)
  return `# Written by Co-op Cloud Desktop: keeps ${service} on one machine of the swarm,
# the one holding its data (its volumes). The machine is ${v} in the app's
# env file. This file is not part of the recipe (.git/info/exclude).
version: "3.8"
services:
  ${service}:
    deploy:
      placement:
        constraints:
          - "node.hostname == \${${v}:?the machine to keep ${service} on}"
`
}

function checkService(service: string): void {
  if (!SERVICE_NAME.test(service)) throw new ApiError('invalid-request', t('volumes.locality.badService', { service }))
}

/** The env file with `service` kept on `machine`: the overlay added to COMPOSE_FILE (once) and its variable set. */
export function withPin(text: string, service: string, machine: string, composeFiles: string[]): string {
  checkService(service)
  const file = pinOverlayFile(service)
  const variable = pinVariable(service)
  if (composeFiles.includes(file)) return setEnvValues(text, { [variable]: machine })
  const composeSet = scanAssignments(text).some((a) => a.key === 'COMPOSE_FILE')
  // Set in the file: build on it, as the recipes' own optional parts do; unset, abra's default first.
  const line = composeSet ? `COMPOSE_FILE="$COMPOSE_FILE:${file}"` : `COMPOSE_FILE="compose.yml:${file}"`
  const base = withoutPin(text, service)
  const sep = base === '' || base.endsWith('\n\n') ? '' : base.endsWith('\n') ? '\n' : '\n\n'
  return setEnvValues(`${base}${sep}${marker(service)}\n${line}\n`, { [variable]: machine })
}

/** The env file without the block withPin wrote for `service` (other lines untouched). */
export function withoutPin(text: string, service: string): string {
  checkService(service)
  const file = pinOverlayFile(service)
  const variable = pinVariable(service)
  const ours = (l: string): boolean => {
    const s = l.trim()
    if (s === marker(service)) return true
    if (s === `COMPOSE_FILE="$COMPOSE_FILE:${file}"` || s === `COMPOSE_FILE="compose.yml:${file}"`) return true
    return new RegExp(`^(?:export[ \\t]+)?${variable}[ \\t]*=`).test(s)
  }
  const lines = splitLines(text)
  // Each line with its line break.
  const whole = lines.map((l, i) => ({ l, text: text.slice(l.start, lines[i + 1]?.start ?? text.length) }))
  const kept = whole.filter((w) => !ours(w.l.text))
  if (kept.length === lines.length) return text
  let out = kept.map((w) => w.text).join('')
  // The blank line withPin put before its block.
  out = out.replace(/\n\n+$/, '\n')
  return out
}

/** The pinned services' overlay files COMPOSE_FILE names. */
export function pinOverlaysIn(composeFiles: string[]): Array<{ file: string; service: string }> {
  return composeFiles.flatMap((f) => {
    const m = OVERLAY.exec(f)
    return m ? [{ file: f, service: m[1] }] : []
  })
}

/**
 * Writes each pin overlay COMPOSE_FILE names into the recipe's checkout when
 * missing, after making git leave them out (.git/info/exclude). A file of
 * that name already there (the recipe's own, or one written before) is kept.
 */
export async function ensurePinOverlays(dir: string, composeFiles: string[]): Promise<string[]> {
  const wanted = pinOverlaysIn(composeFiles)
  if (wanted.length === 0) return []
  await excludeOverlays(dir)
  const written: string[] = []
  for (const { file, service } of wanted) {
    // The file's name comes from the app's env file: confined to the checkout
    // (no '..', no symlink planted there leading out), and 'wx' never writes
    // through a link or over a file already there.
    const at = confinedPath(dir, file)
    try {
      await fs.writeFile(at, pinOverlayText(service), { flag: 'wx' })
      written.push(file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  return written
}

async function excludeOverlays(dir: string): Promise<void> {
  const gitDir = path.join(dir, '.git')
  try {
    if (!(await fs.stat(gitDir)).isDirectory()) return
  } catch {
    return
  }
  const file = path.join(gitDir, 'info', 'exclude')
  let text = ''
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  if (text.split('\n').some((l) => l.trim() === EXCLUDE_PATTERN)) return
  await fs.mkdir(path.dirname(file), { recursive: true })
  const sep = text === '' || text.endsWith('\n') ? '' : '\n'
  await fs.writeFile(file, `${text}${sep}# Co-op Cloud Desktop: machine pins (compose.pin.<service>.yml), not part of the recipe\n${EXCLUDE_PATTERN}\n`)
}
