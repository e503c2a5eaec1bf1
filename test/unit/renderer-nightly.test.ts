import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nightlyMethods } from '../../src-main/contract/nightly'
import { en } from '../../src-renderer/src/i18n/en'
import { fr } from '../../src-renderer/src/i18n/fr'
import {
  checkNightlyForm,
  emptyNightlyForm,
  hasErrors,
  hostKeyLine,
  localToUtc,
  nightlySetupInput,
  openSshCipher,
  recoveryKitFileName,
  recoveryKitText,
  utcToLocal,
  type NightlyForm
} from '../../src-renderer/src/screens/nightly/nightlyText'

// The nightly backups window's pure rules: the person's clock against the
// bot's UTC schedule (across midnight, time zones and summer time), the
// set-up form's checks (nothing they let through is refused by the
// contract, and each says which field to fix), and the recovery kit's text.
const t = (key: string, values?: Record<string, unknown>): string => (values ? `${key} ${JSON.stringify(values)}` : key)
const at = (iso: string): number => Date.parse(iso)

describe('the time of night, on the person’s clock and in UTC', () => {
  it('converts Paris time in winter and in summer', () => {
    const winter = { now: at('2026-12-07T12:00:00Z'), timeZone: 'Europe/Paris' }
    const summer = { now: at('2026-07-07T12:00:00Z'), timeZone: 'Europe/Paris' }
    expect(localToUtc('03:30', winter)).toBe('02:30')
    expect(localToUtc('03:30', summer)).toBe('01:30')
    expect(utcToLocal('02:30', winter)).toBe('03:30')
    expect(utcToLocal('01:30', summer)).toBe('03:30')
  })

  it('crosses midnight both ways', () => {
    // 00:30 in Paris is 23:30 UTC the day before; 23:00 in New York is 04:00 UTC the next day.
    expect(localToUtc('00:30', { now: at('2026-12-07T12:00:00Z'), timeZone: 'Europe/Paris' })).toBe('23:30')
    expect(utcToLocal('23:30', { now: at('2026-12-07T12:00:00Z'), timeZone: 'Europe/Paris' })).toBe('00:30')
    expect(localToUtc('23:00', { now: at('2026-12-07T12:00:00Z'), timeZone: 'America/New_York' })).toBe('04:00')
    expect(utcToLocal('04:00', { now: at('2026-12-07T12:00:00Z'), timeZone: 'America/New_York' })).toBe('23:00')
  })

  it('handles zones with half hours, east of UTC and UTC itself', () => {
    expect(localToUtc('02:00', { now: at('2026-12-07T00:00:00Z'), timeZone: 'Asia/Kolkata' })).toBe('20:30')
    expect(utcToLocal('20:30', { now: at('2026-12-07T00:00:00Z'), timeZone: 'Asia/Kolkata' })).toBe('02:00')
    expect(localToUtc('03:30', { now: at('2026-12-07T00:00:00Z'), timeZone: 'Pacific/Auckland' })).toBe('14:30')
    expect(localToUtc('03:30', { timeZone: 'UTC' })).toBe('03:30')
    expect(utcToLocal('03:30', { timeZone: 'UTC' })).toBe('03:30')
  })

  it('counts tonight’s change to summer time: the next 03:30 after it', () => {
    // Europe changes to summer time at 01:00 UTC on 29 March 2026; on the evening of the 28th, "03:30" is already summer time.
    expect(localToUtc('03:30', { now: at('2026-03-28T20:00:00Z'), timeZone: 'Europe/Paris' })).toBe('01:30')
    expect(localToUtc('03:30', { now: at('2026-03-27T20:00:00Z'), timeZone: 'Europe/Paris' })).toBe('02:30')
  })

  it('goes there and back to the same time for every minute of the day and several zones', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'UTC', 'America/Sao_Paulo']
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(...zones), fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') }), (h, m, timeZone, now) => {
        const local = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
        const utc = localToUtc(local, { now, timeZone })
        expect(utc).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
        // Back again, away from the night a clock changes (the hour that doesn't exist, or exists twice).
        const back = utcToLocal(utc!, { now, timeZone })
        const shifted = back !== local
        if (shifted) {
          const tomorrow = now + 24 * 3600_000
          expect(utcToLocal(localToUtc(local, { now: tomorrow + 7 * 24 * 3600_000, timeZone })!, { now: tomorrow + 7 * 24 * 3600_000, timeZone })).toBe(local)
        }
      }),
      { numRuns: 300 }
    )
  })

  it('refuses what is not HH:MM', () => {
    expect(localToUtc('3:30')).toBeUndefined()
    expect(localToUtc('24:00')).toBeUndefined()
    expect(utcToLocal('')).toBeUndefined()
  })
})

const sftp = (over: Partial<NightlyForm> = {}): NightlyForm => ({
  ...emptyNightlyForm(),
  kind: 'sftp',
  host: 'storage.example.org',
  user: 'backup',
  path: '/srv/restic',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----',
  hostKey: 'storage.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ',
  ...over
})
const s3 = (over: Partial<NightlyForm> = {}): NightlyForm => ({
  ...emptyNightlyForm(),
  kind: 's3',
  endpoint: 'https://s3.example.org',
  bucket: 'coop-backups',
  accessKeyId: 'AKIA123',
  secretAccessKey: 'shh',
  ...over
})

describe('the set-up form', () => {
  it('takes a folder on the server with nothing more, and the default time and count', () => {
    expect(checkNightlyForm(emptyNightlyForm(), t)).toEqual({})
    const input = nightlySetupInput(emptyNightlyForm(), 'example.org', { now: at('2026-12-07T12:00:00Z'), timeZone: 'Europe/Paris' })
    expect(input).toEqual({ server: 'example.org', destination: { kind: 'server' }, time: '02:30', keep: 7 })
    expect(nightlyMethods['nightly.setup'].input.safeParse(input).success).toBe(true)
  })

  it('says what to fix, field by field', () => {
    expect(checkNightlyForm({ ...emptyNightlyForm(), time: '' }, t).time).toBe('nightly.invalid.time')
    expect(checkNightlyForm({ ...emptyNightlyForm(), keep: 'seven' }, t).keep).toBe('nightly.invalid.keepNumber')
    expect(checkNightlyForm({ ...emptyNightlyForm(), keep: '0' }, t).keep).toBe('nightly.invalid.keepRange')
    expect(checkNightlyForm({ ...emptyNightlyForm(), keep: '366' }, t).keep).toBe('nightly.invalid.keepRange')
    expect(checkNightlyForm(sftp(), t)).toEqual({})
    expect(checkNightlyForm(sftp({ host: '' }), t).host).toBe('nightly.invalid.hostEmpty')
    expect(checkNightlyForm(sftp({ host: 'sftp://storage.example.org/x' }), t).host).toBe('nightly.invalid.host')
    expect(checkNightlyForm(sftp({ port: '70000' }), t).port).toBe('nightly.invalid.port')
    expect(checkNightlyForm(sftp({ user: 'a b' }), t).user).toBe('nightly.invalid.user')
    expect(checkNightlyForm(sftp({ path: "/srv/it's" }), t).path).toBe('nightly.invalid.path')
    expect(checkNightlyForm(sftp({ privateKey: '' }), t).privateKey).toBe('nightly.invalid.keyEmpty')
    expect(checkNightlyForm(sftp({ privateKey: 'ssh-ed25519 AAAAC3Nz me@laptop' }), t).privateKey).toBe('nightly.invalid.keyPublic')
    expect(checkNightlyForm(sftp({ privateKey: 'hello' }), t).privateKey).toBe('nightly.invalid.keyNotKey')
    expect(checkNightlyForm(sftp({ privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----' }), t).privateKey).toBe('nightly.invalid.keyEncrypted')
    expect(checkNightlyForm(sftp({ privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${'A'.repeat(4100)}\n-----END OPENSSH PRIVATE KEY-----` }), t).privateKey).toBe('nightly.invalid.keyLong')
    expect(checkNightlyForm(sftp({ hostKey: '' }), t).hostKey).toBe('nightly.invalid.hostKeyEmpty')
    expect(checkNightlyForm(sftp({ hostKey: 'a ssh-ed25519 AAAA1\nb ssh-rsa AAAA2' }), t).hostKey).toBe('nightly.invalid.hostKeyLines')
    expect(checkNightlyForm(sftp({ hostKey: 'SHA256:abcdef' }), t).hostKey).toBe('nightly.invalid.hostKey')
    expect(checkNightlyForm(s3(), t)).toEqual({})
    expect(checkNightlyForm(s3({ endpoint: 's3.example.org' }), t).endpoint).toBe('nightly.invalid.endpointScheme')
    expect(checkNightlyForm(s3({ endpoint: 'https://s3.example.org/$x' }), t).endpoint).toBe('nightly.invalid.endpoint')
    expect(checkNightlyForm(s3({ bucket: 'ab' }), t).bucket).toBe('nightly.invalid.bucket')
    expect(checkNightlyForm(s3({ accessKeyId: ' ' }), t).accessKeyId).toBe('nightly.invalid.keyIdEmpty')
    expect(checkNightlyForm(s3({ secretAccessKey: '' }), t).secretAccessKey).toBe('nightly.invalid.secretEmpty')
    // The backup app's address: optional, with the new-app form's rules and words.
    expect(checkNightlyForm({ ...emptyNightlyForm(), domain: 'Backups.Example.org' }, t).domain).toMatch(/lower/i)
    expect(checkNightlyForm({ ...emptyNightlyForm(), domain: 'backups' }, t).domain).toBeTruthy()
    expect(nightlySetupInput({ ...emptyNightlyForm(), domain: ' bk.example.org ' }, 'example.org').domain).toBe('bk.example.org')
    expect(nightlySetupInput(emptyNightlyForm(), 'example.org')).not.toHaveProperty('domain')
    // Only the chosen destination's fields are checked.
    expect(checkNightlyForm({ ...s3(), kind: 'server' }, t)).toEqual({})
  })

  it('puts the host in front of a host key pasted without it, as known_hosts writes it', () => {
    expect(hostKeyLine('ssh-ed25519 AAAAx', 'storage.example.org', 22)).toBe('storage.example.org ssh-ed25519 AAAAx')
    expect(hostKeyLine('ssh-ed25519 AAAAx', 'storage.example.org', 2222)).toBe('[storage.example.org]:2222 ssh-ed25519 AAAAx')
    expect(hostKeyLine(' other.example ssh-rsa AAAAy ', 'storage.example.org', 22)).toBe('other.example ssh-rsa AAAAy')
    const input = nightlySetupInput(sftp({ hostKey: 'ssh-ed25519 AAAAC3', port: '2222', host: ' storage.example.org ' }), 'example.org')
    expect(input.destination).toMatchObject({ kind: 'sftp', host: 'storage.example.org', port: 2222, hostKey: '[storage.example.org]:2222 ssh-ed25519 AAAAC3' })
    expect(nightlyMethods['nightly.setup'].input.safeParse(input).success).toBe(true)
  })

  it('lets through only what the contract takes', () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', 'a', 'x.example.org', '[::1]', '/srv/x', "it's", 'https://s3.example.org', 'http://10.0.0.2:9000', 'ab', 'bucket/sub', 'AKIA', '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----', 'h ssh-ed25519 AAAAx', 'ssh-rsa AAAAy'))
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('server' as const, 'sftp' as const, 's3' as const),
          time: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('03:30', '23:59', '00:00')),
          keep: fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 400 }).map(String)),
          domain: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }), fc.constantFrom('bk.example.org', 'BK.example.org', 'a..b', 'x')),
          host: text,
          port: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -1, max: 70000 }).map(String)),
          user: text,
          path: text,
          privateKey: text,
          hostKey: text,
          endpoint: text,
          bucket: text,
          accessKeyId: text,
          secretAccessKey: text
        }),
        (form) => {
          if (hasErrors(checkNightlyForm(form, t))) return
          const input = nightlySetupInput(form, 'example.org', { timeZone: 'Europe/Paris' })
          const parsed = nightlyMethods['nightly.setup'].input.safeParse(input)
          expect(parsed.success, JSON.stringify({ form, issues: parsed.error?.issues })).toBe(true)
        }
      ),
      { numRuns: 2000 }
    )
  })
})

describe('an OpenSSH key locked with a passphrase', () => {
  let dir = ''
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-nightly-keys-'))
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'open')])
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'a passphrase', '-f', path.join(dir, 'locked')])
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('is told apart from one without', () => {
    const open = fs.readFileSync(path.join(dir, 'open'), 'utf8')
    const locked = fs.readFileSync(path.join(dir, 'locked'), 'utf8')
    expect(openSshCipher(open)).toBe('none')
    expect(openSshCipher(locked)).toBe('aes256-ctr')
    expect(checkNightlyForm(sftp({ privateKey: open }), t)).toEqual({})
    expect(checkNightlyForm(sftp({ privateKey: locked }), t).privateKey).toBe('nightly.invalid.keyEncrypted')
    expect(checkNightlyForm(sftp({ privateKey: fs.readFileSync(path.join(dir, 'open.pub'), 'utf8') }), t).privateKey).toBe('nightly.invalid.keyPublic')
  })
})

describe('the recovery kit', () => {
  const kit = { server: 'example.org', domain: 'backups.example.org', repository: '/backups/restic', password: 'p4ss-w0rd' }
  it('holds the four facts, in English and in French', () => {
    const fill = (template: string) => (_k: string, v?: Record<string, unknown>) => template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(v?.[name]))
    const english = recoveryKitText(kit, fill(en.nightly.kit.fileText))
    const french = recoveryKitText(kit, fill(fr.nightly.kit.fileText))
    for (const text of [english, french]) {
      for (const v of Object.values(kit)) expect(text).toContain(v)
      expect(text.endsWith('\n')).toBe(true)
    }
    expect(english).toMatch(/Password: p4ss-w0rd/)
    expect(french).toMatch(/Mot de passe : p4ss-w0rd/)
  })

  it('gets a file name no file system refuses', () => {
    expect(recoveryKitFileName('example.org')).toBe('recovery-kit-example.org.txt')
    expect(recoveryKitFileName('a/b:c')).toBe('recovery-kit-a-b-c.txt')
  })
})
