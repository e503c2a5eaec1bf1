import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyStack } from '../../src-main/compose/apply'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { buildCcdWebRepo, ccdWebEnv, pageOf, renderCcdWeb, waitHealthy, type CcdWebVersion } from './ccd-web'
import { createSecrets, ensureProxyNetwork, removeSecrets, removeStack } from './compose-parity/swarm'

// The ccd-web test recipe, deployed by this engine: v1 comes up healthy, the
// upgrade to v2 comes up healthy, and the upgrade to v3 (whose healthcheck
// fails) is rolled back by the swarm, leaving v2 running and healthy.
let rig: Rig
let docker: Docker
const stack = `ccdweb-${crypto.randomBytes(3).toString('hex')}`
const service = `${stack}_app`
const secret = `${stack}_token_v1`
const env = ccdWebEnv('v1.0.0', `${stack}.example.com`)
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function deploy(version: CcdWebVersion): Promise<void> {
  const rendered = renderCcdWeb(version, stack, env)
  expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  await applyStack(docker, rendered.objects!)
}

async function waitUpdateState(state: string, timeoutMs = 90_000): Promise<Docker.Service> {
  let last = ''
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(250)) {
    const info = (await docker.getService(service).inspect()) as Docker.Service
    last = `${info.UpdateStatus?.State ?? 'no update status'}${info.UpdateStatus?.Message ? `: ${info.UpdateStatus.Message}` : ''}`
    if (info.UpdateStatus?.State === state) return info
  }
  throw new Error(`${service} did not reach update state ${state} within ${timeoutMs / 1000}s; last: ${last}`)
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  await ensureProxyNetwork(docker)
  await createSecrets(docker, [secret])
})

afterAll(async () => {
  if (!docker) return
  await removeStack(docker, stack)
  await removeSecrets(docker, [secret])
})

describe('the ccd-web test recipe', () => {
  it('lays its versions out as a git repo with one tag each', () => {
    const dir = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || os.tmpdir(), 'ccdweb-repo-'))
    try {
      const repo = buildCcdWebRepo(dir)
      expect(repo.tags).toEqual(['v1.0.0', 'v2.0.0', 'v3.0.0'])
      const compose = execFileSync('git', ['--git-dir', repo.path, 'show', 'v3.0.0:compose.yml'], { encoding: 'utf8' })
      expect(compose).toContain('coop-cloud.${STACK_NAME}.version=v3.0.0')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('deploys v1, upgrades to v2, and is rolled back to v2 by the swarm when v3 fails its healthcheck', { timeout: 300_000 }, async () => {
    await deploy('v1.0.0')
    const v1 = await waitHealthy(docker, service, 'v1.0.0')
    expect(pageOf(rig.docker.socket, v1.containerId)).toBe('ccd-web v1.0.0\n')

    await deploy('v2.0.0')
    await waitUpdateState('completed')
    const v2 = await waitHealthy(docker, service, 'v2.0.0')
    expect(pageOf(rig.docker.socket, v2.containerId)).toBe('ccd-web v2.0.0\n')

    await deploy('v3.0.0')
    const rolledBack = await waitUpdateState('rollback_completed', 120_000)
    expect(rolledBack.Spec?.Labels?.[`coop-cloud.${stack}.version`]).toBe('v2.0.0')
    const after = await waitHealthy(docker, service, 'v2.0.0')
    expect(pageOf(rig.docker.socket, after.containerId)).toBe('ccd-web v2.0.0\n')
  })
})
