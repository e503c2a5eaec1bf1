import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { LANGUAGES, type Language } from './src-main/contract/languages'
import { FirstScreen, type FirstScreenKind } from './src-renderer/src/first-screen/FirstScreen'
import { en } from './src-renderer/src/i18n/en'
import { fr } from './src-renderer/src/i18n/fr'
import type { UiMessages } from './src-renderer/src/i18n/en'
import type { Translation } from './src-renderer/src/i18n/keys'

const root = import.meta.dirname
const r = (p: string): string => resolve(root, p)

// Native modules (and ws, whose optional native helpers are probed at run
// time) must be loaded from node_modules, never bundled. externalizeDeps
// already keeps every "dependencies" entry external; the list adds the
// transitive native ones.
const nativeDeps = ['ssh2', '@napi-rs/keyring', 'dockerode', 'ws', 'cpu-features', 'bufferutil', 'utf-8-validate']

// `electron-vite dev` injects inline styles and React refresh's inline script,
// which the page's CSP forbids; only the dev server drops the meta tag. Built
// pages keep it.
const devWithoutCsp = {
  name: 'dev-without-csp',
  apply: 'serve' as const,
  transformIndexHtml: (html: string): string => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, '')
}

// src/boot.ts is an entry of its own (a chunk of a few hundred bytes that the
// main script imports too, so there is one copy), and its script tag goes
// first in index.html: it runs while the main script is still arriving, and
// opens the page's WebSocket early. The main script is then named only as a
// preload (data-main), and boot runs it once the first screen that came in
// the HTML has painted (boot.ts, startMainAfterPaint). Vite would fold a
// second <script> in index.html into the main entry, hence the tags are
// rewritten after bundling.
const bootFirst = {
  name: 'boot-first',
  apply: 'build' as const,
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { bundle?: Record<string, { type: string; name?: string; isEntry?: boolean; fileName: string }> }): string {
      const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot')
      if (!boot) throw new Error('boot-first: the boot chunk is missing from the bundle')
      const main = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html)
      if (!main) throw new Error('boot-first: the main script tag is missing from index.html')
      return html.replace(
        main[0],
        `<script type="module" crossorigin src="./${boot.fileName}"></script>\n    <link rel="modulepreload" crossorigin href="${main[1]}" data-main>`
      )
    }
  }
}

// The first screen, drawn before the main script runs (see FirstScreen.tsx):
// each landing screen in each language, rendered here once, is written to
// first-screen.json beside index.html. The page's own words are the source,
// so a translation changes it too; a language missing here fails the build.
const firstScreenWords: Record<Language, Translation<UiMessages>> = { en, fr }
const FIRST_SCREEN_KINDS: FirstScreenKind[] = ['welcome', 'servers']
const firstScreens = {
  name: 'first-screens',
  apply: 'build' as const,
  generateBundle(this: { emitFile(f: { type: 'asset'; fileName: string; source: string }): string }): void {
    const out: Record<string, Record<string, string>> = {}
    for (const language of LANGUAGES) {
      const words = firstScreenWords[language]
      if (!words) throw new Error(`first-screens: no words for ${language}`)
      out[language] = Object.fromEntries(FIRST_SCREEN_KINDS.map((kind) => [kind, renderToStaticMarkup(createElement(FirstScreen, { words, kind }))]))
    }
    this.emitFile({ type: 'asset', fileName: 'first-screen.json', source: JSON.stringify(out) })
  }
}

export default defineConfig({
  main: {
    build: {
      // cli.js and serve.js run on plain Node (engines: >=20.19), not only
      // inside Electron's newer Node, so don't emit syntax Node 20 lacks.
      target: 'node20.19',
      externalizeDeps: { include: nativeDeps },
      rolldownOptions: {
        input: {
          index: r('src-main/electron/main.ts'),
          cli: r('src-main/cli/index.ts'),
          serve: r('src-main/browser/serve.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload runs without Node's module loader: no ESM and no
      // require() of anything but a few built-ins, so it is one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: r('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: r('src-renderer'),
    plugins: [react(), devWithoutCsp, bootFirst, firstScreens],
    build: {
      outDir: r('out/renderer'),
      // electron-vite leaves the renderer unminified by default; minified,
      // the first screen's script is about a third the size and parses faster.
      minify: true,
      rolldownOptions: { input: { index: r('src-renderer/index.html'), boot: r('src-renderer/src/boot.ts') } }
    },
    // The renderer imports the shared contract from src-main/contract.
    server: { fs: { allow: [root] } }
  }
})
