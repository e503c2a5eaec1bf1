import fs from 'node:fs/promises'
import path from 'node:path'
import { LANGUAGES, type Language } from '../contract/languages'

// The first screen in the HTML itself (src-renderer/src/first-screen/): the
// build renders each landing screen in each language into first-screen.json
// beside index.html, and whoever serves index.html (browser mode, the app://
// protocol) puts in the one this person will land on, in their language.
// The page's main script then takes over. Without the file (a dev server, an
// old build) the page is served as it is and simply draws a little later.

/** What decides the first screen: the language, and whether any server is known yet (else the welcome screen). */
export interface FirstScreenState {
  language: Language
  hasServers: boolean
}

export const FIRST_SCREEN_FILE = 'first-screen.json'
const MARKER = '<!--first-screen-->'

type Screens = Partial<Record<Language, { welcome?: string; servers?: string }>>

/** index.html with the first screen in it, and its lang set; unchanged when there is no marker or no screen for that state. */
export function withFirstScreen(html: string, screens: Screens | undefined, state: FirstScreenState): string {
  const markup = screens?.[state.language]?.[state.hasServers ? 'servers' : 'welcome']
  if (!markup || !html.includes(MARKER)) return html
  return html.replace(/<html lang="[^"]*"/, `<html lang="${state.language}"`).replace(MARKER, () => markup)
}

/**
 * Serves index.html with its first screen: one reading of the build's files
 * per server (they don't change while it runs), the state asked per page load.
 */
export function firstScreenPage(rendererDir: string, state: () => Promise<FirstScreenState>): (indexFile: string) => Promise<string> {
  let screens: Promise<Screens | undefined> | undefined
  const read = (): Promise<Screens | undefined> =>
    (screens ??= fs
      .readFile(path.join(rendererDir, FIRST_SCREEN_FILE), 'utf8')
      .then((text) => JSON.parse(text) as Screens)
      .catch(() => undefined))
  return async (indexFile) => {
    const [html, found, now] = await Promise.all([fs.readFile(indexFile, 'utf8'), read(), state().catch(() => undefined)])
    if (!now || !LANGUAGES.includes(now.language)) return html
    return withFirstScreen(html, found, now)
  }
}
