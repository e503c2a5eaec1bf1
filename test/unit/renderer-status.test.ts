import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../src-main/contract'
import { checkStatus, checksAllPass, connectionStatus, isInformational, jobStatus } from '../../src-renderer/src/lib/status'
import { appCountText, jobStepText, serverAddress, swarmText } from '../../src-renderer/src/lib/format'
import { sshSettingsNote } from '../../src-renderer/src/lib/addServer'
import { i18n } from '../../src-renderer/src/i18n'
import { fr } from '../../src-renderer/src/i18n/fr'
import { withPluralForms } from '../../src-main/contract/settings'

const check = (over: Partial<CheckResult>): CheckResult => ({ id: 'swarm', ok: true, title: 'Swarm mode', detail: '', ...over })

describe('check status words', () => {
  it('says Passed, Failed or Not checked yet, with matching icon and tone', () => {
    expect(checkStatus(check({ ok: true }))).toEqual({ tone: 'ok', icon: 'check', word: 'Passed' })
    expect(checkStatus(check({ ok: false }))).toEqual({ tone: 'bad', icon: 'cross', word: 'Failed' })
    expect(checkStatus(check({ ok: null }))).toEqual({ tone: 'neutral', icon: 'dash', word: 'Not checked yet' })
  })

  it('treats a missing reverse proxy as a recommendation, not a failure', () => {
    const proxy = check({ id: 'reverse-proxy', ok: false })
    expect(isInformational(proxy)).toBe(true)
    expect(checkStatus(proxy).tone).toBe('info')
    // With "Deploy the proxy" offered, it is recommended, with its own icon and word.
    const fixable = check({ id: 'reverse-proxy', ok: false, fix: { label: 'Deploy the proxy', action: 'deploy-proxy', text: '' } })
    expect(isInformational(fixable)).toBe(true)
    expect(checkStatus(fixable)).toEqual({ tone: 'warn', icon: 'alert', word: 'Recommended' })
    expect(checksAllPass([check({ id: 'ssh' }), fixable])).toBe(true)
  })

  it('calls a server ready when everything but the informational check passed', () => {
    const passing = [check({ id: 'ssh' }), check({ id: 'swarm' })]
    expect(checksAllPass(passing)).toBe(true)
    expect(checksAllPass([...passing, check({ id: 'reverse-proxy', ok: false })])).toBe(true)
    expect(checksAllPass([...passing, check({ id: 'proxy-network', ok: false })])).toBe(false)
    expect(checksAllPass([...passing, check({ id: 'proxy-network', ok: null })])).toBe(false)
    expect(checksAllPass([])).toBe(false)
  })

  it('never holds a server back for the firewall or updates, off or out of the app’s sight', () => {
    const passing = [check({ id: 'ssh' }), check({ id: 'swarm' })]
    for (const id of ['firewall', 'auto-updates'] as const) {
      expect(checksAllPass([...passing, check({ id, ok: false, fix: { label: 'Turn on', action: 'firewall-on', text: '' } })])).toBe(true)
      // Not root: the app can't look, and says so; still ready for apps.
      expect(checksAllPass([...passing, check({ id, ok: null })])).toBe(true)
      expect(checkStatus(check({ id, ok: null })).word).toBe('Not checked yet')
    }
  })
})

describe('connection and job status words', () => {
  it('never relies on colour alone: every state has an icon and a word', () => {
    for (const s of ['unknown', 'connecting', 'connected', 'reconnecting', 'offline'] as const) {
      const status = connectionStatus(s)
      expect(status.word).not.toBe('')
      expect(status.icon).not.toBe('')
    }
    expect(connectionStatus('connected').word).toBe('Connected')
    expect(connectionStatus('offline')).toEqual({ tone: 'warn', icon: 'alert', word: 'Offline' })
    expect(jobStatus('failed').word).toBe('Failed')
  })
})

describe('formatting', () => {
  it('shows ssh servers as user@host:port and the local one in words', () => {
    expect(serverAddress({ kind: 'ssh', user: 'root', hostname: 'example.org', port: 22 })).toBe('root@example.org:22')
    expect(serverAddress({ kind: 'ssh', user: '', hostname: 'example.org', port: 2222 })).toBe('example.org:2222')
    expect(serverAddress({ kind: 'local', user: '', hostname: '', port: 0 })).toBe('This computer')
  })

  it('describes the swarm and app count in words', () => {
    expect(swarmText({ swarmRole: 'manager', nodeCount: 1 })).toBe('Runs apps on its own (Swarm manager, 1 node)')
    expect(swarmText({ swarmRole: 'manager', nodeCount: 3 })).toBe('In charge of 3 servers (Swarm manager, 3 nodes)')
    expect(swarmText({ swarmRole: 'none' })).toBe('Swarm is off')
    expect(appCountText(0)).toBe('No apps')
    expect(appCountText(1)).toBe('1 app')
  })

  it('counts job steps from one and stops at the last', () => {
    expect(jobStepText({ stepIndex: 0, stepCount: 4 })).toBe('Step 1 of 4')
    expect(jobStepText({ stepIndex: 4, stepCount: 4 })).toBe('Step 4 of 4')
    expect(jobStepText({ stepIndex: 0, stepCount: 0 })).toBe('')
  })
})

describe('in French', () => {
  it('words the status, the swarm, the app count and the SSH settings note in the page’s language', async () => {
    i18n.addResourceBundle('fr', 'ui', withPluralForms(fr, 'fr'), true, true)
    await i18n.changeLanguage('fr')
    try {
      expect(connectionStatus('reconnecting').word).toBe('Reconnexion en cours')
      expect(checkStatus(check({ ok: false })).word).toBe('Échec')
      expect(jobStatus('cancelled').word).toBe('Annulé')
      expect(swarmText({ swarmRole: 'manager', nodeCount: 3 })).toBe('Dirige 3 serveurs (Swarm manager, 3 nœuds)')
      expect(appCountText(0)).toBe('Aucune application')
      expect(appCountText(1)).toBe('1 application')
      expect(appCountText(2)).toBe('2 applications')
      expect(jobStepText({ stepIndex: 1, stepCount: 4 })).toBe('Étape 2 sur 4')
      expect(sshSettingsNote({ alias: 'vps', hostname: '203.0.113.5', user: 'root', port: 22 })).toBe(
        'D’après vos réglages SSH : adresse 203.0.113.5, utilisateur root, port 22'
      )
    } finally {
      await i18n.changeLanguage('en')
    }
    expect(appCountText(2)).toBe('2 apps')
  })
})
