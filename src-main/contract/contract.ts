import { z } from 'zod'
import {
  CheckResult,
  HostInput,
  HostKeyProbe,
  Job,
  PortInput,
  ResolvedHost,
  Secret,
  ServerName,
  ServerSummary,
  SocketPath,
  UserInput,
  ConnectionState,
  ApiErrorBody,
  FilePath,
  RenderedStack,
  StackName,
  KeyFileInfo,
  NewKey
} from './schemas'
import { CatalogueList, CatalogueListInput } from './catalogue'
import { appEvents, appMethods } from './apps'
import { backupMethods } from './backups'
import { domainCheckMethods } from './domain-check'
import { deployPreviewEvents, deployPreviewMethods } from './deploy-preview'
import { healthEvents, healthMethods } from './health'
import { healthServerMethods } from './health-server'
import { healthAppMethods } from './health-app'
import { Settings, settingsMethods } from './settings'
import { volumeMethods } from './volumes'
import { cleanupMethods } from './cleanup'
import { nodeMethods } from './nodes'
import { lintMethods } from './lint'
import { fileMethods } from './files'
import { teamEvents, teamMethods } from './team'
import { nightlyMethods } from './nightly'

// The one API between the renderer (or CLI, or browser) and the core.
// Every transport validates `input` with these schemas before the core sees it.

const empty = z.strictObject({})
const byName = z.strictObject({ name: ServerName })
const credentials = {
  passphrase: Secret.optional(),
  password: Secret.optional(),
  remember: z.boolean().default(false)
}

const stackSource = {
  recipeDir: FilePath,
  envFile: FilePath,
  stackName: StackName.optional(),
  domain: z.string().min(1).max(253).optional()
}

export const methods = {
  'app.info': {
    input: empty,
    output: z.object({ version: z.string(), transport: z.enum(['electron', 'browser', 'cli']), abraDir: z.string() })
  },
  'servers.list': { input: empty, output: z.array(ServerSummary) },
  'servers.resolve': {
    input: z.strictObject({ host: HostInput, user: UserInput.optional(), port: PortInput.optional() }),
    output: ResolvedHost
  },
  'servers.probeHostKey': {
    input: z.strictObject({ hostname: HostInput, port: PortInput }),
    output: HostKeyProbe
  },
  // Trust is granted for a key the core itself fetched (probeId), so the
  // renderer cannot smuggle in a key of its choosing.
  'servers.trustHostKey': {
    input: z.strictObject({ probeId: z.string().max(64) }),
    output: z.object({ fingerprint: z.string() })
  },
  'servers.add': {
    input: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('ssh'),
        host: HostInput,
        name: ServerName.optional(),
        user: UserInput.optional(),
        port: PortInput.optional(),
        socketPath: SocketPath.optional(),
        // A private key file under the user's home to sign in with (chosen, or
        // made by keys.create); remembered for the host in ~/.ssh/config.
        keyFile: FilePath.optional(),
        // Sign in once with `password` to put keyFile's public key on the
        // server, then prove the key signs in; the password is not kept.
        installKey: z.boolean().optional(),
        ...credentials
      }),
      z.strictObject({ kind: z.literal('local'), socketPath: SocketPath.optional() })
    ]),
    output: ServerSummary
  },
  'servers.connect': {
    input: z.strictObject({ name: ServerName, ...credentials }),
    output: ServerSummary
  },
  'servers.check': { input: byName, output: z.array(CheckResult) },
  'servers.addresses': { input: byName, output: z.array(z.string()) },
  'servers.swarmInit': {
    input: z.strictObject({
      name: ServerName,
      advertiseAddr: z.string().min(1).max(64),
      listenAddr: z.string().max(64).optional(),
      dataPathPort: PortInput.optional()
    }),
    output: empty
  },
  'servers.createProxyNetwork': { input: byName, output: empty },
  'servers.prepare': { input: byName, output: z.object({ jobId: z.string() }) },
  // Only after a key sign-in is proven; undone on the server unless a fresh
  // key sign-in proves the change within a minute.
  'servers.passwordOff': { input: byName, output: z.object({ jobId: z.string() }) },
  // Optional hardening, each a job, each safe to run twice. The firewall is
  // undone on the server unless a fresh SSH connection proves it within a minute.
  'servers.firewallOn': { input: byName, output: z.object({ jobId: z.string() }) },
  'servers.autoUpdatesOn': { input: byName, output: z.object({ jobId: z.string() }) },
  // For a server the app signs in to with a password: the key (from
  // keys.create or chosen) added through that connection, then proven.
  'servers.addKey': { input: z.strictObject({ name: ServerName, keyFile: FilePath }), output: ServerSummary },
  // The user's own SSH keys: those in ~/.ssh to choose from, and a new one
  // for someone who has none (its passphrase kept in the OS keychain).
  'keys.list': { input: empty, output: z.array(KeyFileInfo) },
  'keys.create': { input: empty, output: NewKey },
  'servers.remove': { input: byName, output: z.object({ keptAppsIn: z.string().optional() }) },
  // Recipes: a checkout plus an app's env file rendered into Docker objects
  // exactly as `docker stack deploy` would send them, and deployed as a job.
  'stacks.render': { input: z.strictObject(stackSource), output: RenderedStack },
  'stacks.deploy': {
    input: z.strictObject({
      ...stackSource,
      server: ServerName,
      // abra's deploy labels on the app service (recipe, version, chaos).
      abra: z
        .strictObject({
          recipe: z.string().min(1).max(200),
          version: z.string().max(200),
          chaos: z.boolean().optional(),
          chaosVersion: z.string().max(200).optional()
        })
        .optional()
    }),
    output: z.object({ jobId: z.string(), stackName: z.string() })
  },
  // Co-op Cloud's recipe catalogue: searched and filtered in the core, with
  // where the list came from (network, saved copy, bundled snapshot).
  'catalogue.list': { input: CatalogueListInput, output: CatalogueList },
  'jobs.list': { input: empty, output: z.array(Job) },
  'jobs.cancel': { input: z.strictObject({ jobId: z.string().max(64) }), output: empty },
  ...appMethods,
  ...domainCheckMethods,
  ...deployPreviewMethods,
  ...volumeMethods,
  ...cleanupMethods,
  ...nodeMethods,
  ...lintMethods,
  ...fileMethods,
  ...backupMethods,
  ...nightlyMethods,
  ...settingsMethods,
  ...healthMethods,
  ...healthServerMethods,
  ...healthAppMethods,
  ...teamMethods
} as const

export const events = {
  'server.state': z.object({ name: z.string(), state: ConnectionState, error: ApiErrorBody.optional() }),
  'job.update': Job,
  /** The language was chosen (in any window, tab or door): every page follows. */
  'settings.changed': Settings,
  ...appEvents,
  ...deployPreviewEvents,
  ...healthEvents,
  ...teamEvents
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type Input<M extends MethodName> = z.input<Methods[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>
export type Output<M extends MethodName> = z.infer<Methods[M]['output']>
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody }

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)
}
