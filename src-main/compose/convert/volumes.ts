// Service mounts (docker/cli cli/compose/convert/volume.go).
//
// - volume: a named volume becomes `<stack>_<key>` (or its `name:`), with
//   VolumeOptions carrying the stack label, the volume's labels and its
//   driver/driver_opts, so the engine creates it on first use. External
//   volumes get only `VolumeOptions: {}` (plus NoCopy). An anonymous volume
//   (no source) is just {Type, Target}.
// - bind: the absolute host path (normalize resolved relative paths against
//   the recipe), BindOptions.Propagation when `bind:` is given.
// - tmpfs: TmpfsOptions.SizeBytes when `tmpfs.size` is given. (docker 20.10
//   ignores tmpfs.mode.)
// - npipe: like bind.
// Mounts keep the order of the compose file.

import type { Json } from '../objects'
import type { ServiceConfig, ServiceVolumeConfig } from '../model'
import type { ConvertContext } from './context'
import { addStackLabel, jsonObject, nonZero, scope, sortedMap } from './names'
import { t } from '../../i18n/i18n'

/** mount.Mount's common fields, in Go's field order. */
function baseMount(volume: ServiceVolumeConfig): Record<string, Json | undefined> {
  return {
    Type: nonZero(volume.type),
    Source: nonZero(volume.source),
    Target: nonZero(volume.target),
    ReadOnly: nonZero(volume.read_only),
    Consistency: nonZero(volume.consistency)
  }
}

function convertVolumeMount(ctx: ConvertContext, volume: ServiceVolumeConfig, path: string): Json | undefined {
  if (volume.tmpfs) return fail(ctx, path, 'tmpfs options are incompatible with type volume')
  if (volume.bind) return fail(ctx, path, 'bind options are incompatible with type volume')
  const mount = baseMount(volume)
  if (!volume.source) return jsonObject(mount)
  const stackVolume = ctx.config.volumes?.[volume.source]
  if (!stackVolume) {
    return fail(ctx, path, t('compose.convert.undefinedVolume', { name: volume.source }))
  }
  mount.Source = stackVolume.name || (stackVolume.external ? volume.source : scope(ctx.namespace, volume.source))
  const options: Record<string, Json | undefined> = { NoCopy: nonZero(volume.volume?.nocopy) }
  if (!stackVolume.external) {
    options.Labels = addStackLabel(ctx.namespace, stackVolume.labels)
    if (stackVolume.driver || stackVolume.driver_opts) {
      options.DriverConfig = jsonObject({
        Name: nonZero(stackVolume.driver),
        Options: stackVolume.driver_opts && Object.keys(stackVolume.driver_opts).length > 0 ? sortedMap(stackVolume.driver_opts) : undefined
      })
    }
  }
  return jsonObject({ ...mount, VolumeOptions: jsonObject(options) })
}

function convertBindMount(ctx: ConvertContext, volume: ServiceVolumeConfig, path: string, type: string): Json | undefined {
  if (!volume.source) return fail(ctx, path, `invalid ${type} source, source cannot be empty`)
  if (volume.volume) return fail(ctx, path, `volume options are incompatible with type ${type}`)
  if (volume.tmpfs) return fail(ctx, path, `tmpfs options are incompatible with type ${type}`)
  const mount = baseMount(volume)
  if (volume.bind) mount.BindOptions = jsonObject({ Propagation: nonZero(volume.bind.propagation) })
  return jsonObject(mount)
}

function convertTmpfsMount(ctx: ConvertContext, volume: ServiceVolumeConfig, path: string): Json | undefined {
  if (volume.source) return fail(ctx, path, 'invalid tmpfs source, source must be empty')
  if (volume.bind) return fail(ctx, path, 'bind options are incompatible with type tmpfs')
  if (volume.volume) return fail(ctx, path, 'volume options are incompatible with type tmpfs')
  const mount = baseMount(volume)
  if (volume.tmpfs) mount.TmpfsOptions = jsonObject({ SizeBytes: nonZero(volume.tmpfs.size) })
  return jsonObject(mount)
}

function fail(ctx: ConvertContext, path: string, text: string): undefined {
  ctx.error(path, `${text}.`)
  return undefined
}

/** ContainerSpec.Mounts, or undefined when there are none (or on error). */
export function convertMounts(ctx: ConvertContext, service: ServiceConfig, path: string): Json[] | undefined {
  const mounts: Json[] = []
  for (const volume of service.volumes ?? []) {
    // normalize records each mount's position under its target.
    const at = `${path}.volumes.${volume.target}`
    let mount: Json | undefined
    switch (volume.type) {
      case 'volume':
        mount = convertVolumeMount(ctx, volume, at)
        break
      case 'bind':
      case 'npipe':
        mount = convertBindMount(ctx, volume, at, volume.type)
        break
      case 'tmpfs':
        mount = convertTmpfsMount(ctx, volume, at)
        break
      default:
        mount = fail(ctx, at, t('compose.convert.volumeType', { type: String(volume.type) }))
    }
    if (mount !== undefined) mounts.push(mount)
  }
  return mounts.length > 0 ? mounts : undefined
}
