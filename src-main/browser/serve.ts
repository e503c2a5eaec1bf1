import { parseArgs } from 'node:util'
import { runBrowserMode } from './run'

// Entry of out/main/serve.js: `node out/main/serve.js [--port N] [--open]`.
// `npm start` falls back to it when Electron's program is missing.

let values: { port?: string; open?: boolean }
try {
  values = parseArgs({ options: { port: { type: 'string' }, open: { type: 'boolean' } } }).values
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nUsage: serve.js [--port N] [--open]\n`)
  process.exit(2)
}
const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port must be a number from 0 to 65535.\n')
  process.exit(2)
}
runBrowserMode({ port, open: values.open }).catch((err: unknown) => {
  process.stderr.write(`Co-op Cloud Desktop could not start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
