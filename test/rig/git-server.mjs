// A loopback git smart-HTTP server for recipe repos, and the bare repos it
// serves, built from ../shared/recipes/. The server is the real `git
// http-backend` run as CGI, so clients (isomorphic-git in the app) meet the
// same protocol as on a real forge, with no network beyond 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

// The fixture must not depend on the machine's git config (signing, hooks,
// default branch, user identity), or commit ids would differ between machines.
const GIT_ENV = {
  PATH: process.env.PATH,
  HOME: os.tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Co-op Cloud Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@coopcloud.invalid',
  GIT_COMMITTER_NAME: 'Co-op Cloud Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@coopcloud.invalid'
}
// Fixed dates make commit and tag ids stable; each version is one day later.
const EPOCH = 1_700_000_000

function git(args, { gitDir, workTree, date, indexFile } = {}) {
  const env = { ...GIT_ENV }
  if (indexFile) env.GIT_INDEX_FILE = indexFile
  if (gitDir) env.GIT_DIR = gitDir
  if (workTree) env.GIT_WORK_TREE = workTree
  if (date !== undefined) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = `@${date} +0000`
  return execFileSync('git', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/**
 * Starts `git http-backend` behind node:http on 127.0.0.1 (a free port), serving
 * every repo under `root` at `${url}/<name>.git`.
 */
export async function startGitServer({ root }) {
  const server = http.createServer((req, res) => serveCgi(root, req, res))
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}

function serveCgi(root, req, res) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const env = {
    ...GIT_ENV,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    SERVER_SOFTWARE: 'ccd-test-git-server',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    // http-backend reads the body to EOF when no length is given (chunked uploads).
    ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
    ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
    ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: req.headers['git-protocol'] } : {})
  }
  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  cgi.stderr.on('data', (d) => (stderr += d))
  cgi.on('error', (err) => fail(500, err.message))
  req.pipe(cgi.stdin)
  cgi.stdin.on('error', () => { /* the backend may answer before reading the whole body */ })

  let head = Buffer.alloc(0)
  let headersSent = false
  cgi.stdout.on('data', (chunk) => {
    if (headersSent) return void res.write(chunk)
    head = Buffer.concat([head, chunk])
    const end = findHeaderEnd(head)
    if (!end) return
    const { status, headers } = parseCgiHeaders(head.subarray(0, end.at).toString('latin1'))
    res.writeHead(status, headers)
    headersSent = true
    const rest = head.subarray(end.at + end.length)
    if (rest.length) res.write(rest)
  })
  cgi.on('close', (code) => {
    if (!headersSent) return fail(502, `git http-backend exited ${code} without a response: ${stderr.trim()}`)
    res.end()
  })

  function fail(status, text) {
    if (res.headersSent) return void res.destroy()
    res.writeHead(status, { 'content-type': 'text/plain' })
    res.end(text)
  }
}

// CGI allows LF or CRLF line ends; the header block ends at the first blank line.
function findHeaderEnd(buf) {
  const crlf = buf.indexOf('\r\n\r\n')
  const lf = buf.indexOf('\n\n')
  if (crlf < 0 && lf < 0) return undefined
  if (lf < 0 || (crlf >= 0 && crlf < lf)) return { at: crlf, length: 4 }
  return { at: lf, length: 2 }
}

function parseCgiHeaders(text) {
  let status = 200
  const headers = {}
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200
    else headers[name] = value
  }
  return { status, headers }
}

/**
 * Orders version folder names the way abra orders recipe versions:
 * "<recipe semver>+<upstream tag>", compared by the semver part, then the part
 * after "+" (numbers as numbers). Folders that are not versions sort last.
 */
export function compareVersionNames(a, b) {
  const pa = splitVersion(a)
  const pb = splitVersion(b)
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b)
  for (let i = 0; i < 3; i++) if (pa.core[i] !== pb.core[i]) return pa.core[i] - pb.core[i]
  if (pa.pre !== pb.pre) return pa.pre === '' ? 1 : pb.pre === '' ? -1 : naturalCompare(pa.pre, pb.pre)
  return naturalCompare(pa.build, pb.build)
}

function splitVersion(name) {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([^+]*))?(?:\+(.*))?$/.exec(name)
  if (!m) return undefined
  return { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? '', build: m[5] ?? '' }
}

function naturalCompare(a, b) {
  return a.localeCompare(b, 'en', { numeric: true })
}

/**
 * Makes `<outDir>/<name>.git` for each recipe under `sharedRecipes`: one commit
 * and one annotated tag per version folder, oldest first, then `main` (if
 * present) committed on top without a tag as the branch head. Returns the
 * repos with their tags, oldest first.
 */
export function buildRecipeRepos({ sharedRecipes, outDir }) {
  fs.mkdirSync(outDir, { recursive: true })
  const repos = []
  for (const name of fs.readdirSync(sharedRecipes).sort()) {
    const recipeDir = path.join(sharedRecipes, name)
    if (!fs.statSync(recipeDir).isDirectory()) continue
    const folders = fs.readdirSync(recipeDir).filter((f) => fs.statSync(path.join(recipeDir, f)).isDirectory())
    const versions = folders.filter((f) => f !== 'main').sort(compareVersionNames)
    const repo = path.join(outDir, `${name}.git`)
    fs.rmSync(repo, { recursive: true, force: true })
    git(['init', '--quiet', '--bare', '--initial-branch=main', repo])
    let day = 0
    for (const version of versions) {
      commitFolder({ repo, folder: path.join(recipeDir, version), message: `Release ${version}`, tag: version, date: EPOCH + 86_400 * day++ })
    }
    if (folders.includes('main')) {
      commitFolder({ repo, folder: path.join(recipeDir, 'main'), message: 'Work in progress on main', date: EPOCH + 86_400 * day })
    }
    repos.push({ name, path: repo, tags: versions })
  }
  return { repos }
}

/**
 * Commits the files of `folder` (a whole tree: files absent from it are
 * removed) on top of `branch` in the bare `repo`, and tags it when `tag` is
 * given. `date` is seconds since the epoch. Returns the commit id.
 */
export function commitFolder({ repo, folder, message, tag, date = EPOCH, branch = 'main' }) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-recipe-work-'))
  try {
    copyFiles(folder, work)
    // A private index outside the repo: the tree is exactly `folder`, whatever came before.
    const opts = { gitDir: repo, workTree: work, date, indexFile: `${work}.index` }
    try {
      git(['add', '--all', '.'], opts)
      const tree = git(['write-tree'], opts)
      const parent = tryGit(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], repo)
      const commit = git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], opts)
      git(['update-ref', `refs/heads/${branch}`, commit], opts)
      if (tag) git(['tag', '--annotate', '--message', `Release ${tag}`, tag, commit], opts)
      return commit
    } finally {
      fs.rmSync(opts.indexFile, { force: true })
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

function tryGit(args, gitDir) {
  try { return git(args, { gitDir }) } catch { return '' }
}

// Regular files and folders only, with their modes (abra.sh is executable);
// shared/ is only ever read.
function copyFiles(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name)
    const dst = path.join(to, entry.name)
    if (entry.isDirectory()) {
      fs.mkdirSync(dst)
      copyFiles(src, dst)
    } else if (entry.isFile()) {
      fs.copyFileSync(src, dst)
      fs.chmodSync(dst, fs.statSync(src).mode & 0o777)
    }
  }
}
