// ssh2 is CommonJS, and Node's ESM loader only detects some of its exports
// by name (`utils` is missing), so reach the whole module.exports object the
// same way under Node, vitest and the bundler.
import * as ns from 'ssh2'

const mod = ((ns as unknown as { default?: typeof ns }).default ?? ns) as typeof ns

export const Client = mod.Client
export const utils = mod.utils
export type { ClientChannel, ParsedKey } from 'ssh2'
