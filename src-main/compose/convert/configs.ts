// Configs: top-level definitions → POST /configs/create bodies, and a
// service's references → ContainerSpec.Configs. Same rules as secrets
// (see secrets.ts), without `driver`. A credential_spec that names a config
// adds a Runtime reference to it (docker's convertServiceConfigObjs).

import type { Json, StackConfig } from '../objects'
import type { ServiceConfig } from '../model'
import type { ConvertContext } from './context'
import { convertFileReferences, fileObjectName } from './files'
import { convertFileObjects } from './files'
import { goCompare, goSortStable } from './gosort'
import { t } from '../../i18n/i18n'

export function convertConfigs(ctx: ConvertContext): StackConfig[] {
  return convertFileObjects(ctx, 'config', ctx.config.configs)
}

export function convertServiceConfigs(
  ctx: ConvertContext,
  service: ServiceConfig,
  path: string,
  external: Set<string>
): Json[] | undefined {
  const refs: { entry: { [key: string]: Json }; name: string }[] = convertFileReferences(
    ctx,
    'config',
    service.configs,
    ctx.config.configs,
    path
  ).map((ref) => {
    if (ref.external) external.add(ref.name)
    return { entry: { File: ref.File, ConfigName: ref.name }, name: ref.name }
  })
  const credConfig = service.credential_spec?.config
  if (credConfig) {
    const obj = ctx.config.configs?.[credConfig]
    if (!obj) {
      ctx.error(`${path}.credential_spec.config`, t('compose.convert.undefinedCredentialConfig', { name: credConfig }))
    } else {
      const name = fileObjectName(ctx, credConfig, obj)
      if (obj.external) external.add(name)
      refs.push({ entry: { Runtime: {}, ConfigName: name }, name })
    }
  }
  goSortStable(refs, (a, b) => goCompare(a.name, b.name) < 0)
  return refs.length > 0 ? refs.map((r) => r.entry) : undefined
}
