#!/usr/bin/env node
// npm run bench: start the rig's services, then print figures and ratios.
// A figure, not a test: nothing here fails on a slow machine.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
// `npm run bench -- monitoring apps` runs only those (bench/<name>.ts); all by default.
const only = process.argv.slice(2)
const bench = (name) => {
  if (only.length === 0 || only.includes(name)) step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), `bench/${name}.ts`])
}
// Parts that need no rig run first, and alone they don't start it.
const rigFree = ['monitoring-history']
// What keeping Health's history costs, on a temporary file (a few seconds).
bench('monitoring-history')
if (only.length === 0 || only.some((name) => !rigFree.includes(name))) step(process.execPath, ['test/rig/setup.mjs'])
bench('transport')
bench('compose')
bench('catalogue')
bench('apps')
bench('backups')
// Issue 13's figures at a 50 ms round trip: a one-machine swarm behind a delay relay (about 2 minutes).
bench('network')
// About 6 minutes: 3 of them watching 10 servers at the default interval for
// the CPU figure. Run as the app ships, from one bundle under plain node:
// through tsx, its loader thread keeps talking to esbuild's service process,
// about 0.15% of a core that the app never spends.
if (only.length === 0 || only.includes('monitoring')) {
  const { buildSync } = await import('esbuild')
  const outfile = path.join(root, 'out', 'bench', 'monitoring.mjs')
  buildSync({ entryPoints: [path.join(root, 'bench', 'monitoring.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' })
  // --expose-gc: the bench collects its set-up's garbage before the measured rounds.
  step(process.execPath, ['--expose-gc', outfile])
}
// Needs the built renderer (npm run build).
bench('first-screen')
