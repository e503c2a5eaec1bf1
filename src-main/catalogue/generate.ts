import fs from 'node:fs/promises'
import path from 'node:path'
import { parseComposeText } from '../compose/load'
import { substitute } from '../compose/interpolate'
import { compareVersions, type RawCatalogue, type RawServiceMeta } from './format'
import { splitImage } from './image'
import { readmeMetadata } from './readme'

// How generate reads recipes. Git repos use the recipes/git.ts functions
// (injected, so this module works before and without them); plain folders
// use folderVersions() below.
export interface RecipeReader {
  listVersions(dir: string): Promise<string[]>
  // Undefined when the file does not exist at that version.
  readFileAtVersion(dir: string, version: string, file: string): Promise<string | undefined>
  // The README as checked out (abra reads it from the default branch).
  readReadme(dir: string): Promise<string | undefined>
}

export interface GenerateOptions {
  recipesDir: string
  reader?: RecipeReader
  listVersions?: (dir: string) => Promise<string[]>
  readFileAtVersion?: (dir: string, version: string, file: string) => Promise<string>
  // Where the recipes are published; abra's catalogue points at git.coopcloud.tech.
  repositoryBase?: string
}

export interface GenerateResult {
  catalogue: RawCatalogue
  warnings: string[]
}

export const COOPCLOUD_GIT = 'https://git.coopcloud.tech/coop-cloud'

const readIfExists = async (file: string): Promise<string | undefined> => {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

// Folders that hold the default branch rather than a tagged version.
const BRANCH_FOLDERS = new Set(['main', 'master'])

// Recipes laid out as one folder per version (../shared/recipes/<name>/<version>/),
// with `main` standing for the working tree: the same answers a git repo gives,
// without git.
export function folderVersions(): RecipeReader {
  return {
    async listVersions(dir) {
      const entries = await fs.readdir(dir, { withFileTypes: true })
      return entries.filter((e) => e.isDirectory() && !BRANCH_FOLDERS.has(e.name) && !e.name.startsWith('.')).map((e) => e.name)
    },
    readFileAtVersion: (dir, version, file) => readIfExists(path.join(dir, version, file)),
    async readReadme(dir) {
      for (const branch of BRANCH_FOLDERS) {
        const text = await readIfExists(path.join(dir, branch, 'README.md'))
        if (text !== undefined) return text
      }
      const versions = (await this.listVersions(dir)).sort(compareVersions)
      return versions.length > 0 ? readIfExists(path.join(dir, versions.at(-1)!, 'README.md')) : undefined
    }
  }
}

// Wraps the git functions (which throw for a missing file) into a reader.
export function gitVersions(git: {
  listVersions: (dir: string) => Promise<string[]>
  readFileAtVersion: (dir: string, version: string, file: string) => Promise<string>
}): RecipeReader {
  return {
    listVersions: git.listVersions,
    readFileAtVersion: async (dir, version, file) => {
      try {
        return await git.readFileAtVersion(dir, version, file)
      } catch (err) {
        const code = (err as { code?: string }).code
        if (code === 'ENOENT' || code === 'NotFoundError' || code === 'recipe-file-not-found') return undefined
        throw err
      }
    },
    readReadme: (dir) => readIfExists(path.join(dir, 'README.md'))
  }
}

// Each service's image and tag as abra records them: compose.yml only (abra
// loads it with no app env), interpolation defaults applied, services
// without a tag left out.
export function servicesOf(composeText: string, where: string, warnings: string[]): Record<string, RawServiceMeta> {
  const { loaded, diagnostics } = parseComposeText(composeText, 'compose.yml')
  if (!loaded) {
    warnings.push(`${where}: compose.yml could not be read (${diagnostics[0]?.message ?? 'not YAML'}).`)
    return {}
  }
  const services = (loaded.data.services ?? {}) as Record<string, { image?: unknown } | null>
  const out: Record<string, RawServiceMeta> = {}
  // Sorted by name, as Go writes a map.
  for (const [name, service] of Object.entries(services).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof service?.image !== 'string') continue
    const ref = splitImage(substitute(service.image, () => undefined).value)
    if (!ref.tag) {
      if (name === 'app') warnings.push(`${where}: the app service's image has no tag, so it is left out.`)
      continue
    }
    out[name] = { ...(ref.digest ? { digest: ref.digest } : {}), image: ref.image, tag: ref.tag }
  }
  return out
}

export async function generateCatalogue(options: GenerateOptions): Promise<GenerateResult> {
  const reader =
    options.reader ??
    (options.listVersions && options.readFileAtVersion
      ? gitVersions({ listVersions: options.listVersions, readFileAtVersion: options.readFileAtVersion })
      : folderVersions())
  const base = (options.repositoryBase ?? COOPCLOUD_GIT).replace(/\/+$/, '')
  const warnings: string[] = []
  const catalogue: RawCatalogue = {}

  const entries = await fs.readdir(options.recipesDir, { withFileTypes: true })
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort()
  for (const name of names) {
    const dir = path.join(options.recipesDir, name)
    const readme = await reader.readReadme(dir)
    if (readme === undefined) warnings.push(`${name}: no README.md, so its category and features are unknown.`)
    const meta = readmeMetadata(name, readme ?? '')
    if (readme !== undefined) warnings.push(...meta.warnings)

    const versions: Record<string, Record<string, RawServiceMeta>>[] = []
    for (const version of (await reader.listVersions(dir)).sort(compareVersions)) {
      const compose = await reader.readFileAtVersion(dir, version, 'compose.yml')
      if (compose === undefined) {
        warnings.push(`${name} ${version}: no compose.yml at this version, so it is left out.`)
        continue
      }
      versions.push({ [version]: servicesOf(compose, `${name} ${version}`, warnings) })
    }

    // Keys in the order abra's RecipeMeta writes them, so files diff cleanly.
    const f = meta.features
    catalogue[name] = {
      category: meta.category,
      // abra takes the branch, description, icon and website from the forge's
      // repository settings; here the README and the usual branch stand in.
      default_branch: 'main',
      description: meta.description,
      features: {
        backups: f.backups,
        email: f.email,
        healthcheck: f.healthcheck,
        image: { image: f.image.image, rating: f.image.rating, source: f.image.source, url: f.image.url },
        status: f.status,
        tests: f.tests,
        sso: f.sso
      },
      icon: '',
      name,
      repository: `${base}/${name}.git`,
      ...(base === COOPCLOUD_GIT ? { ssh_url: `ssh://git@git.coopcloud.tech:2222/coop-cloud/${name}.git` } : {}),
      versions,
      website: ''
    }
  }
  return { catalogue, warnings }
}
