// The core's stack methods: render a recipe checkout with an app's env file
// into Docker objects (no server involved), and deploy them to a server over
// its one connection, as a job the screens (and the CLI) can follow.
import fs from 'node:fs'
import path from 'node:path'
import type { Handlers } from '../api/dispatch'
import { ApiError } from '../contract/errors'
import { confinedPath, excerpt } from '../core/confine'
import type { Jobs } from '../core/jobs'
import type { ServerConn } from '../servers/connections'
import { withAbraLabels } from './abra-labels'
import { applyStack, type ApplyEvent } from './apply'
import { ENV_FILE_LIMIT, readTextBounded } from '../core/limits'
import { ComposeError, type Diagnostic } from './diagnostics'
import type { StackObjects } from './objects'
import { DEFAULT_OUTSIDE_FILES, insideFolder, outsideWords, type OutsideFiles } from './outside-files'
import { renderStack } from './pipeline'
import { t } from '../i18n/i18n'

type StackHandlers = Pick<Handlers, Extract<keyof Handlers, `stacks.${string}`>>

export interface RenderRequest {
  recipeDir: string
  envFile: string
  stackName?: string
  domain?: string
}

function readText(file: string, what: string): string {
  // `what`: the file's kind in words (compose.envFile), or a file name (abra.sh).
  try {
    return readTextBounded(file, ENV_FILE_LIMIT)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new ApiError(
      code === 'ENOENT' ? 'not-found' : 'read-failed',
      code === 'ENOENT' ? t('compose.noFile', { what, file }) : t('compose.unreadableFile', { what, file, message: (err as Error).message }),
      (err as Error).message
    )
  }
}

export interface RenderOptions {
  /** A file the recipe names that resolves outside its folder: refused (the window, the browser page) or read with a warning (the CLI). */
  outsideFiles?: OutsideFiles
}

/** Renders a recipe checkout with an app's env file (and the recipe's abra.sh, when it has one). */
export function renderFromFiles(req: RenderRequest, options: RenderOptions = {}): { stackName?: string; objects?: StackObjects; diagnostics: Diagnostic[] } {
  const recipeDir = path.resolve(req.recipeDir)
  if (!fs.existsSync(recipeDir) || !fs.statSync(recipeDir).isDirectory()) {
    throw new ApiError('not-found', t('compose.noRecipeFolder', { dir: recipeDir }))
  }
  const envFile = path.resolve(req.envFile)
  const envText = readText(envFile, t('compose.envFile'))
  const abraSh = path.join(recipeDir, 'abra.sh')
  const outsideFiles = options.outsideFiles ?? DEFAULT_OUTSIDE_FILES
  const early: Diagnostic[] = []
  // abra.sh's exports become variables of the app; a symlink to, say,
  // ~/.bashrc would put its secrets into the compose files.
  if (fs.existsSync(abraSh) && !insideFolder(recipeDir, abraSh)) {
    const severity = outsideFiles === 'refuse' ? 'error' : 'warning'
    early.push({ severity, file: 'abra.sh', message: `abra.sh: ${outsideWords(t('compose.theRecipe'), 'abra.sh', outsideFiles)}` })
    if (severity === 'error') return { diagnostics: early }
  }
  const abraShText = fs.existsSync(abraSh) ? readText(abraSh, 'abra.sh') : undefined
  const r = renderStack({ recipeDir, envText, envFile, abraShText, domain: req.domain, stackName: req.stackName, outsideFiles })
  return { stackName: r.objects?.namespace ?? r.stackName, objects: r.objects, diagnostics: [...early, ...r.diagnostics] }
}

/** The stack deploy job's steps, in the current language. */
export const deploySteps = (): string[] => [
  t('compose.steps.read'),
  t('compose.steps.connect'),
  t('compose.steps.check'),
  t('compose.steps.objects'),
  t('compose.steps.services')
]

function describeEvent(e: ApplyEvent): string | undefined {
  if (e.type === 'done') return t(`compose.done.${e.action}`, { kind: e.kind, name: e.name })
  if (e.type === 'warning') return e.name ? t('compose.dockerWarnsAbout', { name: e.name, message: e.message }) : t('compose.dockerWarns', { message: e.message })
  return undefined
}

// The window and the browser page may only point at abra's own folders
// (recipe checkouts, app env files); a page that could name any path would
// read any file on the computer through a compose `file:` entry. The CLI is
// run by the person themselves and may name any folder.
export function confineTo(root: string): (req: RenderRequest) => void {
  return (req) => {
    for (const [p, what] of [[req.recipeDir, 'recipeFolder'], [req.envFile, 'envFile']] as const) {
      try {
        confinedPath(root, path.resolve(p))
      } catch (err) {
        if (err instanceof ApiError && err.code === 'forbidden-path') {
          throw new ApiError('forbidden-path', t(`compose.confined.${what}`, { root, path: excerpt(p, 200) }))
        }
        throw err
      }
    }
  }
}

export function stackHandlers(deps: {
  jobs: Jobs
  open: (server: string) => Promise<ServerConn>
  check?: (req: RenderRequest) => void
  /** Files a recipe names outside its folder: 'refuse' (the default; the window and the browser page) or 'warn' (the CLI). */
  outsideFiles?: OutsideFiles
}): StackHandlers {
  const render = (req: RenderRequest): ReturnType<typeof renderFromFiles> => {
    deps.check?.(req)
    return renderFromFiles(req, { outsideFiles: deps.outsideFiles })
  }
  return {
    'stacks.render': async (input) => {
      const r = render(input)
      return { stackName: r.stackName, objects: r.objects, diagnostics: r.diagnostics }
    },
    'stacks.deploy': async (input) => {
      // Rendering is quick and local: a recipe that does not render is
      // refused here, before a job or a connection exists.
      const r = render(input)
      if (!r.objects || r.diagnostics.some((d) => d.severity === 'error')) throw new ComposeError(r.diagnostics)
      let objects = r.objects
      if (input.abra) objects = withAbraLabels(objects, { stackName: objects.namespace, ...input.abra, chaos: input.abra.chaos ?? false })
      const job = deps.jobs.start({ kind: 'stack-deploy', title: t('compose.title', { stack: objects.namespace }), target: input.server, steps: deploySteps() }, async (ctx) => {
        for (const d of r.diagnostics) ctx.log(`${t('compose.warning', { message: d.message })}\n`)
        ctx.step(1)
        const conn = await deps.open(input.server)
        await conn.ready()
        ctx.step(2)
        let step = 2
        const result = await applyStack(conn.docker(), objects, {
          signal: ctx.signal,
          onProgress: (e) => {
            const want = e.type === 'start' || e.type === 'done' ? (e.kind === 'service' ? 4 : 3) : step
            if (want > step) ctx.step((step = want))
            const line = describeEvent(e)
            if (line) ctx.log(`${line}\n`)
          }
        })
        ctx.log(`${t('compose.summary', { created: result.created.length, updated: result.updated.length, kept: result.unchanged.length })}\n`)
      })
      return { jobId: job.id, stackName: objects.namespace }
    }
  }
}
