import { parseArgs } from 'node:util'
import { setLanguage, systemLanguageFromEnv, t } from '../i18n/i18n'
import { runBrowserMode } from './run'

// Entry of out/main/serve.js: `node out/main/serve.js [--port N] [--open]`.
// `npm start` falls back to it when Electron's program is missing.

// Until the core has read the Settings choice, words follow the computer's language.
setLanguage(systemLanguageFromEnv(process.env))

let values: { port?: string; open?: boolean }
try {
  values = parseArgs({ options: { port: { type: 'string' }, open: { type: 'boolean' } } }).values
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nUsage: serve.js [--port N] [--open]\n`)
  process.exit(2)
}
const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`${t('browser.badPort')}\n`)
  process.exit(2)
}
runBrowserMode({ port, open: values.open }).catch((err: unknown) => {
  process.stderr.write(`${t('browser.couldNotStart', { reason: err instanceof Error ? err.message : String(err) })}\n`)
  process.exit(1)
})
