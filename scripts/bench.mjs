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
step(process.execPath, ['test/rig/setup.mjs'])
step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/transport.ts'])
step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/compose.ts'])
step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/catalogue.ts'])
step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/apps.ts'])
step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/backups.ts'])
// Needs the built renderer (npm run build).
step(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/first-screen.ts'])
