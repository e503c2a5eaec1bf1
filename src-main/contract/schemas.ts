import { z } from 'zod'
import { say } from './zod-words'

// Shared value shapes. This folder is imported by the renderer too, so it must
// stay free of Node APIs.

// abra names a server after its host (or ssh alias) and uses it as a folder
// name under ~/.abra/servers, so it must be a safe path segment.
export const ServerName = z
  .string()
  .min(1, say('serverName.empty'))
  .max(253, say('serverName.tooLong'))
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, say('serverName.chars'))
  .refine((s) => !s.includes('..'), say('serverName.dots'))

export const HostInput = z
  .string()
  .trim()
  .min(1, say('address.empty'))
  .max(253, say('address.tooLong'))
  .regex(/^[A-Za-z0-9._:%[\]-]+$/, say('address.chars'))

export const UserInput = z
  .string()
  .trim()
  .max(32, say('user.tooLong'))
  .regex(/^([A-Za-z_][A-Za-z0-9_.-]*\$?)?$/, say('user.chars'))

export const PortInput = z.number().int(say('port.whole')).min(1, say('port.range')).max(65535, say('port.range'))

export const SocketPath = z
  .string()
  .max(107, say('socket.tooLong'))
  .regex(/^\/[^\0]*$/, say('socket.absolute'))

// Secrets travel renderer → main only, never back.
export const Secret = z.string().max(4096)

export const ConnectionState = z.enum(['unknown', 'connecting', 'connected', 'reconnecting', 'offline'])
export type ConnectionState = z.infer<typeof ConnectionState>

export const ApiErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional()
})
export type ApiErrorBody = z.infer<typeof ApiErrorBody>

export const ServerSummary = z.object({
  name: z.string(),
  kind: z.enum(['ssh', 'local']),
  hostname: z.string(),
  user: z.string(),
  port: z.number(),
  socketPath: z.string(),
  state: ConnectionState,
  dockerVersion: z.string().optional(),
  swarmRole: z.enum(['manager', 'worker', 'none']).optional(),
  nodeCount: z.number().optional(),
  appCount: z.number(),
  error: ApiErrorBody.optional()
})
export type ServerSummary = z.infer<typeof ServerSummary>

export const CheckId = z.enum(['ssh', 'docker-installed', 'docker-access', 'swarm', 'proxy-network', 'reverse-proxy', 'password-sign-in', 'firewall', 'auto-updates'])
export type CheckId = z.infer<typeof CheckId>

export const FixAction = z.enum(['swarm-init', 'proxy-network-create', 'prepare', 'reconnect', 'deploy-proxy', 'password-off', 'set-up-key', 'firewall-on', 'auto-updates-on'])
export type FixAction = z.infer<typeof FixAction>

export const CheckResult = z.object({
  id: CheckId,
  // null: could not be checked because an earlier check failed.
  ok: z.boolean().nullable(),
  title: z.string(),
  detail: z.string(),
  fix: z.object({ label: z.string(), action: FixAction, text: z.string() }).optional()
})
export type CheckResult = z.infer<typeof CheckResult>

export const KeyFileInfo = z.object({
  file: z.string(),
  type: z.string().optional(),
  fingerprint: z.string().optional(),
  comment: z.string().optional(),
  locked: z.boolean()
})
export type KeyFileInfo = z.infer<typeof KeyFileInfo>

export const NewKey = z.object({
  keyFile: z.string(),
  /** The line to paste into a hosting provider's "SSH keys" page. */
  publicKey: z.string(),
  fingerprint: z.string()
})
export type NewKey = z.infer<typeof NewKey>

export const HostKeyProbe = z.object({
  probeId: z.string(),
  hostname: z.string(),
  port: z.number(),
  keyType: z.string(),
  fingerprint: z.string(),
  status: z.enum(['known', 'unknown', 'changed']),
  knownFingerprint: z.string().optional()
})
export type HostKeyProbe = z.infer<typeof HostKeyProbe>

export const ResolvedHost = z.object({
  alias: z.string(),
  hostname: z.string(),
  user: z.string(),
  port: z.number(),
  identityFiles: z.array(z.string()),
  fromSshConfig: z.boolean()
})
export type ResolvedHost = z.infer<typeof ResolvedHost>

export const JobStatus = z.enum(['running', 'done', 'failed', 'cancelled'])
export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  target: z.string(),
  /** Set for an app's jobs (deploy, undeploy, remove), so screens can lead back to it. */
  app: z.object({ server: z.string(), domain: z.string() }).optional(),
  status: JobStatus,
  step: z.string(),
  stepIndex: z.number(),
  stepCount: z.number(),
  percent: z.number().optional(),
  log: z.array(z.string()),
  error: ApiErrorBody.optional(),
  startedAt: z.number(),
  endedAt: z.number().optional()
})
export type Job = z.infer<typeof Job>

// Compose: where a recipe and an env file are, and what rendering says.
export const FilePath = z.string().min(1, say('path.empty')).max(4096, say('path.tooLong'))

// Docker's limit for names is 63 characters for services (<stack>_<service>).
export const StackName = z
  .string()
  .min(1)
  .max(63, say('stack.tooLong'))
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, say('stack.chars'))

export const Diagnostic = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string().optional(),
  line: z.number().optional(),
  path: z.string().optional(),
  message: z.string()
})

export const RenderedStack = z.object({
  stackName: z.string().optional(),
  /** Engine API bodies (see src-main/compose/objects.ts); absent when an error stopped the render. */
  objects: z.unknown().optional(),
  diagnostics: z.array(Diagnostic)
})
