// Release notes come from a recipe's repository and go to the screen, every
// version's at once: a huge file is cut, with a note saying so (issue 9,
// defect 8).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import git from 'isomorphic-git'
import { describe, expect, it } from 'vitest'
import { RELEASE_NOTES_LIMIT, releaseNotes } from '../../src-main/apps/recipes-service'

async function recipeRepo(notes: Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-notes-'))
  await git.init({ fs, dir, defaultBranch: 'main' })
  fs.writeFileSync(path.join(dir, 'compose.yml'), 'version: "3.8"\n')
  await git.add({ fs, dir, filepath: 'compose.yml' })
  fs.mkdirSync(path.join(dir, 'release'))
  for (const [version, text] of Object.entries(notes)) {
    fs.writeFileSync(path.join(dir, 'release', version), text)
    await git.add({ fs, dir, filepath: `release/${version}` })
  }
  await git.commit({ fs, dir, message: 'notes', author: { name: 'test', email: 'test@example.org' } })
  for (const version of Object.keys(notes)) await git.tag({ fs, dir, ref: version })
  return dir
}

describe('release notes', () => {
  it('are shown whole when they are of a normal size', async () => {
    const dir = await recipeRepo({ '1.0.0+1.2': 'Fixes the login page.\n' })
    expect(await releaseNotes(dir, '1.0.0+1.2')).toBe('Fixes the login page.\n')
  })

  it('are cut past the limit, with a note saying so', async () => {
    const line = 'A very long changelog line.\n'
    const dir = await recipeRepo({ '2.0.0+1.3': line.repeat(20_000) })
    const notes = (await releaseNotes(dir, '2.0.0+1.3'))!
    expect(notes.startsWith(line.repeat(100))).toBe(true)
    expect(notes.length).toBeLessThan(RELEASE_NOTES_LIMIT + 200)
    expect(notes.endsWith("… (these notes are longer than 64 kB; the rest is not shown here. Read them in the recipe's repository.)")).toBe(true)
  })
})
