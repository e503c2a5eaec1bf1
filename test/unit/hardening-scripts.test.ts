import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hardeningChecks, hardeningFacts, type HardeningFacts } from '../../src-main/servers/hardening'
import {
  autoUpdatesOnScript,
  connectionPort,
  firewallKeepScript,
  firewallOnScript,
  firewallUndoScript,
  installIfMissingScript,
  periodicOn,
  ufwCommands
} from '../../src-main/servers/hardening-scripts'

const plan = { tag: 'a1b2c3d4e5f6', revertAfterSec: 60, sshPort: 2200, peers: ['10.0.0.5', 'fd00::7'] }

describe('the firewall change', () => {
  it('opens SSH on the port this connection uses before anything else, then the web, then the swarm ports to its machines only', () => {
    const cmds = ufwCommands(plan)
    expect(cmds[0]).toBe("ufw allow 2200/tcp comment 'SSH (Co-op Cloud Desktop)'")
    expect(cmds.slice(1, 3)).toEqual(["ufw allow 80/tcp comment 'web (Co-op Cloud Desktop)'", "ufw allow 443/tcp comment 'secure web (Co-op Cloud Desktop)'"])
    expect(cmds.filter((c) => c.includes("from '10.0.0.5'"))).toEqual([
      "ufw allow proto tcp from '10.0.0.5' to any port 2377 comment 'swarm (Co-op Cloud Desktop)'",
      "ufw allow proto tcp from '10.0.0.5' to any port 7946 comment 'swarm (Co-op Cloud Desktop)'",
      "ufw allow proto udp from '10.0.0.5' to any port 7946 comment 'swarm (Co-op Cloud Desktop)'",
      "ufw allow proto udp from '10.0.0.5' to any port 4789 comment 'swarm (Co-op Cloud Desktop)'"
    ])
    expect(cmds.filter((c) => c.includes("from 'fd00::7'"))).toHaveLength(4)
    // Swarm ports are never opened to everyone, and port 22 is never assumed.
    expect(cmds.filter((c) => /port (2377|7946|4789)/.test(c) && !c.includes(' from '))).toEqual([])
    expect(cmds.join('\n')).not.toMatch(/\b22\/tcp/)
    expect(cmds.slice(-3)).toEqual(['ufw default deny incoming', 'ufw default allow outgoing', 'ufw --force enable'])
  })

  it('records how things are and starts the timed undo before the first ufw command', () => {
    const s = firewallOnScript(plan)
    const first = s.indexOf('ufw allow')
    for (const step of ['cp -a /etc/ufw', 'cp -p /etc/default/ufw', 'iptables-save -t filter >', 'ip6tables-save -t filter >', '/complete', 'nohup setsid sh -c']) {
      expect(s.indexOf(step), step).toBeGreaterThan(-1)
      expect(s.indexOf(step), step).toBeLessThan(first)
    }
    // The timer (quoted for its own sh) claims this change's copy a minute after the change is in place.
    expect(s).toContain('sleep 60; while [ "$(date +%s)" -lt "$(cat ')
    const deadline = "echo $(( $(date +%s) + 60 )) > '/var/lib/coopcloud-desktop/firewall-before-a1b2c3d4e5f6'/deadline.new"
    expect(s.indexOf(deadline)).toBeLessThan(first)
    expect(s.lastIndexOf(deadline)).toBeGreaterThan(s.indexOf('ufw --force enable'))
    expect(s).toMatch(/nohup setsid sh -c .*firewall-before-a1b2c3d4e5f6/)
    expect(s.startsWith('set -e\n')).toBe(true)
  })

  it('keeps or undoes only its own change, and stops its own timer', () => {
    expect(firewallKeepScript(plan.tag)).toContain("mv '/var/lib/coopcloud-desktop/firewall-before-a1b2c3d4e5f6' '/var/lib/coopcloud-desktop/firewall-before-a1b2c3d4e5f6.kept'")
    const undo = firewallUndoScript(plan.tag)
    expect(undo).toContain('iptables-restore -w <')
    expect(undo.indexOf('kill -TERM')).toBeGreaterThan(undo.indexOf('if mv '))
  })

  it('refuses anything odd before it reaches a root shell', () => {
    expect(() => ufwCommands({ ...plan, peers: ['10.0.0.5; reboot'] })).toThrow(/not an IP address/)
    expect(() => ufwCommands({ ...plan, sshPort: 0 })).toThrow(/bad SSH port/)
    expect(() => firewallOnScript({ ...plan, tag: '$(x)' })).toThrow(/bad change tag/)
  })

  it('reads this connection’s port from $SSH_CONNECTION', () => {
    expect(connectionPort('203.0.113.9 51234 198.51.100.2 2200')).toBe(2200)
    expect(connectionPort('fd00::1 51234 fd00::2 22')).toBe(22)
    for (const bad of ['', undefined, '1.2.3.4 5 6.7.8.9', '1.2.3.4 5 6.7.8.9 x', '1.2.3.4 5 6.7.8.9 70000']) expect(connectionPort(bad)).toBeUndefined()
  })
})

// The install step, run for real by sh with stand-ins for apt-get and the
// program on PATH (the test server in the namespace has no internet).
describe('installing when missing', () => {
  let dir: string | undefined
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }))
  const standIn = (aptWorks: boolean): string => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-apt-'))
    fs.writeFileSync(
      path.join(dir, 'apt-get'),
      `#!/bin/sh\necho "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> ${dir}/calls\n${aptWorks ? `[ "$1" = install ] && printf '#!/bin/sh\\n' > ${dir}/ufw && /bin/chmod +x ${dir}/ufw` : '[ "$1" = install ] && exit 100'}\nexit 0\n`,
      { mode: 0o755 }
    )
    return dir
  }
  const run = (d: string) => spawnSync('/bin/sh', ['-c', installIfMissingScript('ufw', 'ufw')], { encoding: 'utf8', env: { PATH: d } })
  const calls = (d: string): string => (fs.existsSync(path.join(d, 'calls')) ? fs.readFileSync(path.join(d, 'calls'), 'utf8') : '')

  it('installs it once, without questions, and the second run changes nothing', () => {
    const d = standIn(true)
    const first = run(d)
    expect(first.status).toBe(0)
    expect(first.stdout).toMatch(/^installed$/m)
    expect(calls(d)).toBe('apt-get update DEBIAN_FRONTEND=noninteractive\napt-get install -y ufw DEBIAN_FRONTEND=noninteractive\n')
    const second = run(d)
    expect(second.stdout).toBe('already-installed\n')
    expect(calls(d).split('\n').filter(Boolean)).toHaveLength(2)
  })

  it('says nothing was installed when apt fails', () => {
    const d = standIn(false)
    const res = run(d)
    expect(res.status).not.toBe(0)
    expect(res.stdout).not.toMatch(/installed/)
  })
})

describe('automatic updates', () => {
  it('a Periodic value is on only for a number of days', () => {
    expect(['1', '7', ' 1 '].map(periodicOn)).toEqual([true, true, true])
    expect(['', '0', undefined, 'yes', '-1'].map(periodicOn)).toEqual([false, false, false, false, false])
  })
  it('writes both settings in one step and keeps the file’s other lines', () => {
    const s = autoUpdatesOnScript()
    expect(s).toContain(`printf '%s\\n' 'APT::Periodic::Update-Package-Lists "1";' 'APT::Periodic::Unattended-Upgrade "1";'`)
    expect(s).toContain("grep -v -E '^[[:space:]]*APT::Periodic::(Update-Package-Lists|Unattended-Upgrade)[[:space:]]'")
    expect(s).toContain("mv '/etc/apt/apt.conf.d/20auto-upgrades.ccd-new' '/etc/apt/apt.conf.d/20auto-upgrades'")
  })
})

describe('the checks', () => {
  const facts = (kv: Record<string, string>): HardeningFacts =>
    hardeningFacts({ hardening_admin: '1', hardening_os: 'debian', ufw: '1', uu: '1', apt_lists: '1', apt_uu: '1', ...kv })
  const verdicts = (h: Parameters<typeof hardeningChecks>[0]): string =>
    hardeningChecks(h)
      .map((c) => `${c.id}:${c.ok === null ? '-' : c.ok ? 'ok' : 'x'}${c.fix ? `(${c.fix.action})` : ''}`)
      .join(' ')

  it.each<[string, Parameters<typeof hardeningChecks>[0], string]>([
    ['both on', facts({ ufw_active: '1', ufw_incoming: 'deny' }), 'firewall:ok auto-updates:ok'],
    ['ufw on but letting everything in: offer to fix', facts({ ufw_active: '1', ufw_incoming: 'allow' }), 'firewall:x(firewall-on) auto-updates:ok'],
    ['nothing installed, root on Debian', facts({ ufw: '0', uu: '0', apt_lists: '', apt_uu: '' }), 'firewall:x(firewall-on) auto-updates:x(auto-updates-on)'],
    ['installed but off', facts({ ufw_active: '0', apt_uu: '0' }), 'firewall:x(firewall-on) auto-updates:x(auto-updates-on)'],
    ['settings on but the program missing', facts({ ufw_active: '1', ufw_incoming: 'deny', uu: '0' }), 'firewall:ok auto-updates:x(auto-updates-on)'],
    ['no admin rights: the firewall can’t be seen, nothing offered', facts({ hardening_admin: '0', apt_uu: '0' }), 'firewall:- auto-updates:x'],
    ['not Debian: nothing offered', facts({ hardening_os: 'alpine', apt_uu: '0' }), 'firewall:x auto-updates:x'],
    ['Ubuntu-like', facts({ hardening_os: 'pop', hardening_os_like: 'ubuntu debian' }), 'firewall:x(firewall-on) auto-updates:ok'],
    ['could not be asked', 'unknown', 'firewall:- auto-updates:-'],
    ['not asked (this computer)', undefined, '']
  ])('%s', (_name, h, expected) => {
    expect(verdicts(h)).toBe(expected)
  })

  it('says honestly that Docker’s published ports go around the firewall', () => {
    const on = hardeningChecks(facts({ ufw_active: '1', ufw_incoming: 'deny' }))[0]
    expect(on.detail).toMatch(/opened by Docker itself, which goes around this firewall/)
    const off = hardeningChecks(facts({ apt_uu: '0' }))
    expect(off[0].fix?.text).toMatch(/SSH \(on the port you use now\)[\s\S]*80 and 443[\s\S]*back off by itself within a minute/)
    expect(off[1].fix?.text).toMatch(/security fixes only, once a day/)
  })
})

describe('the firewall on a server without setsid', () => {
  it('stops before touching anything (exit 4): no undo could outlive the connection', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-fw-nosetsid-'))
    try {
      // Every command the script would run leaves a trace; only setsid is missing.
      const bin = path.join(dir, 'bin')
      fs.mkdirSync(bin)
      const sh = ['/usr/bin/sh', '/bin/sh'].find((f) => fs.existsSync(f))!
      fs.symlinkSync(sh, path.join(bin, 'sh'))
      for (const tool of ['mkdir', 'cp', 'iptables-save', 'ip6tables', 'ufw', 'nohup', 'touch', 'mv', 'date', 'cat', 'sysctl', 'sed']) {
        fs.writeFileSync(path.join(bin, tool), `#!${sh}\necho ${tool} >> ${dir}/ran\n`, { mode: 0o755 })
      }
      const run = spawnSync(path.join(bin, 'sh'), ['-c', firewallOnScript(plan)], { env: { PATH: bin }, encoding: 'utf8' })
      expect(run.status).toBe(4)
      expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
