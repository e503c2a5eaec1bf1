import type { ApiErrorBody, CheckResult } from '../contract/schemas'
import { t } from '../i18n/i18n'
import { hardeningChecks, type HardeningFacts } from './hardening'
import { securityChecks, type SignInFacts } from './security-checks'

// What we learnt about a server, gathered by facts.ts. Kept separate from the
// verdicts below so the wording and the fix offered for each situation can be
// table-tested without a server.
export interface ServerFacts {
  kind: 'ssh' | 'local'
  label: string
  ssh: { ok: true } | { ok: false; error: ApiErrorBody }
  dockerInstalled?: boolean
  socketPath: string
  socketExists?: boolean
  socketAccessible?: boolean
  api?: { ok: true; version: string } | { ok: false; message: string }
  swarm?: { state: string; role?: 'manager' | 'worker'; nodes?: number }
  proxyNetwork?: { exists: boolean; driver?: string }
  reverseProxy?: { service: string } | null
  canPrepare?: boolean
  user?: string
  /** How people may sign in over SSH, asked afresh; undefined when it could not be asked. */
  signIn?: SignInFacts
  /** Firewall and automatic updates (servers over SSH); 'unknown' when they could not be asked. */
  hardening?: HardeningFacts | 'unknown'
}

const notChecked = (id: CheckResult['id'], title: string): CheckResult => ({
  id,
  ok: null,
  title,
  detail: t('servers.checks.notChecked')
})

export function evaluateChecks(f: ServerFacts): CheckResult[] {
  return setupChecks(f).concat(securityChecks(f), f.kind === 'ssh' && f.ssh.ok ? hardeningChecks(f.hardening) : [])
}

// What apps need: SSH, Docker, Swarm, the proxy network and the proxy.
function setupChecks(f: ServerFacts): CheckResult[] {
  const out: CheckResult[] = []

  if (f.kind === 'local') {
    out.push({ id: 'ssh', ok: true, title: t('servers.checks.title.connection'), detail: t('servers.checks.local') })
  } else if (f.ssh.ok) {
    out.push({ id: 'ssh', ok: true, title: t('servers.checks.title.ssh'), detail: t('servers.checks.connected', { label: f.label }) })
  } else {
    out.push({
      id: 'ssh',
      ok: false,
      title: t('servers.checks.title.ssh'),
      detail: f.ssh.error.message,
      fix: { label: t('servers.checks.tryAgain'), action: 'reconnect', text: t('servers.checks.sshFix') }
    })
    return out.concat(
      notChecked('docker-installed', t('servers.checks.title.dockerInstalled')),
      notChecked('docker-access', t('servers.checks.title.dockerAccess')),
      notChecked('swarm', t('servers.checks.title.swarm')),
      notChecked('proxy-network', t('servers.checks.title.proxyNetwork')),
      notChecked('reverse-proxy', t('servers.checks.title.reverseProxy'))
    )
  }

  const apiOk = f.api?.ok === true
  const installed = apiOk || f.dockerInstalled === true || f.socketExists === true
  if (apiOk) {
    out.push({ id: 'docker-installed', ok: true, title: t('servers.checks.title.dockerInstalled'), detail: f.api && f.api.ok && f.api.version ? t('servers.checks.dockerVersion', { version: f.api.version }) : t('servers.checks.dockerInstalled') })
  } else if (installed) {
    out.push({ id: 'docker-installed', ok: true, title: t('servers.checks.title.dockerInstalled'), detail: t('servers.checks.dockerInstalled') })
  } else {
    out.push({
      id: 'docker-installed',
      ok: false,
      title: t('servers.checks.title.dockerInstalled'),
      detail: t('servers.checks.dockerMissing'),
      fix:
        f.kind === 'ssh' && f.canPrepare
          ? { label: t('servers.checks.prepare'), action: 'prepare', text: t('servers.checks.prepareInstall') }
          : {
              label: t('servers.checks.checkAgain'),
              action: 'reconnect',
              text:
                f.kind === 'local'
                  ? t('servers.checks.installLocal')
                  : t('servers.checks.installNeedsRoot')
            }
    })
  }

  if (apiOk) {
    out.push({ id: 'docker-access', ok: true, title: t('servers.checks.title.dockerAccess'), detail: t('servers.checks.dockerAccessOk', { socket: f.socketPath }) })
  } else if (installed) {
    const noPermission = f.socketExists === true && f.socketAccessible === false
    out.push({
      id: 'docker-access',
      ok: false,
      title: t('servers.checks.title.dockerAccess'),
      detail: noPermission
        ? f.user ? t('servers.checks.userNoDocker', { user: f.user }) : t('servers.checks.noDocker')
        : f.socketExists === false
          ? t('servers.checks.notRunning', { socket: f.socketPath })
          : t('servers.checks.noTalk', { reason: f.api && !f.api.ok ? f.api.message : t('servers.checks.noAnswer') }),
      fix:
        f.kind === 'ssh' && f.canPrepare
          ? { label: t('servers.checks.prepare'), action: 'prepare', text: t('servers.checks.prepareAccess') }
          : {
              label: t('servers.checks.checkAgain'),
              action: 'reconnect',
              text: noPermission
                ? t('servers.checks.addToGroup')
                : t('servers.checks.startDocker')
            }
    })
    return out.concat(notChecked('swarm', t('servers.checks.title.swarm')), notChecked('proxy-network', t('servers.checks.title.proxyNetwork')), notChecked('reverse-proxy', t('servers.checks.title.reverseProxy')))
  } else {
    return out.concat(
      notChecked('docker-access', t('servers.checks.title.dockerAccess')),
      notChecked('swarm', t('servers.checks.title.swarm')),
      notChecked('proxy-network', t('servers.checks.title.proxyNetwork')),
      notChecked('reverse-proxy', t('servers.checks.title.reverseProxy'))
    )
  }

  const swarmActive = f.swarm?.state === 'active'
  if (swarmActive && f.swarm?.role === 'worker') {
    out.push({
      id: 'swarm',
      ok: false,
      title: t('servers.checks.title.swarm'),
      detail: t('servers.checks.swarmWorker'),
      fix: { label: t('servers.checks.checkAgain'), action: 'reconnect', text: t('servers.checks.swarmWorkerFix') }
    })
    return out.concat(notChecked('proxy-network', t('servers.checks.title.proxyNetwork')), notChecked('reverse-proxy', t('servers.checks.title.reverseProxy')))
  } else if (swarmActive) {
    const nodes = f.swarm?.nodes ?? 1
    out.push({ id: 'swarm', ok: true, title: t('servers.checks.title.swarm'), detail: swarmOnWords(nodes) })
  } else {
    out.push({
      id: 'swarm',
      ok: false,
      title: t('servers.checks.title.swarm'),
      detail: t('servers.checks.swarmOff'),
      fix: { label: t('servers.checks.swarmOn'), action: 'swarm-init', text: t('servers.checks.swarmOnFix') }
    })
    return out.concat(notChecked('proxy-network', t('servers.checks.title.proxyNetwork')), notChecked('reverse-proxy', t('servers.checks.title.reverseProxy')))
  }

  if (f.proxyNetwork?.exists && f.proxyNetwork.driver === 'overlay') {
    out.push({ id: 'proxy-network', ok: true, title: t('servers.checks.title.proxyNetwork'), detail: t('servers.checks.proxyNetworkOk') })
  } else if (f.proxyNetwork?.exists) {
    out.push({
      id: 'proxy-network',
      ok: false,
      title: t('servers.checks.title.proxyNetwork'),
      detail: t('servers.checks.proxyNetworkWrong', { driver: f.proxyNetwork.driver }),
      fix: { label: t('servers.checks.checkAgain'), action: 'reconnect', text: t('servers.checks.proxyNetworkWrongFix') }
    })
  } else {
    out.push({
      id: 'proxy-network',
      ok: false,
      title: t('servers.checks.title.proxyNetwork'),
      detail: t('servers.checks.proxyNetworkMissing'),
      fix: { label: t('servers.checks.createIt'), action: 'proxy-network-create', text: t('servers.checks.createItFix') }
    })
  }

  // The proxy joins the "proxy" network, so it can only be deployed once that exists.
  const networkReady = f.proxyNetwork?.exists === true && f.proxyNetwork.driver === 'overlay'
  out.push(
    f.reverseProxy
      ? { id: 'reverse-proxy', ok: true, title: t('servers.checks.title.reverseProxy'), detail: t('servers.checks.proxyRunning', { service: f.reverseProxy.service }) }
      : {
          id: 'reverse-proxy',
          ok: false,
          title: t('servers.checks.title.reverseProxy'),
          detail: networkReady ? t('servers.checks.noProxy') : t('servers.checks.noProxyNoNetwork'),
          fix: networkReady ? {
            label: t('servers.checks.deployProxy'),
            action: 'deploy-proxy',
            text: t('servers.checks.deployProxyFix')
          } : undefined
        }
  )
  return out
}

// Plain words first, Docker's terms after them.
export function swarmOnWords(nodes: number): string {
  return nodes === 1
    ? t('servers.checks.swarmOnOne')
    : t('servers.checks.swarmOnMany', { nodes })
}
