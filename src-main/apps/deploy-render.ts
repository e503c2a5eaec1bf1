// What a deploy sends, worked out once for both the deploy (deploy.ts) and
// its preview (deploy-preview.ts), so the preview shows exactly what the
// apply would send: the recipe checked out (or its local copy) and rendered
// under the recipe's lock, labelled as abra labels it; then, given the
// stack's services as the server holds them, the earlier version's label.
// The fingerprint of both is what the preview hands the window and what the
// deploy compares before it sends anything.
import crypto from 'node:crypto'
import { ApiError } from '../contract/errors'
import { deployRecordKeys } from '../contract/team'
import { abraLabelKeys, MAIN_SERVICE, withAbraLabels, withMainServiceLabels } from '../compose/abra-labels'
import { ComposeError, type Diagnostic } from '../compose/diagnostics'
import type { StackObjects } from '../compose/objects'
import type { ImageResolution } from '../compose/apply'
import { appEnvironment } from '../compose/env'
import { renderFromFiles } from '../compose/stacks'
import { t } from '../i18n/i18n'
import type { AppContext, LoadedApp } from './context'
import { earlierVersionFor, withEarlierVersion } from './earlier-version'
import { ensurePinOverlays } from './pin-overlay'
import { refuseIncompleteRecipe } from './recipe-gaps'
import { withCheckout, withWorkingCopy } from './recipes-service'

export interface RenderedDeploy {
  /** The version deployed; on a chaos deploy the working copy's commit, "+U" when it has changes not saved in git. */
  version: string
  /** The recipe's folder it was rendered from. */
  dir: string
  /** The renderer's warnings (errors are refused). */
  diagnostics: Diagnostic[]
  stackName: string
  /** The stack's objects with abra's labels. */
  objects: StackObjects
  /** What the version label says: the recipe's own label on a chaos deploy (abra keeps it), else the version. */
  versionLabel: string
}

/** Checks the recipe out at `version` (or takes the local copy on chaos) and renders it with abra's labels; refuses what can't be deployed. */
export async function renderForDeploy(ctx: AppContext, app: LoadedApp, o: { version: string | undefined; chaos: boolean }): Promise<RenderedDeploy> {
  if (!app.recipe) throw new ApiError('env-invalid', t('apps.deploy.noRecipe', { domain: app.domain }))
  const recipe = app.recipe
  const render = async (dir: string, version: string) => {
    // A machine pin's overlay (pin-overlay.ts) is not part of the recipe: written back into the checkout when missing.
    await ensurePinOverlays(dir, appEnvironment({ envText: app.envText, envFile: app.envFile, domain: app.domain }).composeFiles)
    return { version, dir, r: renderFromFiles({ recipeDir: dir, envFile: app.envFile, domain: app.domain, stackName: app.stackName }) }
  }
  const { r, version, dir } = o.chaos ? await withWorkingCopy(ctx, recipe, render) : await withCheckout(ctx, recipe, o.version, render)
  refuseIncompleteRecipe({ recipe, version, diagnostics: r.diagnostics, recipeDir: dir, outcome: t('apps.deploy.nothingSent', { domain: app.domain }) })
  if (!r.objects || r.diagnostics.some((d) => d.severity === 'error')) throw new ComposeError(r.diagnostics)
  const stackName = r.objects.namespace
  const abra = withAbraLabels(r.objects, { stackName, recipe, version, chaos: o.chaos, ...(o.chaos ? { chaosVersion: version } : {}) })
  // Who deploys, from which shared settings (contract/team.ts deployRecordKeys): the same for the preview and the deploy, so its fingerprint holds.
  const record = await ctx.deployRecord?.(app.server, app.domain)
  const objects = record ? withDeployRecord(abra, stackName, record) : abra
  const labelled = objects.services.find((s) => s.name === `${stackName}_${MAIN_SERVICE}`)?.spec.Labels as Record<string, string> | undefined
  const versionLabel = o.chaos ? (labelled?.[abraLabelKeys(stackName).version] ?? '') : version
  return { version, dir, diagnostics: r.diagnostics, stackName, objects, versionLabel }
}

/** A copy of `objects` whose main service says who deployed it and from which settings commit. */
export function withDeployRecord(objects: StackObjects, stackName: string, record: { by: string; commit?: string }): StackObjects {
  const keys = deployRecordKeys(stackName)
  return withMainServiceLabels(objects, (labels) => {
    labels[keys.by] = record.by
    if (record.commit) labels[keys.commit] = record.commit
    else delete labels[keys.commit]
  })
}

interface ServiceLike {
  ID?: string
  Version?: { Index?: number }
  Spec?: { Name?: string; Labels?: Record<string, string> }
}

/** The objects to send, given the stack's services now: the app service carries the version it replaces (abra's earlier-version label). */
export function objectsToSend(rendered: RenderedDeploy, services: ServiceLike[]): StackObjects {
  const mainBefore = services.find((s) => s.Spec?.Name === `${rendered.stackName}_${MAIN_SERVICE}`)
  return withEarlierVersion(rendered.objects, earlierVersionFor(mainBefore?.Spec?.Labels, rendered.stackName, rendered.versionLabel))
}

const hash = (text: string): string => crypto.createHash('sha256').update(text).digest('hex').slice(0, 12)

// Known only to this process: a fingerprint names pins only when this process
// made it, so pins a caller wrote or edited never match one (see serverStateOf).
const SECRET = crypto.randomBytes(32)
const hmac = (text: string): string => crypto.createHmac('sha256', SECRET).update(text).digest('hex').slice(0, 12)

/** The images a preview's registries pinned: service → `name:tag@sha256:…`. */
export type ImagePins = Record<string, string>

/**
 * Changes when anything the deploy depends on changes: its first part when a
 * service of the stack is created, changed or removed on the server (their
 * IDs and versions), its second when what would be sent changes (the env
 * file, the recipe's checkout or local copy), its third (keyed by this
 * process's secret) when either does or the image pins do.
 */
export function serverStateOf(services: ServiceLike[], sent: StackObjects, pins: ImagePins = {}): string {
  const ids = services.map((s) => `${s.ID ?? ''}@${s.Version?.Index ?? ''}`).sort()
  const sentText = JSON.stringify(sent)
  const pinsText = JSON.stringify(Object.entries(pins).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return `${hash(ids.join('\n'))}${hash(sentText)}${hmac(`${ids.join('\n')}\n${sentText}\n${pinsText}`)}`
}

/** What changed between two fingerprints, for the words: the server's services, what would be sent, both, or only the image pins. */
export function stateChange(expected: string, now: string): 'services' | 'sent' | 'both' | 'pins' {
  const services = expected.slice(0, 12) !== now.slice(0, 12)
  const sent = expected.slice(12, 24) !== now.slice(12, 24)
  return services && sent ? 'both' : services ? 'services' : sent ? 'sent' : 'pins'
}

/**
 * Refuses, before anything is sent, a deploy whose preview no longer holds
 * (see apps.preview's serverState). With the preview's pins the whole
 * fingerprint must match; without, the pins part is not compared (the
 * registries are asked again, as before pins were given).
 */
export function refuseChangedState(app: Pick<LoadedApp, 'domain'>, expected: string | undefined, now: string, withPins = false): void {
  if (expected === undefined) return
  if (withPins ? expected === now : expected.slice(0, 24) === now.slice(0, 24)) return
  const what = t(`preview.serverChanged.${stateChange(expected, now)}`)
  throw new ApiError('server-changed', t('preview.serverChanged.message', { domain: app.domain, what }), undefined, { serverState: now })
}

// The platforms each pinned image's registry listed, so a deploy given a
// preview's pins sends the spec the preview worked out without asking again.
// A digest names one manifest, so its platforms never change.
const platformsByPin = new Map<string, ImageResolution['platforms']>()
const KEEP_PINS = 500

/** The pins of a preview's registry answers, remembering each one's platforms for the deploy. */
export function pinsOf(resolutions: Map<string, ImageResolution>): ImagePins {
  const pins: ImagePins = {}
  for (const [service, r] of resolutions) {
    if (!r.pinned) continue
    pins[service] = r.pinned
    platformsByPin.delete(r.pinned)
    platformsByPin.set(r.pinned, r.platforms)
    if (platformsByPin.size > KEEP_PINS) platformsByPin.delete(platformsByPin.keys().next().value as string)
  }
  return pins
}

/**
 * The registries' answers a preview had, rebuilt from its pins (checked by
 * the fingerprint first): every service with an image is pinned as then, or,
 * when its registry gave no digest then, sent with its tag as then.
 * Undefined when a pin's platforms are no longer known: then the registries are asked again.
 */
export function resolutionsFromPins(sent: StackObjects, pins: ImagePins): Map<string, ImageResolution> | undefined {
  const out = new Map<string, ImageResolution>()
  for (const s of sent.services) {
    const cs = (s.spec.TaskTemplate as { ContainerSpec?: { Image?: unknown } } | undefined)?.ContainerSpec
    if (!cs?.Image) continue
    const pinned = pins[s.name]
    if (pinned === undefined) {
      out.set(s.name, { platforms: [], problem: 'no digest when previewed' })
      continue
    }
    const platforms = platformsByPin.get(pinned)
    if (!platforms) return undefined
    out.set(s.name, { pinned, platforms })
  }
  return out
}
