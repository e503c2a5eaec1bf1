// apps.volumeLocality and apps.pinService (issue 13): which machine of the
// server's swarm holds each of an app's volumes, which services mount them
// and whether each is kept on that machine; and keeping one there, written in
// the app's env file with an overlay (pin-overlay.ts explains the design).
// Nothing is sent here: the window previews a redeploy, then deploys, through
// the app's usual deploy flow.
import type Docker from 'dockerode'
import { appEnvironment } from '../compose/env'
import { ApiError, toErrorBody } from '../contract/errors'
import type { VolumeLocality } from '../contract/volumes'
import { withTimeout } from '../core/shell'
import { t } from '../i18n/i18n'
import { volumeLocality } from '../nodes/locality'
import { toSwarmNode, type ApiNode, type ApiService, type ApiTask, type SwarmNode } from '../nodes/model'
import { loadApp, refuseWhileBusy, type AppContext } from './context'
import { updateAppEnv } from './env-file'
import type { HandlersFor } from './handlers-types'
import { stackFilter } from './list-docker'
import { pinOverlayFile, pinOverlaysIn, pinVariable, withoutPin, withPin } from './pin-overlay'

/** Each machine's answer; one that doesn't answer in time is named, the others still shown. */
const MACHINE_TIMEOUT_MS = 20_000

const composeFilesOf = (envText: string, envFile: string, domain: string): string[] => appEnvironment({ envText, envFile, domain }).composeFiles

async function swarmNodes(docker: Docker): Promise<{ self: string; nodes: ApiNode[] } | undefined> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string } }
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) return undefined
  return { self: info.Swarm.NodeID ?? '', nodes: (await docker.listNodes()) as ApiNode[] }
}

/** The stack's volumes on each ready machine's own engine (the one we are connected to, the others through the server's link); the machines that couldn't say, with why. */
async function stackVolumesOn(
  ctx: AppContext,
  server: string,
  docker: Docker,
  self: string,
  nodes: SwarmNode[],
  stack: string
): Promise<{ volumesOn: Map<string, Array<{ name: string }>>; unreached: Array<{ machine: string; why: string }> }> {
  const volumesOn = new Map<string, Array<{ name: string }>>()
  const unreached: Array<{ machine: string; why: string }> = []
  await Promise.all(
    nodes.map(async (n) => {
      if (n.state !== 'ready') {
        unreached.push({ machine: n.hostname, why: t('volumes.locality.notReady', { machine: n.hostname, state: n.state }) })
        return
      }
      try {
        const engine = n.id === self ? docker : ctx.machineDocker ? await ctx.machineDocker(server, { id: n.id, hostname: n.hostname, address: n.address }) : undefined
        if (!engine) throw new ApiError('machine-unreachable', t('volumes.locality.noWay', { machine: n.hostname }))
        const found = await withTimeout(engine.listVolumes({ filters: stackFilter(stack) }), MACHINE_TIMEOUT_MS, () => new ApiError('machine-timeout', t('volumes.locality.slow', { machine: n.hostname, seconds: MACHINE_TIMEOUT_MS / 1000 })))
        volumesOn.set(n.id, (found.Volumes ?? []).map((v) => ({ name: v.Name })))
      } catch (err) {
        unreached.push({ machine: n.hostname, why: toErrorBody(err).message })
      }
    })
  )
  return { volumesOn, unreached }
}

/**
 * The stack's volume names on the swarm's other machines, for the deploy
 * preview: a volume kept on another machine is not "new, empty". Empty on a
 * server of one machine; a machine that can't be asked is left out.
 */
export async function stackVolumesElsewhere(ctx: AppContext, server: string, docker: Docker, stack: string): Promise<string[]> {
  const swarm = await swarmNodes(docker).catch(() => undefined)
  if (!swarm || swarm.nodes.length < 2) return []
  const others = swarm.nodes.map(toSwarmNode).filter((n) => n.id !== swarm.self)
  const { volumesOn } = await stackVolumesOn(ctx, server, docker, swarm.self, others, stack)
  return [...volumesOn.values()].flat().map((v) => v.name)
}

export async function readLocality(ctx: AppContext, server: string, domain: string): Promise<VolumeLocality> {
  const app = await loadApp(ctx, server, domain)
  const stack = app.stackName
  const docker = (await ctx.open(server)).docker()
  const swarm = await swarmNodes(docker)
  const pins = pinOverlaysIn(composeFilesOf(app.envText, app.envFile, domain)).map((p) => ({ service: p.service, machine: app.values[pinVariable(p.service)] }))
  const pinnedBy = (service: string): string | undefined => pins.find((p) => p.service === service)?.machine || undefined
  if (!swarm || swarm.nodes.length < 2) {
    // One machine: every volume is where everything runs.
    return { stack, machines: 1, volumes: [], services: [] }
  }
  const [services, tasks] = await Promise.all([
    docker.listServices({ filters: stackFilter(stack) }) as Promise<ApiService[]>,
    docker.listTasks({ filters: JSON.stringify({ 'desired-state': ['running'] }) }) as Promise<ApiTask[]>
  ])
  const nodes = swarm.nodes.map(toSwarmNode)
  const { volumesOn, unreached } = await stackVolumesOn(ctx, server, docker, swarm.self, nodes, stack)
  const l = volumeLocality({ stack, nodes, services, tasks, volumesOn })
  return {
    ...l,
    services: l.services.map((s) => {
      const by = pinnedBy(s.name)
      return by ? { ...s, pinnedBy: by } : s
    }),
    ...(unreached.length ? { unreached: unreached.sort((a, b) => a.machine.localeCompare(b.machine)) } : {})
  }
}

export async function pinService(ctx: AppContext, req: { server: string; domain: string; service: string; machine: string | null }): Promise<{ changed: boolean; composeFile: string; variable: string }> {
  const app = await loadApp(ctx, req.server, req.domain)
  refuseWhileBusy(ctx, app.server, app.domain)
  const composeFile = pinOverlayFile(req.service)
  const variable = pinVariable(req.service)
  const machine = req.machine
  if (machine !== null) {
    const docker = (await ctx.open(app.server)).docker()
    const swarm = await swarmNodes(docker)
    const same = (swarm?.nodes ?? []).map(toSwarmNode).filter((n) => n.hostname === machine)
    if (same.length !== 1) {
      throw new ApiError(
        'machine-unknown',
        t(same.length ? 'volumes.locality.sameName' : 'volumes.locality.unknownMachine', { machine, server: app.server, service: req.service }),
        undefined
      )
    }
  }
  const { before, after } = await updateAppEnv(ctx.paths, app.server, app.domain, (text) =>
    machine === null ? withoutPin(text, req.service) : withPin(text, req.service, machine, composeFilesOf(text, app.envFile, app.domain))
  )
  return { changed: before !== after, composeFile, variable }
}

export function localityHandlers(ctx: AppContext): HandlersFor<'apps.volumeLocality' | 'apps.pinService'> {
  return {
    'apps.volumeLocality': ({ server, domain }) => readLocality(ctx, server, domain),
    'apps.pinService': (req) => pinService(ctx, req)
  }
}
