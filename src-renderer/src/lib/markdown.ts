import MarkdownIt from 'markdown-it'
import { i18n } from '../i18n'

// Recipe READMEs and release notes come from anyone's git repository, so
// they are rendered in two locks: markdown-it with raw HTML off (any tag in
// the text comes out escaped), then DOMPurify in the browser (sanitizeHtml).
// Links only ever leave the app: web and mail links open outside it, every
// other link (relative, in-page, odd schemes) is shown as its text. Images
// load nothing from elsewhere: only inline data: images are kept, the rest
// become their description.

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false })

export const EXTERNAL_LINK = /^(https?:\/\/|mailto:)/i
export const INLINE_IMAGE = /^data:image\/(png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]+$/i

type Rule = NonNullable<typeof md.renderer.rules.link_open>
type Token = Parameters<Rule>[0][number]
const asDefault: Rule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options)
const attr = (token: Token, name: string): string => String(token.attrGet(name) ?? '')

const defaultLinkOpen = md.renderer.rules.link_open ?? asDefault
const defaultLinkClose = md.renderer.rules.link_close ?? asDefault

// link_open and link_close must agree, so the open rule records its choice
// on the token's meta and the close rule reads it from the matching opener.
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  const href = attr(token, 'href')
  if (!EXTERNAL_LINK.test(href)) {
    token.meta = { ...(token.meta as object), plain: true }
    return `<span class="md-link-text" title="${md.utils.escapeHtml(href)}">`
  }
  token.attrSet('target', '_blank')
  token.attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

md.renderer.rules.link_close = (tokens, idx, options, env, self) => {
  const opener = findOpener(tokens, idx)
  if ((opener?.meta as { plain?: boolean } | undefined)?.plain) return '</span>'
  return defaultLinkClose(tokens, idx, options, env, self)
}

function findOpener(tokens: Token[], closeIdx: number): Token | undefined {
  let depth = 0
  for (let i = closeIdx - 1; i >= 0; i--) {
    if (tokens[i].type === 'link_close') depth++
    else if (tokens[i].type === 'link_open') {
      if (depth === 0) return tokens[i]
      depth--
    }
  }
  return undefined
}

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  const src = attr(token, 'src')
  const alt = self.renderInlineAsText(token.children ?? [], options, env)
  if (INLINE_IMAGE.test(src)) {
    return `<img src="${md.utils.escapeHtml(src)}" alt="${md.utils.escapeHtml(alt)}">`
  }
  return `<span class="md-image-text">${md.utils.escapeHtml(alt ? i18n.t('catalogue.markdown.pictureOf', { alt }) : i18n.t('catalogue.markdown.picture'))}</span>`
}

// markdown-it refuses data: URLs except a few image types; inline images
// go through the same check for both links and images.
const defaultValidate = md.validateLink.bind(md)
md.validateLink = (url) => defaultValidate(url) || INLINE_IMAGE.test(url)

// READMEs start at <h1>, but on screen they sit under the page's own
// heading; shifting keeps one outline for screen-reader users.
const headingTag = (tag: string, shift: number): string => `h${Math.min(6, Number(tag.slice(1)) + shift)}`
md.renderer.rules.heading_open = (tokens, idx, _options, env) => {
  const shift = (env as { headingShift?: number } | undefined)?.headingShift ?? 0
  return `<${headingTag(tokens[idx].tag, shift)}>`
}
md.renderer.rules.heading_close = (tokens, idx, _options, env) => {
  const shift = (env as { headingShift?: number } | undefined)?.headingShift ?? 0
  return `</${headingTag(tokens[idx].tag, shift)}>\n`
}

/**
 * Markdown to HTML without raw HTML, remote images or in-app links. Pure:
 * runs in Node too. HTML comments (a README's `<!-- metadata -->` markers)
 * are invisible on any forge, so they are dropped rather than shown escaped.
 */
export function markdownToHtml(text: string, options: { headingShift?: number } = {}): string {
  return md.render(text.replace(/<!--[\s\S]*?-->/g, ''), { headingShift: options.headingShift ?? 0 })
}

// The part of DOMPurify this module uses, so tests can pass their own.
export interface Purifier {
  sanitize(html: string, config: Record<string, unknown>): string | TrustedHTMLLike
  addHook(name: 'afterSanitizeAttributes', hook: (node: Node) => void): void
  removeHook?(name: 'afterSanitizeAttributes'): unknown
}
type TrustedHTMLLike = { toString(): string }

export const PURIFY_CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
  FORBID_ATTR: ['style', 'srcset', 'id', 'name'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);)/i,
  ADD_ATTR: ['target']
}

// Runs after DOMPurify's own checks: what survives still must not load or
// navigate anything the rules above would not have produced.
export function purifyHook(node: Node): void {
  if (node.nodeType !== 1) return
  const el = node as Element
  const tag = el.tagName.toLowerCase()
  if (tag === 'img') {
    const src = el.getAttribute('src') ?? ''
    // Without a src it loads nothing; removing the node mid-walk is not safe.
    if (!INLINE_IMAGE.test(src)) el.removeAttribute('src')
  } else if (tag === 'a') {
    const href = el.getAttribute('href') ?? ''
    if (EXTERNAL_LINK.test(href)) {
      el.setAttribute('target', '_blank')
      el.setAttribute('rel', 'noopener noreferrer')
    } else {
      el.removeAttribute('href')
      el.removeAttribute('target')
    }
  }
}

export function sanitizeHtml(html: string, purifier: Purifier): string {
  purifier.addHook('afterSanitizeAttributes', purifyHook)
  try {
    return String(purifier.sanitize(html, PURIFY_CONFIG))
  } finally {
    purifier.removeHook?.('afterSanitizeAttributes')
  }
}
