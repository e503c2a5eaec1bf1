import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { keyIdentity } from '../../src-main/servers/install-key'
import { passwordOffScript, runsPerConnection, sshdConfigFile } from '../../src-main/servers/sshd-settings'

describe('the settings file of the sshd serving a connection', () => {
  it.each([
    ['/usr/sbin/sshd -D ', '/etc/ssh/sshd_config'],
    ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', '/etc/ssh/sshd_config'],
    ['sshd: /usr/sbin/sshd -f /work/.rig/sshd/sshd_config -E /x.log [listener] 0 of 200-200 startups', '/work/.rig/sshd/sshd_config'],
    ['/usr/sbin/sshd -D -f /tmp/own/sshd_config -E /tmp/own/log ', '/tmp/own/sshd_config'],
    ['/usr/sbin/sshd -f/etc/alt_config', '/etc/alt_config']
  ])('%s → %s', (cmdline, file) => {
    expect(sshdConfigFile(cmdline)).toBe(file)
  })

  it('knows an sshd started per connection needs no reload', () => {
    expect(runsPerConnection('/usr/sbin/sshd -i')).toBe(true)
    expect(runsPerConnection('sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups')).toBe(false)
    // "-i" in a path is not the flag.
    expect(runsPerConnection('/usr/sbin/sshd -f /etc/ssh/-i/x')).toBe(false)
  })
})

describe('a public key line', () => {
  it('is the same key whatever its comment', () => {
    expect(keyIdentity('ssh-ed25519 AAAAC3Nza me@laptop')).toBe(keyIdentity('ssh-ed25519 AAAAC3Nza  other comment'))
  })
  it('refuses what is not a key, so nothing odd reaches a shell or authorized_keys', () => {
    for (const bad of ['', 'ssh-ed25519', 'ssh-ed25519 $(reboot)', "ssh-ed25519 AAAA'x", 'command="x" ssh-ed25519 AAAA']) {
      expect(() => keyIdentity(bad)).toThrow(/not an SSH public key/)
    }
  })
})

describe('turning off passwords on a server without setsid', () => {
  it('changes nothing and says so (exit 4), since no undo could outlive the connection', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-nosetsid-'))
    try {
      // A PATH with the usual tools but no setsid, as on a trimmed-down server.
      const bin = path.join(dir, 'bin')
      fs.mkdirSync(bin)
      for (const tool of ['sh', 'cp', 'cat', 'mv', 'rm', 'sleep', 'nohup', 'true', 'kill']) {
        const found = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((f) => fs.existsSync(f))
        if (!found) throw new Error(`${tool} is not on this machine`)
        fs.symlinkSync(found, path.join(bin, tool))
      }
      const config = path.join(dir, 'sshd_config')
      fs.writeFileSync(config, 'PasswordAuthentication yes\n')
      const script = passwordOffScript({ config, sshd: path.join(bin, 'true'), listener: 999999, tag: 't1', revertAfterSec: 5, reload: false })
      const run = spawnSync(path.join(bin, 'sh'), ['-c', script], { env: { PATH: bin }, encoding: 'utf8' })
      expect(run.status).toBe(4)
      expect(fs.readFileSync(config, 'utf8')).toBe('PasswordAuthentication yes\n')
      expect(fs.readdirSync(dir).sort()).toEqual(['bin', 'sshd_config'])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
