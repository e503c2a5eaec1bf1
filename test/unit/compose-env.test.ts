import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src-main/compose/diagnostics'
import { appEnvironment, parseAbraSh, parseEnvFile, stackNameFor } from '../../src-main/compose/env'

const parse = (text: string): { vars: Record<string, string>; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = []
  const vars = parseEnvFile(text, 'app.env', diagnostics)
  return { vars, diagnostics }
}

describe('parseEnvFile: abra (godotenv) format', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['A = 1 ', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['  export   A=1', { A: '1' }],
    ['exportA=1', { exportA: '1' }],
    ['A: 1', { A: '1' }],
    ['A=', { A: '' }],
    ['A=""', { A: '' }],
    ["A=''", { A: '' }],
    ['# comment\n\nA=1\n   # indented comment\nB=2', { A: '1', B: '2' }],
    ['A=1 # inline comment', { A: '1' }],
    ['A=1#not a comment', { A: '1#not a comment' }],
    ['A=a # b # c', { A: 'a # b' }],
    ['A="quoted # not a comment"', { A: 'quoted # not a comment' }],
    ['A="x" # comment after quotes', { A: 'x' }],
    ["A='single $B \\n'", { A: 'single $B \\n' }],
    ['A="line\\nbreak"', { A: 'line\nbreak' }],
    ['A="say \\"hi\\" now"', { A: 'say "hi" now' }],
    // godotenv trims every quote character at the ends, escaped or not
    ['A="say \\"hi\\""', { A: 'say "hi\\' }],
    ['A="multi\nline"', { A: 'multi\nline' }],
    ['A=1\nA=2', { A: '2' }],
    ['A=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['A=a=b=c', { A: 'a=b=c' }],
    ['EXTRA_DOMAINS=\', `www.example.com`\'', { EXTRA_DOMAINS: ', `www.example.com`' }],
    ['my.key-1=v', { 'my.key-1': 'v' }]
  ])('%j', (text, expected) => {
    const r = parse(text)
    expect(r.diagnostics).toEqual([])
    expect(r.vars).toEqual(expected)
  })

  it.each([
    ['A=x\nB=$A', 'x'],
    ['A=x\nB=${A}', 'x'],
    ['A=x\nB="$A:y"', 'x:y'],
    ["A=x\nB='$A'", '$A'],
    ['B=$MISSING', ''],
    ['A=x\nB="\\$A"', '$A'],
    ['a=x\nB=$a', '$a'],
    ['A=x\nB=${A:-d}', 'x:-d}'],
    ['B=$A\nA=x', '']
  ])('expands %j', (text, b) => {
    expect(parse(text).vars.B).toBe(b)
  })

  it('accumulates COMPOSE_FILE', () => {
    const r = parse('COMPOSE_FILE="compose.yml"\nCOMPOSE_FILE="$COMPOSE_FILE:compose.postgres.yml"\n#COMPOSE_FILE="$COMPOSE_FILE:compose.x.yml"\nCOMPOSE_FILE=$COMPOSE_FILE:compose.mail.yml')
    expect(r.vars.COMPOSE_FILE).toBe('compose.yml:compose.postgres.yml:compose.mail.yml')
  })

  it.each([
    ['A=1\nB C\n', 2, /unexpected/],
    ['A=1\nBAD LINE', 2, /no "="/],
    ['A="never closed\nB=1', 1, /never closed/],
    ['=1', 1, /no variable name/],
    ['A-B!=1', 1, /unexpected "!"/]
  ])('%j is an error with the line', (text, line, message) => {
    const r = parse(text)
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', file: 'app.env', line })
    expect(r.diagnostics[0].message).toMatch(message)
    expect(r.diagnostics[0].message).toMatch(new RegExp(`^app\\.env line ${line}: `))
  })
})

describe('parseAbraSh', () => {
  it('reads export lines only', () => {
    const d: Diagnostic[] = []
    const r = parseAbraSh('#!/bin/sh\nexport APP_ENTRYPOINT_VERSION=v4\n  export PG="v6"\nFOO=bar\nexport X\nfunction x() { echo; }\n', d)
    expect(r).toEqual({ APP_ENTRYPOINT_VERSION: 'v4', PG: 'v6' })
    expect(d).toEqual([])
  })
  it('warns about export lines it cannot read', () => {
    const d: Diagnostic[] = []
    parseAbraSh('export $(cat x)\n', d)
    expect(d[0]).toMatchObject({ severity: 'warning', file: 'abra.sh', line: 1 })
  })
})

describe('STACK_NAME', () => {
  it('dots become underscores', () => {
    expect(stackNameFor('bonfire.example.com')).toBe('bonfire_example_com')
  })
  it('is cut to 45 characters as abra does', () => {
    const long = 'a-very-long-subdomain-name.for-an-app.example.coop.cloud'
    expect(stackNameFor(long)).toBe(long.replaceAll('.', '_').slice(0, 45))
    expect(stackNameFor(long)).toHaveLength(45)
  })
})

describe('appEnvironment', () => {
  it('env file wins over abra.sh; STACK_NAME from the domain', () => {
    const r = appEnvironment({
      envText: 'DOMAIN=app.example.com\nAPP_ENTRYPOINT_VERSION=v9\n',
      abraShText: 'export APP_ENTRYPOINT_VERSION=v4\nexport PG_BACKUP_VERSION=v6\n',
      domain: 'app.example.com'
    })
    expect(r.diagnostics).toEqual([])
    expect(r.env).toEqual({ DOMAIN: 'app.example.com', APP_ENTRYPOINT_VERSION: 'v9', PG_BACKUP_VERSION: 'v6', STACK_NAME: 'app_example_com' })
    expect(r.stackName).toBe('app_example_com')
    expect(r.composeFiles).toEqual(['compose.yml'])
  })

  it('takes the app name from the env file name, then DOMAIN', () => {
    expect(appEnvironment({ envText: 'DOMAIN=x.y', envFile: '/home/u/.abra/servers/s/my.app.org.env' }).stackName).toBe('my_app_org')
    expect(appEnvironment({ envText: 'DOMAIN=x.y' }).stackName).toBe('x_y')
  })

  it('an explicit stack name wins, then STACK_NAME in the env file', () => {
    expect(appEnvironment({ envText: 'STACK_NAME=custom', domain: 'a.b' }).stackName).toBe('custom')
    const r = appEnvironment({ envText: 'STACK_NAME=custom', domain: 'a.b', stackName: 'forced' })
    expect(r.stackName).toBe('forced')
    expect(r.env.STACK_NAME).toBe('forced')
  })

  it('splits COMPOSE_FILE on colons', () => {
    const r = appEnvironment({ envText: 'COMPOSE_FILE="compose.yml"\nCOMPOSE_FILE="$COMPOSE_FILE:compose.postgres.yml:postgres/compose.tune.yml"', domain: 'a.b' })
    expect(r.composeFiles).toEqual(['compose.yml', 'compose.postgres.yml', 'postgres/compose.tune.yml'])
  })

  it('warns about empty COMPOSE_FILE entries', () => {
    const r = appEnvironment({ envText: 'COMPOSE_FILE=compose.yml::compose.x.yml', domain: 'a.b' })
    expect(r.composeFiles).toEqual(['compose.yml', 'compose.x.yml'])
    expect(r.diagnostics[0].severity).toBe('warning')
  })

  it('errors without any way to name the stack', () => {
    const r = appEnvironment({ envText: 'A=1' })
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'STACK_NAME' })
  })
})
