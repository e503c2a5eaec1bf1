import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch, type Handlers } from '../../src-main/api/dispatch'
import { methods } from '../../src-main/contract/contract'
import { toErrorBody } from '../../src-main/contract/errors'
import { confinedPath } from '../../src-main/core/confine'
import { sizeWords } from '../../src-main/core/limits'
import { createCore } from '../../src-main/core/core'
import { classifyDockerFailure } from '../../src-main/docker/errors'
import { setLanguage } from '../../src-main/i18n/i18n'

// The core's own refusals come out in the language in force, and back in
// English, at every door: the dispatch's validation (contract words and
// zod's generic ones), the core's path guard, Docker's access errors, sizes.
const fake = (h: Partial<Handlers>): Handlers => h as Handlers

afterEach(() => setLanguage('en'))

describe('the core in French', () => {
  it('refuses a request in French, then in English again', async () => {
    const handlers = fake({ 'servers.probeHostKey': async () => ({ algorithm: '', fingerprint: '' }) as never })
    setLanguage('fr')
    const fr = await dispatch(handlers, 'servers.probeHostKey', { hostname: 'exa mple.org', port: 70000 })
    expect(fr).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const frIssues = (fr.ok ? [] : fr.error.data?.issues) as { path: string; message: string }[]
    expect(frIssues.map((i) => i.message)).toEqual([
      'Une adresse ne contient que des lettres, des chiffres, des points, des tirets et des deux-points.',
      'Les ports vont de 1 à 65535.'
    ])
    expect(fr.ok ? '' : fr.error.message).toBe('hostname: Une adresse ne contient que des lettres, des chiffres, des points, des tirets et des deux-points.')
    // zod's own words follow the language too.
    const generic = await dispatch(handlers, 'servers.probeHostKey', { hostname: 5, port: 22 })
    expect(generic.ok ? '' : generic.error.message).toBe('hostname: Entrée invalide : chaîne de caractères attendu, nombre reçu')
    expect(await dispatch(handlers, 'nope', {})).toMatchObject({ error: { message: 'L’application a demandé « nope », qui n’existe pas.' } })

    setLanguage('en')
    const en = await dispatch(handlers, 'servers.probeHostKey', { hostname: 'exa mple.org', port: 70000 })
    expect((en.ok ? [] : (en.error.data?.issues as { message: string }[])).map((i) => i.message)).toEqual([
      'An address has only letters, digits, dots, dashes and colons.',
      'Ports go from 1 to 65535.'
    ])
    const genericEn = await dispatch(handlers, 'servers.probeHostKey', { hostname: 5, port: 22 })
    expect(genericEn.ok ? '' : genericEn.error.message).toBe('hostname: Invalid input: expected string, received number')
  })

  it('words a new app’s domain in French as the page checks it', () => {
    setLanguage('fr')
    const parsed = methods['apps.new'].input.safeParse({ server: 'srv', recipe: 'Nextcloud', domain: 'blog' })
    const messages = parsed.error?.issues.map((i) => i.message)
    expect(messages).toContain('Un nom de recipe ne contient que des lettres minuscules, des chiffres, des points, des tirets et des tirets bas.')
    expect(messages).toContain('Saisissez l’adresse complète, avec un point, comme blog.example.org : « blog » seul n’est pas joignable depuis internet.')
  })

  it('refuses a path outside the app’s folders in French', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-i18n-'))
    try {
      setLanguage('fr')
      expect(() => confinedPath(root, '../../etc/passwd')).toThrow(`L’application n’utilise que des fichiers dans ${root}, et « ../../etc/passwd » mènerait en dehors. Vérifiez le nom et réessayez.`)
      setLanguage('en')
      expect(() => confinedPath(root, '../../etc/passwd')).toThrow(`The app only uses files inside ${root}, and "../../etc/passwd" would lead outside it. Check the name and try again.`)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })

  it('says why Docker is out of reach, and sizes, in French', () => {
    setLanguage('fr')
    expect(classifyDockerFailure('permission denied while trying to connect', 1, 'alice').message).toMatch(/^Le compte « alice » sur le serveur n’a pas le droit d’utiliser Docker\./)
    expect(sizeWords(1.5 * 1024 * 1024)).toBe('1,5 Mo')
    expect(toErrorBody(Object.assign(new Error('write'), { code: 'ENOSPC', path: '/home/a/b.env' })).message).toBe(
      'Le disque de votre ordinateur est plein : le fichier b.env n’a pas pu être enregistré. Libérez de la place, puis réessayez.'
    )
    setLanguage('en')
    expect(classifyDockerFailure('permission denied while trying to connect', 1, 'alice').message).toMatch(/^The account "alice" on the server isn't allowed to use Docker\./)
    expect(sizeWords(1.5 * 1024 * 1024)).toBe('1.5 MB')
  })
})

describe('a person choosing French in Settings', () => {
  it('gets the servers’ refusals in French through the same door, then English again', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-i18n-core-'))
    const keychain = { get: async () => undefined, set: async () => undefined, delete: async () => undefined }
    const core = createCore({ transport: 'cli', home, env: { HOME: home, LANG: 'C.UTF-8' }, keychain, systemLanguage: 'en' })
    try {
      expect(await dispatch(core.handlers, 'settings.set', { language: 'fr' })).toMatchObject({ ok: true, value: { effectiveLanguage: 'fr' } })
      expect(await dispatch(core.handlers, 'servers.remove', { name: 'nowhere.example' })).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: 'Il n’y a pas de serveur nommé « nowhere.example » dans votre liste. Il a peut-être été retiré.' }
      })
      expect(await dispatch(core.handlers, 'servers.remove', { name: '../etc' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request', message: 'name: Utilisez seulement des lettres, des chiffres, des points, des tirets et des tirets bas.' }
      })
      expect(await dispatch(core.handlers, 'jobs.cancel', { jobId: 'gone' })).toMatchObject({
        error: { message: 'Cette tâche est inconnue. Elle s’est peut-être terminée avant le redémarrage de l’application.' }
      })
      // Back to the computer's language.
      expect(await dispatch(core.handlers, 'settings.set', { language: 'system' })).toMatchObject({ ok: true, value: { effectiveLanguage: 'en' } })
      expect(await dispatch(core.handlers, 'servers.remove', { name: 'nowhere.example' })).toMatchObject({
        error: { message: 'There is no server called "nowhere.example" in your list. It may have been removed.' }
      })
      expect(await dispatch(core.handlers, 'servers.remove', { name: '../etc' })).toMatchObject({ error: { message: 'name: Use only letters, digits, dots, dashes and underscores.' } })
    } finally {
      await core.close()
      fs.rmSync(home, { recursive: true, force: true })
    }
  })
})
