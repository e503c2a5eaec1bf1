import fs from 'node:fs/promises'
import path from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm'
}

export type StaticFile = { ok: true; file: string; type: string; isHtml: boolean } | { ok: false; status: 400 | 404 }

// Maps a request path (still percent-encoded, as sent) to a file inside root.
// The raw path is checked segment by segment rather than normalised first,
// so "/../x", "/%2e%2e/x" and "/..%2fx" are refused instead of quietly
// rewritten; symlinks are resolved so they can't point outside root either.
export async function resolveStatic(root: string, rawPath: string): Promise<StaticFile> {
  if (!rawPath.startsWith('/')) return { ok: false, status: 400 }
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return { ok: false, status: 400 }
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 }
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 400 }
  // Dotfiles are never part of the build output.
  if (segments.some((s) => s.startsWith('.'))) return { ok: false, status: 404 }

  const realRoot = await fs.realpath(root).catch(() => null)
  if (!realRoot) return { ok: false, status: 404 }
  const wanted = segments.length === 0 ? 'index.html' : segments.join('/')
  let file = await inside(realRoot, wanted)
  // Client-side routes (no extension) get the app shell; missing assets 404.
  if (!file && !path.extname(segments.at(-1) ?? '')) file = await inside(realRoot, 'index.html')
  if (!file) return { ok: false, status: 404 }
  const ext = path.extname(file).toLowerCase()
  return { ok: true, file, type: types[ext] ?? 'application/octet-stream', isHtml: ext === '.html' }
}

async function inside(realRoot: string, rel: string): Promise<string | null> {
  const candidate = path.join(realRoot, rel)
  const real = await fs.realpath(candidate).catch(() => null)
  if (!real) return null
  const back = path.relative(realRoot, real)
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) return null
  const stat = await fs.stat(real).catch(() => null)
  return stat?.isFile() ? real : null
}
