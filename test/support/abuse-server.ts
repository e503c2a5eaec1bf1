// Browser mode in a process of its own, for the abuse suite: if hostile input
// crashes it, the test sees the exit (and the stderr) instead of dying with it.
// Started with `node --import tsx` and an IPC channel; argv: <home> <staticDir>.
// Talks over that channel:
//   → { type: 'ready', url, token, port }
//   → { type: 'unhandledRejection', reason } as each happens
//   ← { type: 'finish' }  → { type: 'finished', unhandledRejections, reasons, runningJobs, jobErrors }
import fs from 'node:fs'
import path from 'node:path'
import { startBrowserServer } from '../../src-main/browser/server'
import { createCore } from '../../src-main/core/core'
import type { Keychain } from '../../src-main/keychain/keychain'

const [home, staticDir] = process.argv.slice(2)
let unhandledRejections = 0
const reasons: string[] = []
// Counted, not fatal: the suite reports each one (Node would otherwise exit).
process.on('unhandledRejection', (reason) => {
  unhandledRejections++
  const words = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
  if (reasons.length < 20) reasons.push(words)
  // Told at once, so a count survives this process crashing later.
  process.send?.({ type: 'unhandledRejection', reason: words.slice(0, 2000) })
})

// Secrets stay in this process: the suite must not write the machine's keyring.
const store = new Map<string, string>()
const keychain: Keychain = {
  get: async (account) => store.get(account),
  set: async (account, secret) => void store.set(account, secret),
  delete: async (account) => void store.delete(account)
}

fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true })
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')

// The catalogue points at a closed port: nothing leaves the machine.
const core = createCore({ transport: 'browser', env: { COOPCLOUD_CATALOGUE_URL: 'http://127.0.0.1:9/recipes.json' }, home, keychain })
const server = await startBrowserServer({ core, staticDir })
process.send!({ type: 'ready', url: server.url, token: server.token, port: server.port })

process.on('message', (msg: { type?: string }) => {
  if (msg?.type !== 'finish') return
  void (async () => {
    // Jobs started by the abuse run on after their call answered; wait for them.
    const end = Date.now() + 30_000
    while (Date.now() < end && core.jobs.list().some((j) => j.status === 'running')) await new Promise((r) => setTimeout(r, 100))
    const jobs = core.jobs.list()
    process.send!({
      type: 'finished',
      unhandledRejections,
      reasons,
      runningJobs: jobs.filter((j) => j.status === 'running').map((j) => j.title),
      jobErrors: jobs.filter((j) => j.error).map((j) => ({ title: j.title, error: j.error }))
    })
    await server.close()
    await core.close()
    process.exit(0)
  })()
})
