import type { RecipeFeatures } from './format'

// Reads a recipe README's metadata block the way abra's
// GetRecipeFeaturesAndCategory does: the lines between `<!-- metadata -->` and
// `<!-- endmetadata -->`, each like `* **Backups**: Yes`.

export interface ReadmeMetadata {
  category: string
  features: RecipeFeatures
  // The first paragraph of prose, links flattened: the README stands in for
  // the description abra takes from the forge's repository settings.
  description: string
  warnings: string[]
}

function between(text: string, start: string, end: string): string | undefined {
  const i = text.indexOf(start)
  if (i < 0) return undefined
  const j = text.indexOf(end, i + start.length)
  return j < 0 ? undefined : text.slice(i + start.length, j)
}

export function readmeMetadata(name: string, readme: string): ReadmeMetadata {
  const meta: ReadmeMetadata = {
    category: '',
    features: { backups: '', email: '', healthcheck: '', tests: '', sso: '', status: 0, image: { image: '', rating: '', source: '', url: '' } },
    description: firstParagraph(readme),
    warnings: []
  }
  const block = between(readme, '<!-- metadata -->', '<!-- endmetadata -->')
  if (block === undefined) {
    meta.warnings.push(`${name}: the README has no <!-- metadata --> block, so its category and features are unknown.`)
    return meta
  }
  for (const line of block.split('\n')) {
    const m = /^\s*[*-]\s*\*\*([^*]+)\*\*:?\s*(.*)$/.exec(line)
    if (!m) continue
    const key = m[1].trim().replace(/:$/, '').toLowerCase()
    const value = m[2].trim()
    const f = meta.features
    if (key === 'category') meta.category = value
    // abra keeps only the number before the comma ("1, alpha" → 1); "?" is 0.
    else if (key === 'status') f.status = Number.parseInt(value.split(',')[0].trim(), 10) || 0
    else if (key === 'backups') f.backups = value
    else if (key === 'email') f.email = value
    else if (key === 'healthcheck') f.healthcheck = value
    else if (key === 'tests') f.tests = value
    else if (key === 'sso') f.sso = value
    else if (key === 'image') {
      const image = imageMetadata(value)
      if (image) f.image = image
      else meta.warnings.push(`${name}: the README's Image line should read "[\`image\`](url), rating, source", not "${value}".`)
    }
  }
  return meta
}

// "[`bonfirenetworks/bonfire`](https://hub.docker.com/…), 4, upstream"
function imageMetadata(value: string): ReadmeMetadata['features']['image'] | undefined {
  const fields = value.split(',').map((s) => s.trim())
  if (fields.length < 3) return undefined
  const link = /\[([^\]]*)\]\(([^)]*)\)/.exec(fields[0])
  return {
    image: (link ? link[1] : fields[0]).replaceAll('`', ''),
    url: link ? link[2] : '',
    rating: fields[1],
    source: fields[2]
  }
}

function firstParagraph(readme: string): string {
  const withoutMeta = readme.replace(/<!--[\s\S]*?-->/g, '')
  for (const para of withoutMeta.split(/\n\s*\n/)) {
    // Many recipes give their one-line description as a quote ("> Federated social networking").
    const t = para.trim().replace(/^>[ \t]?/gm, '').trim()
    if (t === '' || /^https?:\/\/\S+$/.test(t) || /^(#|\*|-|\||>|```|\[[^\]]+\]:|!\[|\[!\[|\d+\.)/.test(t)) continue
    return t
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*_]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  }
  return ''
}
