// Recipe commands (abra app cmd): the functions abra.sh lists, and the shell
// line that runs one, with arguments taken literally by sh and bash.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandLine, envList, INNER_SCRIPT, parseAbraSh } from '../../src-main/apps/recipe-commands'
import { ABRA_SH_V1, ABRA_SH_V2, hostileArgs } from '../support/command-recipe'

describe('parseAbraSh', () => {
  it('lists the functions in order, each with the comment just above it', () => {
    expect(parseAbraSh(ABRA_SH_V1)).toEqual([
      { name: 'greet', description: 'Says hello to each name it is given, one line each.' },
      { name: 'show_env', description: "Prints settings from the app's env file." },
      { name: 'fail_with', description: 'Fails on purpose with the code given (3 by default).' },
      { name: 'slow' },
      { name: '_helper' }
    ])
    expect(parseAbraSh(ABRA_SH_V2).map((c) => c.name)).toContain('newer_only')
  })

  it('ignores the shebang, nested functions, calls and a comment separated by a blank line', () => {
    const text = '#!/bin/sh\nfirst () {\n  inner() { :; }\n  inner\n}\n# far away\n\nsecond(){ :; }\nfunction third() {\n:\n}\necho "x() {"\nfirst\n'
    expect(parseAbraSh(text)).toEqual([{ name: 'first' }, { name: 'second' }, { name: 'third' }])
  })
})

function shells(): string[] {
  return ['sh', 'bash'].filter((s) => spawnSync(s, ['-c', 'true']).status === 0)
}

describe('the command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cmd-'))
  const marker = path.join(dir, 'pwned')

  it.each(shells())('passes hostile arguments literally under %s, reads the env, and removes abra.sh', (shell) => {
    const file = path.join(dir, `abra-${shell}.sh`)
    fs.writeFileSync(file, ABRA_SH_V1)
    const args = hostileArgs(marker)
    const out = execFileSync(shell, ['-c', INNER_SCRIPT, 'abra.sh', file, 'greet', ...args], { encoding: 'utf8', cwd: dir })
    expect(out).toBe(`${args.map((a) => `hello [${a}]`).join('\n')}\ncount=${args.length}\n`)
    expect(fs.existsSync(marker)).toBe(false)
    expect(fs.existsSync(file)).toBe(false)

    fs.writeFileSync(file, ABRA_SH_V1)
    const env = execFileSync(shell, ['-c', INNER_SCRIPT, 'abra.sh', file, 'show_env'], { encoding: 'utf8', env: { PATH: process.env.PATH, DOMAIN: 'a.example.org', GREETING: 'bonjour $(x)' } })
    expect(env).toBe('domain=a.example.org\ngreeting=bonjour $(x)\n')

    fs.writeFileSync(file, ABRA_SH_V1)
    const failed = spawnSync(shell, ['-c', INNER_SCRIPT, 'abra.sh', file, 'fail_with', '7'], { encoding: 'utf8' })
    expect(failed.status).toBe(7)
    expect(failed.stderr).toBe('about to fail\n')
    expect(fs.existsSync(file)).toBe(false)
  })

  it('runs the whole docker exec line through sh, bash when there is one', () => {
    const file = path.join(dir, 'abra-outer.sh')
    fs.writeFileSync(file, 'which_shell() { if [ -n "$BASH_VERSION" ]; then echo bash; else echo sh; fi; }\n')
    const [cmd, ...rest] = commandLine(file, 'which_shell', [])
    const hasBash = spawnSync('bash', ['-c', 'true']).status === 0
    expect(execFileSync(cmd, rest, { encoding: 'utf8' }).trim()).toBe(hasBash ? 'bash' : 'sh')
    expect(fs.existsSync(file)).toBe(false)
  })

  it('gives the settings as KEY=value, values untouched', () => {
    expect(envList({ DOMAIN: 'x.org', A: 'b=c $d' })).toEqual(['DOMAIN=x.org', 'A=b=c $d'])
  })
})
