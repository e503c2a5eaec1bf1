import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Job } from '../src-main/contract/schemas'
import { api, appContainer, closeBackupRig, deployCcdData, fillRandom, inContainer, openBackupRig, removeCcdData, type BackupRig } from '../test/support/backup-rig'

// Backup throughput: a volume of random data (incompressible, so gzip gains
// nothing) in a ccd-data app on the rig's swarm, reached over SSH as
// ccdtest (rigbox). The core's backups.create, end to end (hooks, streaming,
// manifest, verification, rename), against what a script does for the same
// data in the same run: ssh host 'docker exec … tar c -C /data .' > file.
// Everything made here is removed at the end.

const MB = Number(process.env.BENCH_BACKUP_MB ?? 500)
const tag = crypto.randomBytes(3).toString('hex')
const domain = `bk-${tag}.bench.example`

// Plain OpenSSH with the rig's key, trusting only the rig's own host keys.
function sshToFile(b: BackupRig, command: string, file: string): Promise<void> {
  const { host, port, users, key, hostKeyFiles } = b.rig.sshd
  const knownHosts = path.join(b.home, 'bench_known_hosts')
  const hostId = port === 22 ? host : `[${host}]:${port}`
  fs.writeFileSync(knownHosts, hostKeyFiles.map((f) => `${hostId} ${fs.readFileSync(`${f}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`).join(''))
  const args = ['-F', '/dev/null', '-i', key, '-p', String(port), '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, `${users.docker}@${host}`, command]
  const out = fs.openSync(file, 'w')
  return new Promise<void>((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['ignore', out, 'pipe'] })
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssh exited with ${code}: ${stderr.trim()}`))))
  }).finally(() => fs.closeSync(out))
}

async function seconds(fn: () => Promise<void>): Promise<number> {
  const t = performance.now()
  await fn()
  return (performance.now() - t) / 1000
}

async function main(): Promise<void> {
  const started = performance.now()
  const b = await openBackupRig('rigbox')
  try {
    await deployCcdData(b, domain)
    const container = await appContainer(b, domain)
    inContainer(b.rig, container, 'echo "a database" > /data/db.txt')
    fillRandom(b.rig, container, '/data/random.bin', MB)
    console.log(`Backup throughput: ${MB} MiB of random data in one volume, over SSH (${b.rig.sshd.users.docker}@${b.rig.sshd.host}:${b.rig.sshd.port}); set up in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const tarFile = path.join(b.home, 'bench-ssh.tar')
    const sshSecs = await seconds(() => sshToFile(b, `docker exec ${container} tar c -C /data .`, tarFile))
    const bytes = fs.statSync(tarFile).size
    fs.rmSync(tarFile)
    const mbps = (s: number): number => bytes / 1e6 / s
    console.log(`  ${"ssh host 'docker exec … tar c' > file".padEnd(44)} ${sshSecs.toFixed(2).padStart(7)} s  ${mbps(sshSecs).toFixed(1).padStart(7)} MB/s`)

    let jobError: string | undefined
    // When each step began, to show where the time goes.
    const steps: Array<{ index: number; name: string; at: number }> = []
    const off = b.core.events.subscribe((name, payload) => {
      const job = payload as Job
      if (name !== 'job.update' || job.kind !== 'app-backup' || steps.at(-1)?.index === job.stepIndex) return
      steps.push({ index: job.stepIndex, name: job.step.replace(/ \(.*$|:.*$/, ''), at: performance.now() })
    })
    const appStart = performance.now()
    const appSecs = await seconds(async () => {
      const { jobId } = await api(b.core, 'backups.create', { server: b.server, domain })
      const job = await b.core.jobs.wait(jobId)
      if (job.status !== 'done') jobError = job.error?.message ?? job.status
    })
    off()
    if (jobError) {
      console.log(`  ${'backups.create (end to end)'.padEnd(44)} failed: ${jobError}`)
      return
    }
    const size = (await api(b.core, 'backups.list', { domain })).reduce((n, x) => n + x.size, 0)
    console.log(`  ${'backups.create (end to end)'.padEnd(44)} ${appSecs.toFixed(2).padStart(7)} s  ${mbps(appSecs).toFixed(1).padStart(7)} MB/s  (archive ${(size / 1e6).toFixed(1)} MB)`)
    const end = appStart + appSecs * 1000
    const spans = steps.filter((st) => st.index < 6).map((st, i, all) => `${st.name.toLowerCase()} ${(((all[i + 1]?.at ?? end) - st.at) / 1000).toFixed(1)} s`)
    console.log(`    of which: ${spans.join(', ')}`)
    const ratio = sshSecs / appSecs
    console.log(`  backups.create / ssh tar = ${ratio.toFixed(2)}x the throughput (target ≥ 0.9 ${ratio >= 0.9 ? 'met' : 'NOT met'}); MB/s count the ${(bytes / 1e6).toFixed(1)} MB tar stream`)
  } finally {
    await removeCcdData(b, domain)
    await closeBackupRig(b)
    console.log(`  (removed the bench app, its volumes and backups; whole run ${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
