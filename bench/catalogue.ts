import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { catalogueFrom } from '../src-main/catalogue/format'
import { generateCatalogue } from '../src-main/catalogue/generate'
import { buildIndex, searchIndex } from '../src-main/catalogue/search'

// Catalogue search latency per keystroke over a 300-recipe catalogue, itself
// made by `catalogue generate` from 300 recipe folders written here (names,
// categories and descriptions varied so matches are spread out).

const RECIPES = 300
const ROUNDS = Number(process.env.BENCH_CATALOGUE_ROUNDS ?? 200)
const words = ['wiki', 'chat', 'files', 'calendar', 'forum', 'mail', 'video', 'notes', 'photos', 'maps', 'music', 'tasks', 'docs', 'shop', 'blog']
const categories = ['Apps', 'Utilities', 'Development', 'Collaboration', 'Communication', 'Media']

function writeRecipes(dir: string): void {
  for (let i = 0; i < RECIPES; i++) {
    const name = `${words[i % words.length]}-${i}`
    const features = (k: number) => (i % k === 0 ? 'Yes' : 'No')
    const readme = `# ${name}\n\nA recipe for ${words[(i * 7) % words.length]} and ${words[(i * 3) % words.length]}, number ${i}, café-friendly.\n\n<!-- metadata -->\n* **Category**: ${categories[i % categories.length]}\n* **Status**: ${i % 6}\n* **Image**: [\`org/${name}\`](https://hub.docker.com/r/org/${name}), 2, upstream\n* **Healthcheck**: ${features(2)}\n* **Backups**: ${features(3)}\n* **Email**: ${features(4)}\n* **Tests**: ${features(5)}\n* **SSO**: ${features(6)}\n<!-- endmetadata -->\n`
    fs.mkdirSync(path.join(dir, name, 'main'), { recursive: true })
    fs.writeFileSync(path.join(dir, name, 'main', 'README.md'), readme)
    for (const v of ['1.0.0+1.0', '1.1.0+1.1', '2.0.0+2.0']) {
      fs.mkdirSync(path.join(dir, name, v))
      fs.writeFileSync(path.join(dir, name, v, 'compose.yml'), `services:\n  app:\n    image: org/${name}:\${APP_VERSION:-${v.split('+')[1]}}\n  db:\n    image: postgres:16\n`)
    }
  }
}

const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-bench-catalogue-'))
  try {
    writeRecipes(dir)
    const t0 = performance.now()
    const { catalogue } = await generateCatalogue({ recipesDir: dir })
    const generated = performance.now() - t0
    const { recipes } = catalogueFrom(JSON.parse(JSON.stringify(catalogue)))
    const t1 = performance.now()
    const index = buildIndex(recipes)
    const indexed = performance.now() - t1

    // Each prefix of each query is one keystroke.
    const queries = ['calendar', 'cafe', 'utilities', 'notes 42', 'zzz']
    const keystrokes = queries.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)))
    const times: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      for (const text of keystrokes) {
        const t = performance.now()
        searchIndex(index, { text, features: r % 2 ? { backups: true } : undefined })
        times.push(performance.now() - t)
      }
    }
    console.log(`Catalogue (${recipes.length} recipes, generated in ${generated.toFixed(0)} ms, indexed in ${indexed.toFixed(2)} ms)`)
    console.log(
      `  search per keystroke: median ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms (${times.length} keystrokes)`
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
