import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstScreenPage, withFirstScreen } from '../../src-main/browser/first-screen'

const html = '<!doctype html>\n<html lang="en">\n<body>\n<!--first-screen-->\n<div id="root"></div>\n</body></html>'
const screens = {
  en: { welcome: '<div id="first-screen"><h1>Welcome</h1></div>', servers: '<div id="first-screen"><h1>Servers</h1></div>' },
  fr: { welcome: '<div id="first-screen"><h1>Bienvenue</h1></div>', servers: '<div id="first-screen"><h1>Serveurs $& $1</h1></div>' }
}

describe('the first screen served in index.html', () => {
  it('is the welcome screen until a server is known, then the servers screen, in the language chosen', () => {
    expect(withFirstScreen(html, screens, { language: 'en', hasServers: false })).toContain('<html lang="en">\n<body>\n<div id="first-screen"><h1>Welcome</h1></div>\n<div id="root">')
    const fr = withFirstScreen(html, screens, { language: 'fr', hasServers: true })
    expect(fr).toContain('<html lang="fr">')
    // Replacement patterns in the markup are kept as written.
    expect(fr).toContain('<h1>Serveurs $& $1</h1>')
    expect(fr).not.toContain('<!--first-screen-->')
  })

  it('leaves the page as it is without the build file, the marker or that screen', () => {
    expect(withFirstScreen(html, undefined, { language: 'en', hasServers: false })).toBe(html)
    expect(withFirstScreen('<html lang="en"><div id="root"></div>', screens, { language: 'fr', hasServers: false })).toBe('<html lang="en"><div id="root"></div>')
    expect(withFirstScreen(html, { en: screens.en }, { language: 'fr', hasServers: false })).toBe(html)
  })

  it('asks the state on every load and serves the page plain when it cannot be read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-first-'))
    fs.writeFileSync(path.join(dir, 'index.html'), html)
    fs.writeFileSync(path.join(dir, 'first-screen.json'), JSON.stringify(screens))
    let state: { language: 'en' | 'fr'; hasServers: boolean } | Error = { language: 'en', hasServers: false }
    const page = firstScreenPage(dir, async () => {
      if (state instanceof Error) throw state
      return state
    })
    expect(await page(path.join(dir, 'index.html'))).toContain('<h1>Welcome</h1>')
    state = { language: 'fr', hasServers: false }
    expect(await page(path.join(dir, 'index.html'))).toContain('<h1>Bienvenue</h1>')
    state = new Error('settings unreadable')
    expect(await page(path.join(dir, 'index.html'))).toBe(html)
    fs.rmSync(dir, { recursive: true })
  })
})
