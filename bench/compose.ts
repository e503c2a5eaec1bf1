import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { applyStack } from '../src-main/compose/apply'
import { renderStack } from '../src-main/compose/pipeline'
import { dockerLocal } from '../src-main/docker/transport'
import { appEnv, composeFilesOf, withDomain } from '../test/integration/compose-parity/abra-env'
import { prepareRecipeCopy, recipeVersions } from '../test/integration/compose-parity/recipes'
import { oracleDeploy, oracleVersion } from '../test/integration/compose-parity/swarm'
import { convergeRecipe, waitConverged } from '../test/integration/compose-local-recipe'
import { loadRig } from '../test/rig/rig'
import { median, sleep } from './support'

// The compose engine's figures, in one run:
// 1. render time of every corpus recipe version (its .env.sample), median
//    over RENDERS runs;
// 2. start to converged for a 3-service local-image stack: this engine
//    (render + apply) vs `docker stack deploy` (Debian's 20.10 CLI), each
//    followed by the same wait for every replica to run. ROUNDS rounds,
//    alternating; medians and their ratio (target ≤ 1.0).

const RENDERS = Number(process.env.BENCH_RENDERS ?? 1000)
const ROUNDS = Number(process.env.BENCH_CONVERGE_ROUNDS ?? 5)
const rig = loadRig()
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6

function benchRender(tmp: string): void {
  console.log(`Render (median of ${RENDERS} runs, .env.sample overlays)`)
  for (const rv of recipeVersions()) {
    const sample = fs.readFileSync(path.join(rv.dir, '.env.sample'), 'utf8')
    const envText = withDomain(sample, `${rv.recipe}.example.org`)
    const abraSh = path.join(rv.dir, 'abra.sh')
    const abraShText = fs.existsSync(abraSh) ? fs.readFileSync(abraSh, 'utf8') : undefined
    process.env.CCD_TEST_HOME_ROOT = tmp
    const dir = prepareRecipeCopy(rv, appEnv(envText, abraShText, 'bench'))
    const input = { recipeDir: dir, envText, abraShText, stackName: 'bench' }
    const first = renderStack(input)
    const errors = first.diagnostics.filter((d) => d.severity === 'error')
    if (errors.length) {
      console.log(`  ${`${rv.recipe} ${rv.version}`.padEnd(44)} does not render: ${errors[0].message}`)
      continue
    }
    const times: number[] = []
    for (let i = 0; i < RENDERS; i++) {
      const t = process.hrtime.bigint()
      renderStack(input)
      times.push(ms(t))
    }
    const files = composeFilesOf(appEnv(envText, abraShText, 'bench')).length
    console.log(`  ${`${rv.recipe} ${rv.version}`.padEnd(44)} ${median(times).toFixed(3).padStart(9)} ms  (${files} compose files, ${first.objects!.services.length} services)`)
  }
}

async function removeStack(docker: Docker, ns: string): Promise<void> {
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${ns}`] })
  for (const s of await docker.listServices({ filters })) await docker.getService(s.ID).remove().catch(() => {})
  for (let i = 0; i < 300; i++) {
    const [tasks, containers, networks, configs] = await Promise.all([
      docker.listTasks({ filters }),
      docker.listContainers({ all: true, filters }),
      docker.listNetworks({ filters }),
      docker.listConfigs({ filters })
    ])
    if (tasks.length + containers.length + networks.length + configs.length === 0) break
    if (tasks.length + containers.length === 0) {
      await Promise.all([...networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => {})), ...configs.map((c) => docker.getConfig(c.ID).remove().catch(() => {}))])
    }
    await sleep(200)
  }
  const volumes = await docker.listVolumes({ filters })
  await Promise.all((volumes.Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => {})))
}

async function benchConverge(tmp: string): Promise<void> {
  const socket = rig.docker.socket
  const oracle = oracleVersion(socket)
  if (oracle.problem) {
    console.log(`Converge: skipped (${oracle.problem})`)
    return
  }
  const docker = dockerLocal(socket)
  const dir = fs.mkdtempSync(path.join(tmp, 'recipe-'))
  for (const [name, text] of Object.entries(convergeRecipe(rig.image, { appReplicas: 1, third: true }))) fs.writeFileSync(path.join(dir, name), text)
  const envText = fs.readFileSync(path.join(dir, '.env'), 'utf8')
  const abraShText = fs.readFileSync(path.join(dir, 'abra.sh'), 'utf8')
  const run = crypto.randomBytes(2).toString('hex')
  const ours: number[] = []
  const theirs: number[] = []
  const oursCall: number[] = []
  const theirsCall: number[] = []
  console.log(`Start to converged, 3 services on ${rig.image} (${ROUNDS} rounds each, alternating)`)
  for (let round = 0; round < ROUNDS; round++) {
    for (const who of ['ours', 'docker'] as const) {
      const ns = `ccdbench-${run}${round}${who === 'ours' ? 'o' : 'd'}`
      const secret = `${ns}_token_v1`
      await docker.createSecret({ Name: secret, Data: Buffer.from('x').toString('base64') } as never)
      try {
        const t = process.hrtime.bigint()
        if (who === 'ours') {
          const r = renderStack({ recipeDir: dir, envText, abraShText, stackName: ns })
          if (!r.objects) throw new Error(r.diagnostics.map((d) => d.message).join('\n'))
          await applyStack(docker, r.objects)
        } else {
          const env = appEnv(envText, abraShText, ns)
          oracleDeploy(socket, dir, composeFilesOf(env), env, ns)
        }
        const sent = ms(t)
        await waitConverged(docker, ns, 120_000, 3)
        const took = ms(t)
        ;(who === 'ours' ? ours : theirs).push(took)
        ;(who === 'ours' ? oursCall : theirsCall).push(sent)
        console.log(`  round ${round + 1} ${who === 'ours' ? 'this engine        ' : 'docker stack deploy'} ${took.toFixed(0).padStart(7)} ms  (deploy returned after ${sent.toFixed(0)} ms)`)
      } finally {
        await removeStack(docker, ns)
        await docker.getSecret(secret).remove().catch(() => {})
      }
    }
  }
  const o = median(ours)
  const d = median(theirs)
  console.log(`  median: this engine ${o.toFixed(0)} ms, docker stack deploy ${d.toFixed(0)} ms (docker ${oracle.version})`)
  console.log(`  of which the deploy itself: this engine ${median(oursCall).toFixed(0)} ms, docker stack deploy ${median(theirsCall).toFixed(0)} ms`)
  console.log(`  ratio this engine / docker stack deploy: ${(o / d).toFixed(2)} (target ≤ 1.0)`)
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-compose-'))
  try {
    benchRender(tmp)
    await benchConverge(tmp)
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
