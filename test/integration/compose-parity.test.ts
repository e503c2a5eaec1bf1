import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig } from '../rig/rig'
import { envVariants } from './compose-parity/abra-env'
import {
  applyStack,
  cliIgnoredOptions,
  cliUnsetVariables,
  compare,
  createSecrets,
  errorsOf,
  oracleDeploy,
  publishesPorts,
  quotedNames,
  removeSecrets,
  removeStack,
  removeStackServices,
  render,
  settledSnapshot,
  setUpApp,
  stackNames,
  type AppSetup,
  type Stacks
} from './compose-parity/case'
import { RECIPES_ROOT, recipeVersions, undefinedReferences, type RecipeVersion } from './compose-parity/recipes'
import { ensureProxyNetwork, oracleVersion, type StackSnapshot } from './compose-parity/swarm'

// Parity with the oracle, `docker stack deploy --resolve-image never` from
// Debian's docker.io (20.10): every recipe version under ../shared/recipes,
// with the overlays its .env.sample enables and again with the commented
// ones switched on, deployed once by the docker CLI (stack A) and once by
// renderStack + applyStack (stack B). What both leave on the engine must be
// identical after normalising only the stack name, IDs, timestamps, version
// indexes and what the engine allocates itself (see compose-parity/normalize.ts).
// Images can't be pulled here, so this compares specs, not running tasks.
// applyStack is told --resolve-image never too, as its oracle is (its default
// is abra's, always; registry-deploy.test.ts compares that one).

const versions = recipeVersions()
let docker: Docker
let socket: string
let caseNo = 0
const cleanups: Promise<unknown>[] = []
const dirs: string[] = []

beforeAll(async () => {
  socket = loadRig().docker.socket
  const oracle = oracleVersion(socket)
  if (oracle.problem) throw new Error(`The parity tests need the docker CLI from Debian's docker.io: ${oracle.problem}`)
  docker = dockerLocal(socket)
  await ensureProxyNetwork(docker)
})

afterAll(async () => {
  await Promise.allSettled(cleanups)
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

// Services go at once (published ports must be free for the next case);
// the rest is swept while the next case runs.
async function cleanUp(stacks: Stacks, secrets: string[]): Promise<void> {
  await Promise.all([removeStackServices(docker, stacks.a), removeStackServices(docker, stacks.b)])
  cleanups.push(Promise.all([removeStack(docker, stacks.a), removeStack(docker, stacks.b)]).then(() => removeSecrets(docker, secrets)))
}

function expectNoErrors(app: AppSetup, diagnostics: { severity: string; message: string }[]): void {
  expect(errorsOf(diagnostics as never), `renderStack refused ${app.rv.recipe} ${app.rv.version} (${app.files.join(':')})`).toEqual([])
}

/** What our warnings must cover of what the CLI said on stderr. */
function expectSameWarnings(stderr: string, diagnostics: { severity: string; message: string }[]): void {
  const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message).join('\n')
  const missing = [...cliUnsetVariables(stderr), ...cliIgnoredOptions(stderr)].filter((name) => !warnings.includes(name))
  expect(missing, `docker stack deploy warned about these; renderStack did not:\n${stderr}`).toEqual([])
}

async function parityCase(rv: RecipeVersion, envText: string): Promise<void> {
  const n = ++caseNo
  const stacks = stackNames(n)
  const app = setUpApp(rv, envText, `${rv.recipe}-${n}.example.org`, stacks)
  dirs.push(app.dir)
  try {
    await createSecrets(docker, app.secrets)
    let oracle: { stderr: string } | undefined
    let refusal: Error | undefined
    try {
      oracle = oracleDeploy(socket, app.dir, app.files, app.envA, stacks.a)
    } catch (err) {
      refusal = err as Error
    }
    const rendered = render(app, stacks.b)

    if (refusal) {
      // docker stack deploy refused the recipe: so must we, naming the same thing.
      const names = quotedNames(refusal.message.split('\n').filter(Boolean).pop() ?? '')
      const errors = errorsOf(rendered.diagnostics)
      expect(errors, `docker stack deploy refused it (${refusal.message}); renderStack did not`).not.toEqual([])
      expect(rendered.objects).toBeUndefined()
      for (const name of names) expect(errors.join('\n'), refusal.message).toContain(name)
      return
    }

    expectNoErrors(app, rendered.diagnostics)
    expectSameWarnings(oracle!.stderr, rendered.diagnostics)
    const a = await settledSnapshot(docker, stacks.a)
    // Two stacks can't publish the same ports at once.
    if (publishesPorts(a)) await removeStackServices(docker, stacks.a)
    await applyStack(docker, rendered.objects!, { resolveImage: 'never' })
    const b = await settledSnapshot(docker, stacks.b)
    expect(b.services.length, 'services').toBeGreaterThan(0)
    expect(await compare(docker, a, b, stacks)).toEqual([])
  } finally {
    await cleanUp(stacks, app.secrets)
  }
}

describe('docker stack deploy parity', () => {
  it('finds the recipe corpus', () => {
    expect(versions.length, `no recipe versions under ${RECIPES_ROOT} (shared/ sits beside the clone)`).toBeGreaterThan(0)
  })

  for (const rv of versions) {
    const sample = fs.readFileSync(path.join(rv.dir, '.env.sample'), 'utf8')
    const variants = envVariants(sample, (files) => undefinedReferences(rv.dir, files).length > 0)
    describe(`${rv.recipe} ${rv.version}`, () => {
      for (const variant of variants) {
        it(variant.id, () => parityCase(rv, variant.envText))
      }
    })
  }

  // Update parity: each recipe deployed at its first version, then upgraded
  // through every later one, by both tools; the specs match after every step
  // (PreviousSpec included). Stack A runs the whole chain first, then B, so
  // recipes that publish ports can be compared too.
  const recipes = [...new Set(versions.map((v) => v.recipe))].filter((r) => versions.filter((v) => v.recipe === r).length > 1)
  for (const recipe of recipes) {
    const chain = versions.filter((v) => v.recipe === recipe)
    it(`upgrades ${recipe} ${chain.map((v) => v.version).join(' → ')}`, async () => {
      const n = ++caseNo
      const stacks = stackNames(n)
      const domain = `${recipe}-${n}.example.org`
      const apps = chain.map((rv) => setUpApp(rv, fs.readFileSync(path.join(rv.dir, '.env.sample'), 'utf8'), domain, stacks))
      dirs.push(...apps.map((a) => a.dir))
      const secrets = [...new Set(apps.flatMap((a) => a.secrets))]
      try {
        await createSecrets(docker, secrets)
        const snapsA: StackSnapshot[] = []
        for (const app of apps) {
          oracleDeploy(socket, app.dir, app.files, app.envA, stacks.a)
          snapsA.push(await settledSnapshot(docker, stacks.a))
        }
        await removeStackServices(docker, stacks.a)
        for (const [i, app] of apps.entries()) {
          const rendered = render(app, stacks.b)
          expectNoErrors(app, rendered.diagnostics)
          const result = await applyStack(docker, rendered.objects!, { resolveImage: 'never' })
          if (i > 0) expect(result.updated.filter((u) => u.startsWith('service ')).length, 'services updated in place').toBeGreaterThan(0)
          const b = await settledSnapshot(docker, stacks.b)
          expect(await compare(docker, snapsA[i], b, stacks), `after deploying ${app.rv.version}`).toEqual([])
        }
      } finally {
        await cleanUp(stacks, secrets)
      }
    })
  }
})
