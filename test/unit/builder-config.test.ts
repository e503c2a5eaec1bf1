import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import yaml from 'js-yaml'
import { describe, expect, it } from 'vitest'

// Packaging needs Electron's program and hours we don't have in tests, so
// check the config against the schema electron-builder itself validates with.
const root = path.resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const schemaFile = path.join(path.dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json')

describe('build/electron-builder.yml', () => {
  const config = yaml.load(fs.readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown>

  it('matches electron-builder’s schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')))
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('packages the build output under our name', () => {
    expect(config.appId).toBe('org.coopcloud.desktop')
    expect(config.productName).toBe('Co-op Cloud Desktop')
    expect(config.files).toEqual(['out/**', 'package.json'])
    expect(fs.existsSync(path.join(root, config.icon as string))).toBe(true)
  })
})
