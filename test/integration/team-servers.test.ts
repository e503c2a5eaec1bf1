import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { bareTeamRepo, GIT_ENV, memoryKeychain, type TeamRepo } from '../support/team-git'
import { call } from './support'

// Issue 14: the servers chosen when sharing are carried to a teammate who
// joins. The share commit names them in a trailer below its sentence (the
// files stay abra's byte for byte); joining reads it, so the joiner shares
// the same servers and a server of their own stays on their computer.

const X = 'x.example.org'
const Y = 'y.example.org'

let root: string
let gitServer: TeamRepo
let a: Core
let b: Core
let homeA: string
let homeB: string
const serversOf = (home: string): string => path.join(home, '.abra', 'servers')
const write = (home: string, file: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(serversOf(home), file)), { recursive: true })
  fs.writeFileSync(path.join(serversOf(home), file), text)
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-team-servers-'))
  gitServer = await bareTeamRepo(root)
  homeA = fs.mkdtempSync(path.join(root, 'home-a-'))
  homeB = fs.mkdtempSync(path.join(root, 'home-b-'))
  write(homeA, `${X}/blog.${X}.env`, 'TYPE=ccd-web:v1.0.0\nDOMAIN=blog.x.example.org\n')
  write(homeA, `${Y}/wiki.${Y}.env`, 'TYPE=ccd-web:v1.0.0\nDOMAIN=wiki.y.example.org\n')
  a = createCore({ transport: 'cli', home: homeA, env: { HOME: homeA }, keychain: memoryKeychain() })
  b = createCore({ transport: 'cli', home: homeB, env: { HOME: homeB }, keychain: memoryKeychain() })
})

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  await gitServer?.close()
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

describe('servers chosen when sharing', () => {
  it('are carried to a teammate who joins, and a server of the joiner’s own stays on their computer', async () => {
    const shared = await call(a, 'team.connect', { remote: `${gitServer.url}/team.git`, name: 'Alice', servers: [X] })
    expect(shared.servers).toEqual([X])
    const joined = await call(b, 'team.join', { remote: `${gitServer.url}/team.git`, name: 'Bob' })
    expect(joined.servers).toEqual([X])
    expect(fs.readdirSync(serversOf(homeB)).filter((n) => n !== '.git')).toEqual([X])

    // Bob adds a server of his own by hand (as abra would): it is not shared.
    write(homeB, 'z.example.org/chat.z.example.org.env', 'TYPE=ccd-web:v1.0.0\n')
    fs.appendFileSync(path.join(serversOf(homeB), `${X}/blog.${X}.env`), 'MOTD="from Bob"\n')
    const synced = await call(b, 'team.sync', {})
    expect(synced.unshared).toBe(0)
    const clone = path.join(root, 'plain-clone')
    // Async: the git server runs in this process, and a blocking clone would stall it.
    await promisify(execFile)('git', ['clone', '--quiet', `${gitServer.url}/team.git`, clone], { env: GIT_ENV })
    expect(fs.readdirSync(clone).filter((n) => n !== '.git')).toEqual([X])
    expect(fs.readFileSync(path.join(clone, `${X}/blog.${X}.env`), 'utf8')).toContain('MOTD="from Bob"\n')
    // The first commit's subject is unchanged for abra users reading the log; the choice is below it.
    const log = await git.log({ fs, dir: clone })
    expect(log[log.length - 1].commit.message).toBe(`Shared the app settings\n\nShared-servers: ${X}\n`)
  })
})
