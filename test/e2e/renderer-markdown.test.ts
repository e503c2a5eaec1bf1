import { build } from 'esbuild'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, REPO_ROOT } from '../rig/rig'

// The recipe README renderer in a real browser, with the real DOMPurify:
// unit tests can check markdown-it's half but not the sanitizer's.

let browser: Browser
let bundle: string

beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: `import DOMPurify from 'dompurify'; import { markdownToHtml, sanitizeHtml } from './src-renderer/src/lib/markdown';
        window.render = (t) => sanitizeHtml(markdownToHtml(t), DOMPurify);
        window.purify = (h) => sanitizeHtml(h, DOMPurify);`,
      resolveDir: REPO_ROOT,
      loader: 'ts'
    },
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'browser'
  })
  bundle = out.outputFiles[0].text
  browser = await chromium.launch({ executablePath: loadRig().chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] })
})

afterAll(async () => {
  await browser?.close()
})

async function inPage<T>(fn: (w: Window & { render(t: string): string; purify(h: string): string }) => T): Promise<Awaited<T>> {
  const page = await browser.newPage()
  const requests: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('about:')) requests.push(r.url())
  })
  await page.setContent('<!doctype html><body></body>')
  await page.addScriptTag({ content: bundle, type: 'module' })
  await page.waitForFunction(() => 'render' in window)
  const result = (await page.evaluate(`(${fn.toString()})(window)`)) as Awaited<T>
  await page.close()
  expect(requests).toEqual([])
  return result
}

describe('README markdown in Chromium', () => {
  it('renders headings and keeps web links, opening outside', async () => {
    const html = await inPage((w) => w.render('## Setup\n\nSee [the docs](https://docs.coopcloud.tech/) and [local](./x.md).'))
    expect(html).toContain('<h2>Setup</h2>')
    expect(html).toContain('<a href="https://docs.coopcloud.tech/" target="_blank" rel="noopener noreferrer">the docs</a>')
    expect(html).toContain('<span class="md-link-text" title="./x.md">local</span>')
  })

  it('strips what slips past markdown: scripts, handlers, remote images, odd links', async () => {
    const html = await inPage((w) => {
      const out = w.purify(
        '<p onclick="x()">hi</p><script>alert(1)</script><img src="https://tracker.example/p.png" onerror="x()">' +
          '<a href="javascript:alert(1)">js</a><a href="/settings" target="_self">in-app</a><iframe src="https://e.org"></iframe>' +
          '<form action="https://e.org"><input name="a"></form><svg><script>alert(2)</script></svg>'
      )
      // Put it in the page too: nothing may load or run.
      document.body.innerHTML = out
      return out
    })
    expect(html).not.toMatch(/onclick|onerror|<script|<iframe|<form|<input|<svg|javascript:|tracker\.example|href="\/settings"/)
    expect(html).toContain('<p>hi</p>')
    expect(html).toContain('<a>in-app</a>')
  })

  it('keeps inline data: images', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
    const html = await inPage((w) => w.render('![dot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==)'))
    expect(html).toContain(`<img src="${pixel}" alt="dot">`)
  })
})
