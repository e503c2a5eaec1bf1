// The app's secrets on its server: list, create (generated or typed),
// rotate and remove. Secrets are made the way abra makes them: a swarm
// secret named `${STACK_NAME}_<name>_<version>` with no labels (abra's
// client.StoreSecret sends only Name and Data). Values pass through memory
// once, back to the caller, and are never written to disk or logged.
import type Docker from 'dockerode'
import { ApiError, toErrorBody } from '../contract/errors'
import { parseEnvFile } from '../compose/env'
import { t } from '../i18n/i18n'
import { loadApp, type AppContext, type LoadedApp } from './context'
import { startDeploy } from './deploy'
import { setEnvValues, updateEnvFile } from './env-file'
import type { HandlersFor } from './handlers-types'
import { createFailedError, dockerMessage, inUseBy, inUseError, isAlreadyExists, isNotFound, secretExistsError } from './secret-errors'
import { appSecretSpecs, defaultRecipeDir, serverSecrets, stackServices } from './secret-specs'
import { bumpVersion, generateSecret, MAX_SECRET_NAME_LENGTH, secretSwarmName, type SecretSpec } from './secrets'

async function dockerFor(ctx: AppContext, server: string): Promise<Docker> {
  const conn = await ctx.open(server)
  await conn.ready()
  return conn.docker()
}

function tooLongError(s: Pick<SecretSpec, 'name' | 'swarmName'>): ApiError {
  return new ApiError(
    'secret-name-too-long',
    t('apps.secrets.tooLong', { name: s.name, swarmName: s.swarmName, length: s.swarmName.length, max: MAX_SECRET_NAME_LENGTH }),
    undefined,
    { name: s.name, swarmName: s.swarmName }
  )
}

function unknownSecret(app: LoadedApp, name: string): ApiError {
  return new ApiError('secret-unknown', t('apps.secrets.unknown', { domain: app.domain, name }), undefined, { name })
}

/** Creates the app's missing secrets (or `names`), generated unless a value is given; undoes its own creations on failure. Values come back once. */
export async function createSecrets(
  ctx: AppContext,
  app: LoadedApp,
  opts: { names?: string[]; values?: Record<string, string>; recipeDir?: string }
): Promise<Array<{ name: string; swarmName: string; value?: string }>> {
  const specs = appSecretSpecs(app, opts.recipeDir ?? defaultRecipeDir(ctx.paths.recipesDir, app))
  const byName = new Map(specs.map((s) => [s.name, s]))
  const values = opts.values ?? {}
  for (const name of [...(opts.names ?? []), ...Object.keys(values)]) if (!byName.has(name)) throw unknownSecret(app, name)

  const docker = await dockerFor(ctx, app.server)
  let wanted: SecretSpec[]
  if (opts.names) {
    wanted = opts.names.map((n) => byName.get(n)!)
  } else {
    const existing = await serverSecrets(docker, app.stackName)
    // Secrets only the env mentions aren't used by the recipe: abra doesn't make them either.
    wanted = specs.filter((s) => s.inCompose !== false && !existing.has(s.swarmName))
  }

  // Everything that can be refused without the server is refused before anything is made.
  for (const s of wanted) {
    if (s.tooLong) throw tooLongError(s)
    if (!s.generate && values[s.name] === undefined) {
      throw new ApiError(
        'secret-value-needed',
        t('apps.secrets.valueNeeded', { name: s.name }),
        undefined,
        { name: s.name }
      )
    }
  }
  const planned = wanted.map((s) => {
    const typed = values[s.name]
    return { spec: s, typed: typed !== undefined, value: typed ?? generateSecret({ length: s.length, charset: s.charset }) }
  })

  const created: string[] = []
  try {
    for (const p of planned) {
      try {
        await docker.createSecret({ Name: p.spec.swarmName, Data: Buffer.from(p.value, 'utf8').toString('base64') })
      } catch (err) {
        if (isAlreadyExists(err)) throw secretExistsError(p.spec.name, p.spec.swarmName)
        throw createFailedError(p.spec.name, p.spec.swarmName, err)
      }
      created.push(p.spec.swarmName)
    }
  } catch (err) {
    await removeSwarmSecrets(ctx, app.server, created).catch(() => undefined)
    throw err
  }
  return planned.map((p) => ({ name: p.spec.name, swarmName: p.spec.swarmName, value: p.typed ? undefined : p.value }))
}

/** Removes the swarm secrets by exact name (used to undo a failed apps.new). */
export async function removeSwarmSecrets(ctx: AppContext, server: string, swarmNames: string[]): Promise<void> {
  if (swarmNames.length === 0) return
  const docker = await dockerFor(ctx, server)
  const failures: string[] = []
  for (const name of swarmNames) {
    try {
      await docker.getSecret(name).remove()
    } catch (err) {
      if (!isNotFound(err)) failures.push(`${name}: ${dockerMessage(err)}`)
    }
  }
  if (failures.length) {
    throw new ApiError('secret-remove-failed', t('apps.secrets.removeFailedSome', { server }), failures.join('\n'))
  }
}

async function listSecrets(ctx: AppContext, server: string, domain: string) {
  const app = await loadApp(ctx, server, domain)
  const specs = appSecretSpecs(app, defaultRecipeDir(ctx.paths.recipesDir, app))
  const onServer = await serverSecrets(await dockerFor(ctx, server), app.stackName)
  return specs.map((s) => {
    const found = onServer.get(s.swarmName)
    return {
      name: s.name,
      envKey: s.envKey,
      version: s.version,
      swarmName: s.swarmName,
      length: s.length,
      charset: s.charset,
      generate: s.generate,
      tooLong: s.tooLong,
      exists: found !== undefined,
      createdAt: found?.CreatedAt
    }
  })
}

// Two rotations of one app at once would both read v1 and write v2, and the
// loser's undo would put v1 back under the winner's new secret.
const envLocks = new Map<string, Promise<unknown>>()
async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (envLocks.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn)
  const tail = run.catch(() => undefined)
  envLocks.set(key, tail)
  try {
    return await run
  } finally {
    if (envLocks.get(key) === tail) envLocks.delete(key)
  }
}

async function rotateSecret(ctx: AppContext, req: { server: string; domain: string; name: string; value?: string; redeploy?: boolean }) {
  return oneAtATime(`${req.server}/${req.domain}`, () => rotateLocked(ctx, req))
}

async function rotateLocked(ctx: AppContext, req: { server: string; domain: string; name: string; value?: string; redeploy?: boolean }) {
  const app = await loadApp(ctx, req.server, req.domain)
  const spec = appSecretSpecs(app, defaultRecipeDir(ctx.paths.recipesDir, app)).find((s) => s.name === req.name)
  if (!spec) throw unknownSecret(app, req.name)
  if (!spec.generate && req.value === undefined) {
    throw new ApiError('secret-value-needed', t('apps.secrets.newValueNeeded', { name: spec.name }), undefined, { name: spec.name })
  }
  const version = bumpVersion(spec.version)
  const next = { name: spec.name, swarmName: secretSwarmName(app.stackName, spec.name, version) }
  if (next.swarmName.length > MAX_SECRET_NAME_LENGTH) throw tooLongError(next)

  // Each env change re-reads the file under the app's env lock, so a save or a
  // deploy's version write in between is kept.
  const bump = await updateEnvFile(app.envFile, (text) => setEnvValues(text, { [spec.envKey]: version }))
  let secret: { name: string; swarmName: string; value?: string }
  try {
    const bumped = await loadApp(ctx, req.server, req.domain)
    ;[secret] = await createSecrets(ctx, bumped, { names: [spec.name], values: req.value === undefined ? undefined : { [spec.name]: req.value } })
  } catch (err) {
    // createSecrets has already removed what it made; put the version back,
    // unless someone set another version meanwhile.
    await updateEnvFile(app.envFile, (text) => {
      if (text === bump.after) return bump.before
      return parseEnvFile(text, '.env', [])[spec.envKey] === version ? setEnvValues(text, { [spec.envKey]: spec.version || 'v1' }) : text
    })
    throw err
  }

  const deployed = (await stackServices(await dockerFor(ctx, req.server), app.stackName)).length > 0
  if (!deployed) return { secret, version, deployed }
  // The caller previews the redeploy first (apps.preview, then apps.deploy with its fingerprint);
  // until it goes, the running app keeps the old version, which stays on the server.
  if (req.redeploy === false) return { secret, version, deployed }
  try {
    const { jobId } = await startDeploy(ctx, { server: req.server, domain: req.domain, kind: 'redeploy' })
    return { secret, version, jobId, deployed }
  } catch (err) {
    // The rotation itself is done and consistent; only the redeploy is missing.
    const body = toErrorBody(err)
    const why = body.code === 'internal' ? '' : ` ${body.message}`
    throw new ApiError(
      'redeploy-failed',
      `${t('apps.secrets.redeployFailed', { name: spec.name, version, swarmName: next.swarmName })}${why}`,
      body.detail ?? body.message,
      { name: spec.name, version }
    )
  }
}

async function removeSecret(ctx: AppContext, req: { server: string; domain: string; name: string }) {
  const app = await loadApp(ctx, req.server, req.domain)
  if (!/^[A-Za-z0-9_.-]+$/.test(req.name)) throw unknownSecret(app, req.name)
  const docker = await dockerFor(ctx, req.server)
  const prefix = `${app.stackName}_${req.name}_`
  const versions = [...(await serverSecrets(docker, app.stackName)).entries()]
    .filter(([name]) => name.startsWith(prefix) && /^v\d+$/.test(name.slice(prefix.length)))
    .map(([name, s]) => ({ id: s.ID, name }))
  if (versions.length === 0) return { removed: [] }

  const ids = new Set(versions.map((v) => v.id))
  // Every service on the server, not only the app's: Docker refuses to remove
  // a secret any service uses, and asking first avoids removing half the versions.
  const users = (await docker.listServices())
    .filter((svc) => (svc.Spec?.TaskTemplate as { ContainerSpec?: { Secrets?: Array<{ SecretID?: string }> } } | undefined)?.ContainerSpec?.Secrets?.some((s) => s.SecretID && ids.has(s.SecretID)))
    .map((svc) => svc.Spec!.Name!)
  if (users.length) throw inUseError(req.name, versions.map((v) => v.name).join(', '), users)

  const removed: string[] = []
  for (const v of versions) {
    try {
      await docker.getSecret(v.id).remove()
      removed.push(v.name)
    } catch (err) {
      if (isNotFound(err)) continue
      // Docker refuses while any service uses it, ours or not.
      const by = inUseBy(err)
      if (by) throw inUseError(req.name, v.name, by, err)
      throw new ApiError(
        'secret-remove-failed',
        removed.length ? t('apps.secrets.removeFailedAfter', { name: v.name, removed: removed.join(', ') }) : t('apps.secrets.removeFailed', { name: v.name }),
        dockerMessage(err)
      )
    }
  }
  return { removed }
}

export function secretHandlers(ctx: AppContext): HandlersFor<'secrets.list' | 'secrets.create' | 'secrets.rotate' | 'secrets.remove'> {
  return {
    'secrets.list': ({ server, domain }) => listSecrets(ctx, server, domain),
    'secrets.create': async ({ server, domain, names, values }) => createSecrets(ctx, await loadApp(ctx, server, domain), { names, values }),
    'secrets.rotate': (req) => rotateSecret(ctx, req),
    'secrets.remove': (req) => removeSecret(ctx, req)
  }
}
