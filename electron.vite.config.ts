import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

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
// first in index.html: it then runs while the main script is still arriving,
// and opens the page's WebSocket early. Vite would fold a second <script> in
// index.html into the main entry, hence the tag is added after bundling.
const bootFirst = {
  name: 'boot-first',
  apply: 'build' as const,
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { bundle?: Record<string, { type: string; name?: string; isEntry?: boolean; fileName: string }> }): string {
      const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot')
      if (!boot) throw new Error('boot-first: the boot chunk is missing from the bundle')
      return html.replace('<script type="module"', `<script type="module" crossorigin src="./${boot.fileName}"></script>\n    <script type="module"`)
    }
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
    plugins: [react(), devWithoutCsp, bootFirst],
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
