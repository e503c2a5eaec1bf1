import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it, vi } from 'vitest'

// The layering rules of eslint.config.mjs, run on small snippets as if they
// were files at the given paths (nothing is written).

const ROOT = path.resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.mjs') })

// Loading the config and the TypeScript parser takes seconds on a busy
// machine; do it once, before the cases, each of which then lints in
// milliseconds.
vi.setConfig({ testTimeout: 60_000 })
beforeAll(async () => {
  await eslint.lintText('export {}\n', { filePath: path.join(ROOT, 'src-main/core/warm-up.ts') })
}, 120_000)

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return result.messages.filter((m) => m.ruleId?.startsWith('layers/') || m.fatal).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('electron may be imported only in src-main/electron/', () => {
  const ELECTRON = 'layers/electron-only-in-shell'
  const imports = [
    "import { app } from 'electron'",
    "import type { WebContents } from 'electron'",
    "import { BrowserWindow } from 'electron/main'",
    "import { ipcRenderer } from 'electron/renderer'",
    "export { shell } from 'electron'"
  ]

  it.each([
    'src-main/apps/deploy.ts',
    'src-main/core/core.ts',
    'src-main/contract/apps.ts',
    'src-renderer/src/App.tsx',
    'test/unit/some.test.ts',
    'test/e2e/some.test.ts',
    'scripts/some.mjs'
  ])('refuses it in %s', async (file) => {
    for (const line of imports) {
      const errors = await layerErrors(file, `${line}\n`)
      expect(errors, line).toHaveLength(1)
      expect(errors[0], line).toMatch(new RegExp(`^${ELECTRON}: .*Only src-main/electron/ may import electron`))
    }
  })

  it('allows it in the shell, and allows packages that only start with the name', async () => {
    for (const line of imports) expect(await layerErrors('src-main/electron/window.ts', `${line}\n`), line).toEqual([])
    expect(await layerErrors('electron.vite.config.ts', "import { defineConfig } from 'electron-vite'\n")).toEqual([])
    expect(await layerErrors('scripts/some.mjs', "import builder from 'electron-builder'\n")).toEqual([])
  })
})

describe('the page imports only the contract from src-main', () => {
  const PAGE = 'layers/page-imports-contract-only'

  it.each([
    ['src-renderer/src/screens/apps/AppPage.tsx', "import { deploy } from '../../../../src-main/apps/deploy'"],
    ['src-renderer/src/App.tsx', "import { createCore } from '../../src-main/core/core'"],
    ['src-renderer/src/App.tsx', "import type { Link } from '../../src-main/ssh/link'"],
    ['src-renderer/src/App.tsx', "export * from '../../src-main/servers/store'"],
    ['src-renderer/src/App.tsx', "import * as all from '../../src-main'"],
    ['src-renderer/src/App.tsx', "import { x } from '../../src-main/contractors/x'"],
    ['src-renderer/src/App.tsx', "import { x } from '../../src-main/contract/../apps/deploy'"],
    ['src-renderer/src/api/client.ts', "import { appEnvPath } from '../../../src-main/apps/env-file'"]
  ])('refuses %s: %s', async (file, line) => {
    const errors = await layerErrors(file, `${line}\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(new RegExp(`^${PAGE}: .*The page imports only src-main/contract/`))
  })

  it('allows the contract, and everything inside the page', async () => {
    for (const line of [
      "import { z } from '../../../src-main/contract'",
      "import type { App } from '../../../src-main/contract/apps'",
      "import { Domain } from '../../../../src-main/contract/domain'",
      "import { Button } from '../components/Button'",
      "import { useState } from 'react'"
    ]) {
      expect(await layerErrors('src-renderer/src/screens/Apps.tsx', `${line}\n`), line).toEqual([])
    }
  })

  it('leaves the rest of the repository free to import src-main', async () => {
    expect(await layerErrors('test/unit/some.test.ts', "import { createCore } from '../../src-main/core/core'\n")).toEqual([])
  })
})

describe('import() and require() are held to the same layers', () => {
  it('refuses electron loaded at run time outside the shell, and allows it inside', async () => {
    for (const line of ["void import('electron')", "const { app } = await import('electron/main')", "const e = require('electron')"]) {
      const errors = await layerErrors('src-main/core/core.ts', `${line}\nexport {}\n`)
      expect(errors, line).toEqual([expect.stringMatching(/^layers\/electron-only-in-shell-dynamic: .*Only src-main\/electron\/ may import electron/)])
      expect(await layerErrors('src-main/electron/main.ts', `${line}\nexport {}\n`), line).toEqual([])
    }
    expect(await layerErrors('src-main/core/core.ts', "void import('electron-vite')\nexport {}\n")).toEqual([])
  })

  it('refuses the core loaded by the page at run time, and names written at run time', async () => {
    for (const line of [
      "void import('../../src-main/core/core')",
      "void import('../../src-main')",
      "void import('../../src-main/contract/../apps/deploy')",
      "const name = '../../src-main/core/core'; void import(name)",
      'void import(`../../src-main/${"core"}/core`)'
    ]) {
      const errors = await layerErrors('src-renderer/src/App.tsx', `${line}\n`)
      expect(errors, line).toEqual([expect.stringMatching(/^layers\/page-imports-contract-only-dynamic: The page imports (only src-main\/contract\/|modules by a written name only)/)])
    }
    for (const line of ["void import('../../src-main/contract/apps')", "void import('./screens/Backups')", "void import('react')"]) {
      expect(await layerErrors('src-renderer/src/App.tsx', `${line}\n`), line).toEqual([])
    }
  })
})

describe('the contract pulls nothing of the core in behind it', () => {
  const CONTRACT = 'layers/contract-stands-alone'

  it('refuses imports from the rest of src-main and from Node', async () => {
    for (const line of ["import { appEnvPath } from '../apps/env-file'", "import path from 'node:path'", "import { x } from '..'"]) {
      const errors = await layerErrors('src-main/contract/apps.ts', `${line}\n`)
      expect(errors, line).toHaveLength(1)
      expect(errors[0], line).toMatch(new RegExp(`^${CONTRACT}: .*(The contract imports nothing|no Node)`))
    }
  })

  it('allows its own files and zod', async () => {
    for (const line of ["import { z } from 'zod'", "import { Domain } from './domain'"]) {
      expect(await layerErrors('src-main/contract/apps.ts', `${line}\n`), line).toEqual([])
    }
  })
})
