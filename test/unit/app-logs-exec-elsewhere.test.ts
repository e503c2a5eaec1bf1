import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import type { LoadedApp } from '../../src-main/apps/context'
import { openExec } from '../../src-main/apps/exec-terminal'
import type { ApiError } from '../../src-main/contract/errors'

// Which container a terminal opens in is decided from Docker's answers alone;
// a one-node test swarm can't have a task on another node, so a stand-in
// engine gives those answers here.
const app: LoadedApp = { server: 's', domain: 'x.example.org', envFile: '/dev/null', envText: '', values: {}, stackName: 'x_example_org' }

function engine(tasks: Array<{ node: string; state: string; container?: string }>): Docker {
  const hostnames: Record<string, string> = { n1: 'here.example.org', n2: 'far-away.example.org' }
  return {
    getService: (name: string) => ({ inspect: async () => ({ ID: 'svc1', Spec: { Name: name } }) }),
    info: async () => ({ Swarm: { NodeID: 'n1' } }),
    listTasks: async () =>
      tasks.map((t) => ({ NodeID: t.node, Status: { State: t.state, ContainerStatus: t.container ? { ContainerID: t.container } : {} } })),
    getNode: (id: string) => ({ inspect: async () => ({ Description: { Hostname: hostnames[id] } }) }),
    getContainer: () => {
      throw new Error('no container should be used')
    }
  } as unknown as Docker
}

async function refusal(docker: Docker): Promise<ApiError> {
  try {
    await openExec(docker, app, { service: 'app', cols: 80, rows: 24 })
  } catch (err) {
    return err as ApiError
  }
  throw new Error('expected openExec to refuse')
}

describe('openExec picks a container on the connected server', () => {
  it('refuses when the only running copy is on another node, naming it', async () => {
    const err = await refusal(engine([{ node: 'n2', state: 'running', container: 'c2' }]))
    expect(err.code).toBe('service-elsewhere')
    expect(err.message).toBe(
      '"app" runs on another machine of the swarm (far-away.example.org), and a terminal can only be opened on the server the app connects to. Add that machine as a server to open a terminal there.'
    )
  })

  it('refuses when no copy is running', async () => {
    const err = await refusal(engine([{ node: 'n1', state: 'starting' }]))
    expect(err.code).toBe('service-not-running')
    expect(err.message).toMatch(/^"app" has no running copy right now/)
  })
})
