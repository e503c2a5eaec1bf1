import { z } from 'zod'
import { say } from './zod-words'
import { domainProblem, newDomainProblem } from './domain'
import { EnvLayout } from './env-layout'
import { Diagnostic, ServerName } from './schemas'

// The app lifecycle's shapes on the wire: recipes, apps, secrets, deploys,
// logs and terminals. Kept apart from schemas.ts so the lifecycle can grow
// without touching the shared file. Free of Node APIs (the renderer imports it).

export const RecipeName = z
  .string()
  .min(1, say('recipe.empty'))
  .max(100, say('recipe.tooLong'))
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, say('recipe.chars'))
  .refine((s) => !s.includes('..'), say('recipe.dots'))

// A git tag such as 1.2.0+3.4.5; checked against the recipe's real tags in the core.
export const RecipeVersion = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, say('recipe.version'))

// Every method that takes a domain checks it with the same rule as creating
// an app (domainProblem says why in words): the domain names a file under
// ~/.abra, so "../", "/", NUL and look-alike Unicode must never get through.
export const Domain = z
  .string()
  .trim()
  // abort: the rule below would only say the same again.
  .max(253, { ...say('domain.tooLong'), abort: true })
  .superRefine((domain, ctx) => {
    const problem = domainProblem(domain)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

// A new app's domain (apps.new, a clone's new address): also a whole address, with a dot.
export const NewDomain = Domain.superRefine((domain, ctx) => {
  const problem = domainProblem(domain) ? undefined : newDomainProblem(domain)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

export const EnvText = z.string().max(256 * 1024, say('envTooLong'))

const appRef = { server: ServerName, domain: Domain }
export const AppRef = z.strictObject(appRef)

// ----- recipes -----

export const RecipeVersionInfo = z.object({
  version: z.string(),
  /** The recipe's release/<version> notes, when it has them. */
  notes: z.string().optional()
})

export const RecipeInfo = z.object({
  recipe: z.string(),
  /** Newest first. */
  versions: z.array(RecipeVersionInfo),
  dir: z.string(),
  readme: z.string().optional(),
  /** Local edits or commits in the checkout, reported and never overwritten. */
  problem: z.string().optional()
})

// ----- the env form -----

export const EnvVariable = z.object({
  key: z.string(),
  value: z.string(),
  /** The prose comment above it in .env.sample. */
  comment: z.string().optional(),
  /** Commented out (#KEY=...): the recipe's default applies. */
  commented: z.boolean(),
  line: z.number()
})

export const EnvOverlay = z.object({
  id: z.string(),
  composeFile: z.string(),
  title: z.string(),
  section: z.string().optional(),
  description: z.string(),
  enabled: z.boolean(),
  variables: z.array(EnvVariable)
})

export const SecretInfo = z.object({
  /** The compose secret: db_password */
  name: z.string(),
  envKey: z.string(),
  version: z.string(),
  /** `${STACK_NAME}_<name>_<version>` */
  swarmName: z.string(),
  length: z.number().optional(),
  charset: z.enum(['default', 'special-chars']),
  /** False for `# generate=false`: the person types the value. */
  generate: z.boolean(),
  tooLong: z.boolean(),
  /** On the server: known only when the server was asked. */
  exists: z.boolean().optional(),
  createdAt: z.string().optional()
})

export const EnvForm = z.object({
  envText: z.string(),
  /** Variables outside overlays, in file order. */
  variables: z.array(EnvVariable),
  overlays: z.array(EnvOverlay),
  secrets: z.array(SecretInfo),
  /** Syntax problems (the file would not load) and variables compose uses but the env does not set. */
  problems: z.array(Diagnostic),
  missing: z.array(z.string()),
  /** Files the recipe names but does not include: no app can be made from it (apps/recipe-gaps.ts). */
  recipeIncomplete: z.object({ files: z.array(z.string()), message: z.string(), next: z.string() }).optional(),
  stackName: z.string(),
  /** The same settings as a form: essentials first, then the recipe's sections. */
  layout: EnvLayout
})

// ----- apps -----

export const AppHealth = z.enum(['running', 'updating', 'attention', 'failed', 'stopped', 'unknown'])

export const ServiceStatus = z.object({
  /** The compose service name: app */
  name: z.string(),
  /** <stack>_<service> */
  fullName: z.string(),
  image: z.string(),
  desired: z.number(),
  running: z.number(),
  /** healthy / unhealthy / starting / none */
  health: z.enum(['healthy', 'unhealthy', 'starting', 'none']),
  /** Tasks that ended and were replaced since the last update. */
  restarts: z.number(),
  /** Of those, the ones that never got as far as running (the image could not be downloaded, the container not made). */
  failedStarts: z.number().optional(),
  /** The newest task that ended was stopped by the swarm for failing its health check. */
  stoppedUnhealthy: z.boolean().optional(),
  /** Docker's UpdateStatus.State: updating, completed, rollback_started, rollback_completed, paused… */
  updateState: z.string().optional(),
  updateMessage: z.string().optional(),
  /** The newest task error, in Docker's words. */
  error: z.string().optional(),
  /** When its image could not be pulled: what the registry said when asked why (apps/pull-check.ts). */
  pull: z.object({ problem: z.enum(['missing', 'unreachable']), detail: z.string() }).optional(),
  /** Plain words: "Running and healthy", "Starting (1 of 2)", "Keeps crashing". */
  words: z.string(),
  status: AppHealth
})

export const AppSummary = z.object({
  server: z.string(),
  domain: z.string(),
  envFile: z.string(),
  stackName: z.string(),
  recipe: z.string().optional(),
  /** The version deployed (from the service label), else the one in the env. */
  version: z.string().optional(),
  deployed: z.boolean(),
  /** Deployed from the local copy of the recipe as it was (abra's --chaos). */
  chaos: z.boolean(),
  /** Then, its commit (8 characters) with "+U" when it had changes not saved in git. */
  chaosVersion: z.string().optional(),
  /** The newest version the local recipe checkout has, when newer than `version`. */
  upgrade: z.string().optional(),
  /** An older version this app was deployed at before, to offer going back to. */
  earlierVersion: z.string().optional(),
  health: AppHealth,
  /** "Your app is running and healthy" and friends. */
  words: z.string(),
  services: z.array(ServiceStatus)
})

export const AppsList = z.object({
  apps: z.array(AppSummary),
  servers: z.array(
    z.object({
      name: z.string(),
      ok: z.boolean(),
      error: z.string().optional(),
      /** Docker API calls this refresh made for the server (constant per server). */
      calls: z.number()
    })
  )
})

export const AppDetail = z.object({
  app: AppSummary,
  form: EnvForm,
  recipeVersions: z.array(z.string()).optional()
})

export const TaskInfo = z.object({
  id: z.string(),
  service: z.string(),
  slot: z.number().optional(),
  node: z.string(),
  state: z.string(),
  desiredState: z.string(),
  image: z.string(),
  error: z.string().optional(),
  message: z.string().optional(),
  since: z.string(),
  health: z.string().optional()
})

export const UpgradeInfo = z.object({
  current: z.string().optional(),
  newer: z.array(RecipeVersionInfo),
  older: z.array(RecipeVersionInfo),
  /** For `target`: variables its .env.sample has that the app env lacks. */
  newVariables: z.array(EnvVariable),
  target: z.string().optional()
})

// What a deploy job reports as it watches the swarm converge.
export const DeployPhase = z.enum(['preparing', 'deploying', 'converging', 'rolling-back', 'done', 'failed', 'rolled-back', 'timed-out', 'cancelled'])
/** Why a deploy failed (apps/deploy-causes.ts): each has its own words and next step. */
export const DeployCause = z.enum(['download', 'disk-full', 'exits', 'health', 'placement', 'timeout', 'unknown'])
export type DeployCause = z.infer<typeof DeployCause>

export const DeployProgress = z.object({
  jobId: z.string(),
  server: z.string(),
  domain: z.string(),
  version: z.string().optional(),
  phase: DeployPhase,
  /** Seconds allowed, from coop-cloud.<stack>.timeout, else abra's default. */
  timeoutSeconds: z.number(),
  services: z.array(ServiceStatus),
  /** Plain words for the end screen: what happened, and what to do next. */
  summary: z.string().optional(),
  next: z.string().optional(),
  /** Set when the deploy failed, rolled back or ran out of time. */
  cause: DeployCause.optional(),
  /** A deploy of the local copy of the recipe (abra's --chaos); `version` is then its commit, "+U" when it had changes not saved in git. */
  chaos: z.boolean().optional()
})

export const DeployKind = z.enum(['deploy', 'upgrade', 'rollback', 'redeploy'])

export const GeneratedSecret = z.object({ name: z.string(), swarmName: z.string(), value: z.string().optional() })

const secretValues = z.record(z.string().max(100), z.string().min(1).max(4096))

// A function abra.sh defines, as a shell names it; checked against the recipe's own list in the core.
export const CommandName = z.string().min(1).max(200).regex(/^[A-Za-z_][A-Za-z0-9_:.-]*$/, say('command.name'))
export const RecipeCommand = z.object({ name: z.string(), description: z.string().optional() })

export const appMethods = {
  // Clones or fetches the recipe (isomorphic-git) into ~/.abra/recipes/<name>.
  'recipes.get': {
    input: z.strictObject({ recipe: RecipeName, refresh: z.boolean().optional() }),
    output: RecipeInfo
  },
  // Pure: the form for an env text at a recipe version, after optional edits.
  'apps.envForm': {
    input: z.strictObject({
      recipe: RecipeName,
      version: RecipeVersion.optional(),
      /** Omitted: start from the recipe's .env.sample for `domain`. */
      envText: EnvText.optional(),
      domain: Domain.optional(),
      set: z.record(z.string().max(200), z.string().max(64 * 1024)).optional(),
      overlays: z.record(z.string().max(200), z.boolean()).optional()
    }),
    output: EnvForm
  },
  'apps.list': { input: z.strictObject({ server: ServerName.optional() }), output: AppsList },
  'apps.get': { input: AppRef, output: AppDetail },
  // Writes ~/.abra/servers/<server>/<domain>.env; with `secrets`, creates them
  // too, and undoes everything if any part fails.
  'apps.new': {
    input: z.strictObject({
      ...appRef,
      domain: NewDomain,
      recipe: RecipeName,
      version: RecipeVersion.optional(),
      envText: EnvText.optional(),
      secrets: z.enum(['none', 'generate']).default('none'),
      /** Values typed by the person, by secret name. */
      secretValues: secretValues.optional()
    }),
    output: z.object({ envFile: z.string(), stackName: z.string(), secrets: z.array(GeneratedSecret) })
  },
  // baseText: the text the edit started from, so changes made meanwhile (a deploy's version, a rotated secret) are kept.
  'apps.saveEnv': { input: z.strictObject({ ...appRef, envText: EnvText, baseText: EnvText.optional() }), output: EnvForm },
  'apps.deploy': {
    input: z.strictObject({
      ...appRef,
      kind: DeployKind.default('deploy'),
      version: RecipeVersion.optional(),
      // Take a backup first and refuse to go on if it fails; upgrades do by default.
      backupFirst: z.boolean().optional(),
      // Deploy the recipe's local copy as it is, uncommitted changes included (abra's --chaos); deploy and redeploy only, no version.
      chaos: z.boolean().optional(),
      // apps.preview's serverState: apply exactly what was previewed, else refuse with 'server-changed' before sending anything.
      expectServerState: z.string().max(64).optional(),
      // apps.preview's pins, with its expectServerState: the images are sent as pinned then, the registries not asked again.
      pins: z.record(z.string().max(300), z.string().max(1000)).optional(),
      // The app runs settings a teammate deployed and hasn't shared (apps.preview's team warning): replace them anyway.
      replaceUnshared: z.boolean().optional()
    }),
    output: z.object({ jobId: z.string(), stackName: z.string(), version: z.string().optional() })
  },
  // The latest progress of a deploy job, for a screen opened after it started.
  'apps.deployProgress': { input: z.strictObject({ jobId: z.string().max(64) }), output: DeployProgress },
  'apps.upgradeInfo': { input: z.strictObject({ ...appRef, target: RecipeVersion.optional() }), output: UpgradeInfo },
  'apps.ps': { input: AppRef, output: z.object({ services: z.array(ServiceStatus), tasks: z.array(TaskInfo) }) },
  'apps.restart': { input: z.strictObject({ ...appRef, service: z.string().min(1).max(200) }), output: z.object({}) },
  'apps.undeploy': { input: AppRef, output: z.object({ jobId: z.string() }) },
  // `confirm` must equal the domain: the person typed it.
  'apps.remove': { input: z.strictObject({ ...appRef, confirm: z.string().max(253) }), output: z.object({ jobId: z.string() }) },

  'secrets.list': { input: AppRef, output: z.array(SecretInfo) },
  // Creates the named (default: all missing) secrets; values come back once.
  'secrets.create': {
    input: z.strictObject({ ...appRef, names: z.array(z.string().max(100)).optional(), values: secretValues.optional() }),
    output: z.array(GeneratedSecret)
  },
  // Bumps the version in the env, creates the new secret, and redeploys when deployed.
  // redeploy: false leaves the redeploy to the caller (after apps.preview): until then the app keeps the old value.
  'secrets.rotate': {
    input: z.strictObject({ ...appRef, name: z.string().min(1).max(100), value: z.string().min(1).max(4096).optional(), redeploy: z.boolean().default(true) }),
    output: z.object({ secret: GeneratedSecret, version: z.string(), jobId: z.string().optional(), deployed: z.boolean().optional() })
  },
  'secrets.remove': { input: z.strictObject({ ...appRef, name: z.string().min(1).max(100) }), output: z.object({ removed: z.array(z.string()) }) },

  // Streams: logs and terminals. Output arrives as stream.data events.
  'apps.logs': {
    input: z.strictObject({ ...appRef, service: z.string().max(200).optional(), tail: z.number().int().min(0).max(10000).default(200), follow: z.boolean().default(true) }),
    output: z.object({ streamId: z.string() })
  },
  'apps.exec': {
    input: z.strictObject({
      ...appRef,
      service: z.string().min(1).max(200),
      command: z.array(z.string().max(4096)).max(64).optional(),
      cols: z.number().int().min(1).max(1000).default(80),
      rows: z.number().int().min(1).max(1000).default(24)
    }),
    output: z.object({ streamId: z.string(), container: z.string() })
  },
  // Recipe commands (abra app cmd): the functions abra.sh defines at the app's version.
  'apps.commands': {
    input: AppRef,
    output: z.object({ version: z.string().optional(), commands: z.array(RecipeCommand) })
  },
  // Runs one of them in a running container of `service`; output follows as stream.data, the exit code in stream.end.
  'apps.runCommand': {
    input: z.strictObject({
      ...appRef,
      service: z.string().min(1).max(200),
      command: CommandName,
      args: z.array(z.string().max(4096)).max(64).default([])
    }),
    output: z.object({ streamId: z.string(), container: z.string(), version: z.string().optional() })
  },
  'streams.write': { input: z.strictObject({ streamId: z.string().max(64), data: z.string().max(64 * 1024) }), output: z.object({}) },
  'streams.resize': { input: z.strictObject({ streamId: z.string().max(64), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }), output: z.object({}) },
  'streams.stop': { input: z.strictObject({ streamId: z.string().max(64) }), output: z.object({}) },

  // Onboarding's reverse proxy check: the traefik recipe through the same flow.
  'servers.deployProxy': {
    input: z.strictObject({ name: ServerName, domain: Domain, email: z.string().max(254).optional() }),
    output: z.object({ jobId: z.string(), domain: z.string() })
  },
  // Its first half: makes the proxy app (settings and secrets) when it doesn't exist yet, deploys nothing;
  // the window then previews its deploy (apps.preview) and applies what was shown.
  'servers.prepareProxy': {
    input: z.strictObject({ name: ServerName, domain: Domain, email: z.string().max(254).optional() }),
    output: z.object({ domain: z.string(), created: z.boolean() })
  }
} as const

export const appEvents = {
  'deploy.progress': DeployProgress,
  // Logs: lines may carry the service name; terminals: raw bytes as text.
  'stream.data': z.object({ streamId: z.string(), data: z.string(), service: z.string().optional() }),
  'stream.end': z.object({ streamId: z.string(), exitCode: z.number().optional(), error: z.string().optional() })
} as const

export type AppSummary = z.infer<typeof AppSummary>
export type ServiceStatus = z.infer<typeof ServiceStatus>
export type DeployProgress = z.infer<typeof DeployProgress>
export type EnvForm = z.infer<typeof EnvForm>
export type SecretInfo = z.infer<typeof SecretInfo>
