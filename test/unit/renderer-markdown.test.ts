import { describe, expect, it } from 'vitest'
import { markdownToHtml, purifyHook, sanitizeHtml, type Purifier } from '../../src-renderer/src/lib/markdown'

describe('recipe markdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const html = markdownToHtml('Hello <script>alert(1)</script>\n\n<img src="https://tracker.example/x.png" onerror="alert(2)">')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;')
  })

  it('opens web links outside the app and shows other links as text', () => {
    const html = markdownToHtml('[site](https://example.org/a) [mail](mailto:a@b.c) [docs](./docs/setup.md) [top](#install) [bad](javascript:alert(1))')
    expect(html).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">site</a>')
    expect(html).toContain('<a href="mailto:a@b.c" target="_blank" rel="noopener noreferrer">mail</a>')
    expect(html).toContain('<span class="md-link-text" title="./docs/setup.md">docs</span>')
    expect(html).toContain('<span class="md-link-text" title="#install">top</span>')
    expect(html).not.toMatch(/href="(\.\/|#|javascript)/)
    // markdown-it refuses the link outright and leaves the source as text.
    expect(html).toContain('[bad](javascript:alert(1))')
  })

  it('keeps nested emphasis inside a plain link balanced', () => {
    const html = markdownToHtml('[**bold** docs](docs.md) after')
    expect(html).toBe('<p><span class="md-link-text" title="docs.md"><strong>bold</strong> docs</span> after</p>\n')
  })

  it('shows remote images as their description and keeps inline ones', () => {
    const remote = markdownToHtml('![The logo](https://example.org/logo.png)')
    expect(remote).not.toContain('<img')
    expect(remote).toContain('<span class="md-image-text">[Picture: The logo]</span>')
    const pixel = 'data:image/png;base64,iVBORw0KGgo='
    expect(markdownToHtml(`![dot](${pixel})`)).toContain(`<img src="${pixel}" alt="dot">`)
  })

  it('renders tables, code and headings from a typical README', () => {
    const html = markdownToHtml('# Nextcloud\n\n* **Category**: Apps\n\n```sh\nabra app new nextcloud\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n')
    expect(html).toContain('<h1>Nextcloud</h1>')
    expect(html).toContain('<code class="language-sh">abra app new nextcloud\n</code>')
    expect(html).toContain('<table>')
  })
})

// A stand-in element with just what the hook reads and writes.
function element(tag: string, attrs: Record<string, string>) {
  const a = new Map(Object.entries(attrs))
  return {
    nodeType: 1,
    tagName: tag.toUpperCase(),
    getAttribute: (n: string) => a.get(n) ?? null,
    setAttribute: (n: string, v: string) => void a.set(n, v),
    removeAttribute: (n: string) => void a.delete(n),
    attrs: a
  }
}

describe('the sanitizer hook', () => {
  it('drops the source of remote images and the target of non-web links', () => {
    const img = element('img', { src: 'https://example.org/x.png', alt: 'x' })
    purifyHook(img as unknown as Node)
    expect(img.attrs.has('src')).toBe(false)

    const local = element('a', { href: '/settings', target: '_self' })
    purifyHook(local as unknown as Node)
    expect([...local.attrs.keys()]).toEqual([])

    const web = element('a', { href: 'https://example.org' })
    purifyHook(web as unknown as Node)
    expect(Object.fromEntries(web.attrs)).toEqual({ href: 'https://example.org', target: '_blank', rel: 'noopener noreferrer' })
  })

  it('registers the hook only for the one sanitize call', () => {
    const calls: string[] = []
    const purifier: Purifier = {
      addHook: (name) => void calls.push(`add ${name}`),
      removeHook: (name) => void calls.push(`remove ${name}`),
      sanitize: (html, config) => {
        calls.push(`sanitize ${(config.FORBID_TAGS as string[]).includes('iframe')}`)
        return html.toUpperCase()
      }
    }
    expect(sanitizeHtml('<p>x</p>', purifier)).toBe('<P>X</P>')
    expect(calls).toEqual(['add afterSanitizeAttributes', 'sanitize true', 'remove afterSanitizeAttributes'])
  })
})

describe('README layout on screen', () => {
  it('drops HTML comments such as the metadata markers instead of showing them', () => {
    const html = markdownToHtml('<!-- metadata -->\n* **Category**: Apps\n<!-- endmetadata -->\n')
    expect(html).not.toContain('metadata')
    expect(html).toContain('<strong>Category</strong>')
  })

  it('pushes headings under the screen’s own, never past h6', () => {
    expect(markdownToHtml('# Title\n\n## Part\n\n###### Deep', { headingShift: 1 })).toBe('<h2>Title</h2>\n<h3>Part</h3>\n<h6>Deep</h6>\n')
    expect(markdownToHtml('# Title')).toBe('<h1>Title</h1>\n')
  })
})
