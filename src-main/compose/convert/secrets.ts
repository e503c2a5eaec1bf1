// Secrets: top-level definitions → POST /secrets/create bodies, and a
// service's references → ContainerSpec.Secrets.
//
// File-based secrets carry the file's bytes (Data, base64); `driver` secrets
// carry Driver {Name, Options} and no data; `template_driver: golang` becomes
// Templating {Name: "golang"}; `name:` replaces `<stack>_<key>`; external
// secrets are looked up by name, never created.
//
// References: {File: {Name: target (default: the key), UID "0", GID "0",
// Mode 0444}, SecretName}. SecretID is left to apply, which knows the IDs
// (docker's ParseSecrets looks them up by name the same way).

import type { Json, StackSecret } from '../objects'
import type { ServiceConfig } from '../model'
import type { ConvertContext } from './context'
import { convertFileObjects, convertFileReferences } from './files'

export function convertSecrets(ctx: ConvertContext): StackSecret[] {
  return convertFileObjects(ctx, 'secret', ctx.config.secrets)
}

export function convertServiceSecrets(
  ctx: ConvertContext,
  service: ServiceConfig,
  path: string,
  external: Set<string>
): Json[] | undefined {
  const refs = convertFileReferences(ctx, 'secret', service.secrets, ctx.config.secrets, path)
  for (const ref of refs) if (ref.external) external.add(ref.name)
  return refs.length > 0 ? refs.map((ref) => ({ File: ref.File, SecretName: ref.name })) : undefined
}
