import fs from 'node:fs'
import path from 'node:path'
import type { RecipeFiles } from '../../src-main/apps/recipe-files'

/** A recipe version's folder (../shared/recipes/<name>/<version>, a fixture) as the map the env form reads from git. */
export function recipeFilesIn(root: string): RecipeFiles {
  const out: RecipeFiles = new Map()
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name)
      if (e.isDirectory()) walk(abs)
      else out.set(path.relative(root, abs).split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'))
    }
  }
  walk(root)
  return out
}
