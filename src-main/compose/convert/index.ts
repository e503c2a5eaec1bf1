// CONVERT: the normalized compose model → the Docker Engine API objects that
// `docker stack deploy --resolve-image never` sends, field by field.
//
// The oracle is the docker CLI from Debian's docker.io package, 20.10.24
// (/usr/bin/docker; API 1.41), i.e. docker/cli v20.10.24
// cli/compose/convert/{compose,service,volume}.go and
// cli/command/stack/swarm/deploy_composefile.go. Newer CLIs convert
// differently (e.g. they add service-level `tmpfs`, cap_add handling and
// ulimits changed over time), so do not "update" a rule from a newer CLI.
//
// What convert leaves to apply (it needs the server):
// - SecretID / ConfigID in ContainerSpec.Secrets / .Configs: docker looks
//   them up by SecretName / ConfigName after creating the stack's secrets and
//   configs ("secret not found: X" when an external one is missing). The same
//   for Privileges.CredentialSpec.Config, which names the config here.
// - On update of an existing service: if its `com.docker.stack.image` label
//   equals the new one, keep its current ContainerSpec.Image; always carry
//   over its TaskTemplate.ForceUpdate. Networks that already exist (by
//   name, among the stack's) are not created again; secrets and configs that
//   exist are updated in place.
// - External networks must exist and be swarm-scoped (host/bridge/none are
//   not checked).

import type { OutsideFiles } from '../outside-files'
import type { Diagnostic } from '../diagnostics'
import type { Config } from '../model'
import type { StackObjects, StackService } from '../objects'
import { convertConfigs } from './configs'
import { ConvertContext } from './context'
import { goCompare } from './gosort'
import { convertNetworks, servicesDeclaredNetworks } from './networks'
import { convertSecrets } from './secrets'
import { convertService, type ExternalRefs } from './service'

export { LABEL_IMAGE, LABEL_NAMESPACE, scope } from './names'
export { imageWithTag } from './image'

export interface ConvertOptions {
  /** The stack name (STACK_NAME); every name is scoped `<namespace>_<name>`. */
  namespace: string
  /** The recipe checkout; relative secret/config files are read from here. */
  recipeDir: string
  /** A secret or config file outside recipeDir: refused (the default) or read with a warning. */
  outsideFiles?: OutsideFiles
}

export interface ConvertResult {
  objects: StackObjects
  diagnostics: Diagnostic[]
}

export function convertStack(config: Config, opts: ConvertOptions): ConvertResult {
  const ctx = new ConvertContext(config, opts.namespace, opts.recipeDir, opts.outsideFiles)
  const { networks, externalNetworks } = convertNetworks(ctx, servicesDeclaredNetworks(config.services ?? []))
  const secrets = convertSecrets(ctx)
  const configs = convertConfigs(ctx)
  const external: ExternalRefs = { secrets: new Set(), configs: new Set() }
  const services: StackService[] = []
  for (const service of config.services ?? []) {
    const converted = convertService(ctx, service, external)
    if (converted) services.push(converted)
  }
  services.sort((a, b) => goCompare(a.name, b.name))
  return {
    objects: {
      namespace: opts.namespace,
      networks,
      externalNetworks,
      secrets,
      externalSecrets: [...external.secrets].sort(goCompare),
      configs,
      externalConfigs: [...external.configs].sort(goCompare),
      services
    },
    diagnostics: ctx.diagnostics
  }
}
