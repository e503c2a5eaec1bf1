#!/usr/bin/env node
// Electronegativity (Doyensec's checker for Electron security settings), run
// offline and for the Electron version pinned in package.json.
//
//   node scripts/electronegativity.mjs [--json <file>] [--input <dir>]
//
// Prints the findings and a count per severity; exits 1 on any HIGH finding.
// --input scans that folder instead of the app (the test uses it to prove the
// checks still fire on a window built the old way).
// test/unit/electronegativity.test.ts runs it inside `npm test`.
//
// Why not `npx electronegativity -i …`:
// - Its CLI always downloads translations from S3 first, and its
//   AVAILABLE_SECURITY_FIXES check downloads Electron's release list; no option
//   turns the first off. Here the only HTTP client it uses (`got`) is replaced
//   by a stub that serves nothing, and any other attempt to open a socket
//   stops the run, so it never reaches the network.
// - Its CSV writer races its own header write and corrupts the first row, so
//   the findings are read from its Node API instead.
import fs from 'node:fs'
import Module, { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
// The checker is CommonJS.
const require = createRequire(import.meta.url)

// What the checker scans: all the code the app ships, main process and page.
// The Electron shell (src-main/electron/) is where the window, session and
// protocol are set up; the page's index.html carries the CSP <meta>. They go
// into one scan because the CSP check is global: a scan without the page
// would report "no CSP".
const SCANNED = [
  { from: 'src-main', exts: ['.ts'] },
  { from: 'src-renderer', exts: ['.ts', '.tsx', '.html'], skip: ['src-renderer/public'] }
]

// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK compares the Electron version in a
// package.json with the release notes it downloads from GitHub: it can only
// work online. The pinned version is in package.json; keeping up with
// Electron's security releases is done by upgrading that pin.
const ONLINE_ONLY_CHECKS = ['AvailableSecurityFixesGlobalCheck']

const downloads = []

function offline() {
  // Serves nothing: the translations request gets a 404, so the checker
  // keeps the English texts it ships with. Anything else is refused.
  const got = (url) => {
    if (String(url).startsWith('https://electronegativity-i18n.')) return Promise.resolve({ statusCode: 404, body: '', headers: {} })
    downloads.push(String(url))
    return Promise.reject(new Error(`offline: refused to download ${url}`))
  }
  got.head = got
  const load = Module._load
  Module._load = function (request, parent, isMain) {
    if (request === 'got' && parent && parent.filename.includes(`${path.sep}@doyensec${path.sep}electronegativity${path.sep}`)) return got
    return load.call(this, request, parent, isMain)
  }
  // A trip wire for any other way out.
  const connect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function (...args) {
    const target = typeof args[0] === 'object' && args[0] ? args[0].path || `${args[0].host}:${args[0].port}` : String(args[0])
    if (!target.startsWith('/')) {
      downloads.push(`socket ${target}`)
      throw new Error(`offline: electronegativity tried to connect to ${target}`)
    }
    return connect.apply(this, args)
  }
}

function pinnedElectron() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  const spec = pkg.devDependencies?.electron ?? pkg.dependencies?.electron
  if (!spec || !/^\d+\.\d+\.\d+$/.test(spec)) {
    throw new Error(`package.json must pin electron to an exact version (found ${JSON.stringify(spec)}).`)
  }
  return spec
}

// One folder holding copies of the scanned files at their repository paths,
// so a single scan sees both the shell and the page.
function stage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-eneg-'))
  const copy = (rel) => {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true })
    fs.copyFileSync(path.join(ROOT, rel), path.join(dir, rel))
  }
  for (const { from, exts, skip = [] } of SCANNED) {
    for (const entry of fs.readdirSync(path.join(ROOT, from), { recursive: true, withFileTypes: true })) {
      const rel = path.relative(ROOT, path.join(entry.parentPath, entry.name))
      if (!entry.isFile() || !exts.includes(path.extname(entry.name)) || skip.some((s) => rel.startsWith(s + path.sep))) continue
      copy(rel)
    }
  }
  return dir
}

function arg(name) {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}

async function scan() {
  offline()
  const electronVersion = pinnedElectron()
  const given = arg('--input')
  const dir = given ? path.resolve(given) : stage()
  try {
    const run = require('@doyensec/electronegativity')
    const result = await run({
      input: dir,
      electronVersionOverride: electronVersion,
      excludeFromScan: ONLINE_ONLY_CHECKS,
      isRelative: true,
      parserPlugins: []
    })
    const issues = result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location?.line ?? 0,
      column: i.location?.column ?? 0,
      sample: i.sample ?? '',
      description: i.description,
      manualReview: !!i.manualReview
    }))
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
    return {
      electronVersion,
      files,
      checks: result.globalChecks + result.atomicChecks,
      issues,
      errors: result.errors.map((e) => ({ file: path.relative(dir, e.file), message: e.message, tolerable: e.tolerable })),
      downloads
    }
  } finally {
    if (!given) fs.rmSync(dir, { recursive: true, force: true })
  }
}

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']

function counts(issues) {
  return Object.fromEntries(SEVERITIES.map((s) => [s, issues.filter((i) => i.severity === s).length]))
}

async function main() {
  const report = await scan()
  report.counts = counts(report.issues)
  const json = arg('--json')
  if (json) fs.writeFileSync(json, JSON.stringify(report, null, 2))
  for (const i of report.issues) {
    console.log(`${i.severity.padEnd(13)} ${i.id}  ${i.file}:${i.line}:${i.column}  ${i.sample.slice(0, 100)}`)
  }
  for (const e of report.errors) console.log(`could not parse ${e.file}: ${e.message}`)
  const figure = SEVERITIES.map((s) => `${report.counts[s]} ${s}`).join(', ')
  console.log(`electronegativity (Electron ${report.electronVersion}, ${report.files} files, ${report.checks} checks): ${figure}`)
  if (report.downloads.length > 0) {
    console.error(`It tried to reach the network: ${report.downloads.join(', ')}`)
    process.exitCode = 1
  }
  if (report.counts.HIGH > 0 || report.errors.some((e) => !e.tolerable)) process.exitCode = 1
}

main().catch((err) => {
  console.error(err.stack || String(err))
  process.exit(1)
})
