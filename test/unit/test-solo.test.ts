// Integration files run two at a time unless test/solo.ts lists them; this
// keeps a file that touches something every test shares out of the pairs.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HAZARDS, INTEGRATION_SOLO, SOLO_EXCEPTIONS } from '../solo'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const integrationFiles = (): string[] =>
  fs
    .readdirSync(path.join(ROOT, 'test/integration'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/integration/${f}`)
    .sort()

describe('integration files that must run alone', () => {
  it('lists only files that exist', () => {
    const all = new Set(integrationFiles())
    expect(INTEGRATION_SOLO.filter((f) => !all.has(f))).toEqual([])
    expect(Object.keys(SOLO_EXCEPTIONS).filter((f) => !all.has(f))).toEqual([])
  })

  it('lists every file that shows a sign of touching something shared', () => {
    const solo = new Set(INTEGRATION_SOLO)
    const unlisted = integrationFiles()
      .filter((f) => !solo.has(f))
      .flatMap((f) => {
        const text = fs.readFileSync(path.join(ROOT, f), 'utf8')
        return HAZARDS.filter((h) => h.sign.test(text) && SOLO_EXCEPTIONS[f] !== h.what).map((h) => `${f}: ${h.what}`)
      })
    expect(unlisted).toEqual([])
  })

  it('the signs find what they are for', () => {
    const finds = (text: string): string[] => HAZARDS.filter((h) => h.sign.test(text)).map((h) => h.what)
    expect(finds('await restartEngine2(rig)')).toEqual(['engine 2'])
    expect(finds('dockerLocal(rig.docker2.socket)')).toEqual(['engine 2'])
    expect(finds('await rotateSshdHostKeys(rig)')).toEqual(["the rig's sshd"])
    expect(finds('User ${rig.sshd.users.noKey}')).toEqual(["the rig's shared users"])
    expect(finds("run('iptables', ['-I', 'FORWARD'])")).toEqual(["the host's firewall"])
    expect(finds('n.sh(`iptables -I OUTPUT -d x -j DROP`)')).toEqual([])
    expect(finds('(await docker.listSecrets()).length')).toEqual(['a count of every object on an engine'])
    expect(finds('(await docker.listSecrets()).filter((s) => mine(s)).length')).toEqual([])
    expect(finds('User ${rig.sshd.users.docker}')).toEqual([])
  })
})
