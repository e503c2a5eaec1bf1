import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import i18next from 'eslint-plugin-i18next'
import { builtinRules } from 'eslint/use-at-your-own-risk'

const restrictedImports = builtinRules.get('no-restricted-imports')
// no-restricted-imports sees only import/export statements; import() and
// require() are checked by selectors (esquery: \x2F stands for "/", which a
// selector's regex can't hold).
const restrictedSyntax = builtinRules.get('no-restricted-syntax')
const ELECTRON_SOURCE = '/^electron(\\x2F|$)/'

// Feature layering in src-main (issue 9): each folder may import only the
// folders listed for it, all below it, so no two features import each other
// (backups/ builds on apps/, never the reverse; ssh, docker and compose never
// reach up into servers, apps or backups). core/core.ts is the composition
// root: it alone joins the features, and no feature imports it. Adding a
// folder to a list is a design decision: check it doesn't close a cycle.
const featureImports = {
  contract: [],
  // The core's messages in each language (used by every feature).
  i18n: ['contract'],
  keychain: ['i18n'],
  api: ['contract', 'i18n'],
  ssh: ['contract', 'i18n'],
  docker: ['contract', 'i18n', 'ssh'],
  core: ['api', 'contract', 'i18n'],
  recipes: ['contract', 'core', 'i18n'],
  servers: ['api', 'contract', 'core', 'docker', 'i18n', 'keychain', 'ssh'],
  compose: ['api', 'contract', 'core', 'docker', 'i18n', 'servers'],
  catalogue: ['api', 'compose', 'contract', 'core', 'i18n', 'recipes'],
  // nodes: the swarm's placement rules (pure), read for where an app's data lives (apps/volume-locality.ts).
  apps: ['api', 'compose', 'contract', 'core', 'docker', 'i18n', 'keychain', 'nodes', 'recipes', 'servers'],
  backups: ['api', 'apps', 'compose', 'contract', 'core', 'docker', 'i18n', 'servers'],
  // Files in an app's volumes (app cp): reaches them as backups do (a running container or the helper).
  files: ['api', 'apps', 'backups', 'contract', 'core', 'docker', 'i18n'],
  // The machines of a server's swarm (nodes/service.ts): Docker's answers, handed the server's engine by core.ts.
  nodes: ['api', 'contract', 'core', 'i18n'],
  // Sharing ~/.abra/servers with a team through git (team/service.ts): core.ts wraps the apps' changes with its hooks.
  team: ['api', 'contract', 'core', 'i18n', 'keychain'],
  browser: ['api', 'contract', 'core', 'i18n'],
  // Watches servers and apps from what core.ts hands it (monitoring/service.ts).
  monitoring: ['api', 'contract', 'core', 'i18n', 'ssh'],
  cli: ['api', 'apps', 'browser', 'catalogue', 'contract', 'core', 'i18n'],
  electron: ['api', 'browser', 'contract', 'core', 'i18n']
}

function featureLayerBlock(feature, allowed) {
  const others = Object.keys(featureImports).filter((f) => f !== feature && !allowed.includes(f))
  const message = `${feature}/ may import only ${allowed.length ? allowed.join(', ') : 'nothing else in src-main'}: the features form layers (featureImports in eslint.config.mjs), so none imports one above it.`
  const rootMessage = 'Only the doors (browser, cli, electron) use core/core.ts; a feature gets what it needs handed in by it.'
  const doors = ['browser', 'cli', 'electron']
  // Files one and two folders deep (compose/schema/…) reach other features through ../ and ../../.
  const patterns = (up) => [
    ...(others.length ? [{ regex: `^${up}(${others.join('|')})(/|$)`, message }] : []),
    ...(doors.includes(feature) ? [] : [{ regex: `^${up}core/core$`, message: rootMessage }])
  ]
  return [
    {
      files: [`src-main/${feature}/*.ts`],
      ignores: ['src-main/core/core.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns('\\.\\./') }] }
    },
    {
      files: [`src-main/${feature}/*/**/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns('\\.\\./\\.\\./') }] }
    }
  ]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.rig/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules
  },
  // Every word the page shows goes through react-i18next (src-renderer/src/i18n),
  // so the app can speak more than one language: literal text in JSX, and in
  // the attributes people read or hear (title, alt, placeholder, aria-*…,
  // and our components' label/title/text props), fails the lint.
  {
    files: ['src-renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['title', 'alt', 'placeholder', 'label', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', '.*[Ll]abel', '.*[Tt]itle', '.*[Tt]ext', 'hint', 'help', 'message', 'description', 'heading', 'summary'],
            exclude: []
          },
          message: 'Text people read goes through t() (react-i18next) with its key in src-renderer/src/i18n/en and fr.'
        }
      ]
    }
  },
  // Layering: electron stays in the shell, and the page reaches the main
  // process only through the contract (test/unit/lint-layering.test.ts).
  // Each layer rule is its own copy of no-restricted-imports, so a block that
  // configures no-restricted-imports for the same files (flat config keeps
  // only the last options of a rule) cannot switch these off.
  {
    plugins: {
      layers: {
        rules: {
          'electron-only-in-shell': restrictedImports,
          'electron-only-in-shell-dynamic': restrictedSyntax,
          'page-imports-contract-only': restrictedImports,
          'page-imports-contract-only-dynamic': restrictedSyntax,
          'contract-stands-alone': restrictedImports
        }
      }
    }
  },
  {
    // The core runs without Electron (CLI, browser mode and tests load it in
    // plain Node), and the page talks to it only through the preload's bridge.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['src-main/electron/**'],
    rules: {
      'layers/electron-only-in-shell': [
        'error',
        { patterns: [{ regex: '^electron(/|$)', message: 'Only src-main/electron/ may import electron; the rest of the app runs without it.' }] }
      ],
      'layers/electron-only-in-shell-dynamic': [
        'error',
        ...[`ImportExpression[source.value=${ELECTRON_SOURCE}]`, `CallExpression[callee.name="require"][arguments.0.value=${ELECTRON_SOURCE}]`].map((selector) => ({
          selector,
          message: 'Only src-main/electron/ may import electron; the rest of the app runs without it.'
        }))
      ]
    }
  },
  {
    // The page is bundled for the browser: from src-main it may take the
    // contract (schemas and types) and nothing else.
    files: ['src-renderer/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'layers/page-imports-contract-only': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-main(/(?!contract(/|$))|/?$)',
              message: 'The page imports only src-main/contract/; move what it needs there (if it runs without Node) or ask for it through the API.'
            },
            { regex: '(^|/)src-main/contract/(.*/)?\\.\\.(/|$)', message: 'The page imports only src-main/contract/, without stepping out of it.' }
          ]
        }
      ],
      'layers/page-imports-contract-only-dynamic': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\x2F)src-main(\\x2F(?!contract(\\x2F|$))|\\x2F?$)/]',
          message: 'The page imports only src-main/contract/; move what it needs there (if it runs without Node) or ask for it through the API.'
        },
        {
          selector: 'ImportExpression[source.value=/(^|\\x2F)src-main\\x2Fcontract\\x2F(.*\\x2F)?\\.\\.(\\x2F|$)/]',
          message: 'The page imports only src-main/contract/, without stepping out of it.'
        },
        {
          selector: 'ImportExpression[source.type!="Literal"]',
          message: 'The page imports modules by a written name only, so what it pulls in can be checked.'
        }
      ]
    }
  },
  {
    // What the page imports from the contract must not pull the core in behind it.
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'layers/contract-stands-alone': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\.(/|$)', message: 'The contract imports nothing from the rest of src-main: the page bundles it.' },
            { regex: '^node:', message: 'The contract runs in the page too, where there is no Node.' }
          ]
        }
      ]
    }
  },
  // Feature layering (see featureImports above): its own rule, so the blocks above keep theirs.
  ...Object.entries(featureImports).flatMap(([feature, allowed]) => featureLayerBlock(feature, allowed))
)
