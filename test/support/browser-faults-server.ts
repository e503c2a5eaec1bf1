// Browser mode in a process of its own, with a job running, for the
// browser-faults test: if a bad frame crashes the process, the test sees the
// exit instead of dying with it. Started with `node --import tsx` and an IPC
// channel; argv: <home> <staticDir>. Sends { type: 'ready', port, token, jobId }.
import fs from 'node:fs'
import path from 'node:path'
import { startBrowserServer } from '../../src-main/browser/server'
import { createCore } from '../../src-main/core/core'

const [home, staticDir] = process.argv.slice(2)
fs.mkdirSync(staticDir, { recursive: true })
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')

const core = createCore({ transport: 'browser', env: { COOPCLOUD_CATALOGUE_URL: 'http://127.0.0.1:9/recipes.json' }, home })
const server = await startBrowserServer({ core, staticDir })

// Stands in for a deploy or a backup: it logs a line every 50 ms until
// cancelled, so the test can see it is still going after each bad frame.
const job = core.jobs.start({ kind: 'test', title: 'Ticking', target: 'test', steps: ['Ticking'] }, async (ctx) => {
  for (let i = 0; !ctx.signal.aborted; i++) {
    ctx.log(`tick ${i}\n`)
    await new Promise((r) => setTimeout(r, 50))
  }
})

process.send!({ type: 'ready', port: server.port, token: server.token, jobId: job.id })
