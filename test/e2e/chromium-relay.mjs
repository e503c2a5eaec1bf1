// Inside the e2e Chromium's own network namespace (chromium-alone.sh): listens
// on 127.0.0.1:$CCD_RELAY_PORT, the app's own port, and carries each
// connection to the Unix socket $CCD_RELAY_SOCKET, which browser.ts carries on
// to the app's server on the host's 127.0.0.1:<port>. A socket file is
// reached by path, across namespaces. Then it runs Chromium with the
// arguments and file descriptors it was given (Playwright's pipe is fds 3
// and 4), and ends with it.
import { spawn } from 'node:child_process'
import net from 'node:net'

const port = Number(process.env.CCD_RELAY_PORT)
const socketPath = process.env.CCD_RELAY_SOCKET
const chromium = process.env.CCD_RELAY_CHROMIUM
if (!port || !socketPath || !chromium) {
  console.error('chromium-relay: CCD_RELAY_PORT, CCD_RELAY_SOCKET and CCD_RELAY_CHROMIUM must be set (test/e2e/browser.ts sets them)')
  process.exit(2)
}

const relay = net.createServer((page) => {
  const app = net.connect(socketPath)
  page.on('error', () => app.destroy())
  app.on('error', () => page.destroy())
  page.on('close', () => app.destroy())
  app.on('close', () => page.destroy())
  page.pipe(app)
  app.pipe(page)
})
relay.on('error', (err) => {
  console.error(`chromium-relay: cannot listen on 127.0.0.1:${port}: ${err.message}`)
  process.exit(2)
})
relay.listen(port, '127.0.0.1', () => {
  const browser = spawn(chromium, process.argv.slice(2), { stdio: ['inherit', 'inherit', 'inherit', 'inherit', 'inherit'] })
  const forward = (signal) => () => browser.kill(signal)
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, forward(signal))
  browser.on('error', (err) => {
    console.error(`chromium-relay: cannot start ${chromium}: ${err.message}`)
    process.exit(2)
  })
  browser.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
})
