#!/usr/bin/env node
// The command-line door. The code lives in the build output so the CLI runs
// exactly what the app runs.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  process.stderr.write(`Co-op Cloud Desktop is not built yet. Run \`npm run build\` in ${root} first.\n`)
  process.exit(1)
}
const { main } = await import(pathToFileURL(cli).href)
await main(process.argv.slice(2))
