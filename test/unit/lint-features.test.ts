import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The feature layering in eslint.config.mjs (issue 9): a feature folder under
// src-main imports only the features below it, and only core/core.ts joins them.
// Each case lints one import as if it were in that file.
const eslint = new ESLint({ cwd: process.cwd() })

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = [x]\n`, { filePath: file })
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

describe('feature layering lint rule', { timeout: 60_000 }, () => {
  it('refuses apps importing backups (backups builds on apps)', async () => {
    const errors = await layerErrors('src-main/apps/deploy-x.ts', "import { runBackup as x } from '../backups/create'")
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('apps/ may import only')
  })

  it('refuses the lower layers reaching up, from files two folders deep too', async () => {
    expect(await layerErrors('src-main/compose/x.ts', "import { loadApp as x } from '../apps/context'")).toHaveLength(1)
    expect(await layerErrors('src-main/compose/schema/x.ts', "import { loadApp as x } from '../../apps/context'")).toHaveLength(1)
    expect(await layerErrors('src-main/ssh/x.ts', "import { serverHandlers as x } from '../servers/service'")).toHaveLength(1)
    expect(await layerErrors('src-main/docker/x.ts', "import { startBrowserServer as x } from '../browser/server'")).toHaveLength(1)
  })

  it('refuses a feature importing the composition root', async () => {
    const errors = await layerErrors('src-main/apps/x.ts', "import { createCore as x } from '../core/core'")
    expect(errors.some((m) => m.includes('Only the doors'))).toBe(true)
  })

  it('allows what the layers allow', async () => {
    expect(await layerErrors('src-main/backups/x.ts', "import { loadApp as x } from '../apps/context'")).toEqual([])
    expect(await layerErrors('src-main/apps/x.ts', "import { Jobs as x } from '../core/jobs'")).toEqual([])
    expect(await layerErrors('src-main/compose/schema/x.ts', "import { x } from '../load'")).toEqual([])
    expect(await layerErrors('src-main/cli/x.ts', "import { createCore as x } from '../core/core'")).toEqual([])
    expect(await layerErrors('src-main/core/core.ts', "import { backupService as x } from '../backups/handlers'")).toEqual([])
  })
})
