import type { ApiErrorBody, CheckResult } from '../contract/schemas'
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
  detail: 'Not checked yet: an earlier step needs fixing first.'
})

export function evaluateChecks(f: ServerFacts): CheckResult[] {
  return setupChecks(f).concat(securityChecks(f), f.kind === 'ssh' && f.ssh.ok ? hardeningChecks(f.hardening) : [])
}

// What apps need: SSH, Docker, Swarm, the proxy network and the proxy.
function setupChecks(f: ServerFacts): CheckResult[] {
  const out: CheckResult[] = []

  if (f.kind === 'local') {
    out.push({ id: 'ssh', ok: true, title: 'Connection', detail: 'This computer: no SSH needed.' })
  } else if (f.ssh.ok) {
    out.push({ id: 'ssh', ok: true, title: 'SSH connection', detail: `Connected to ${f.label}.` })
  } else {
    out.push({
      id: 'ssh',
      ok: false,
      title: 'SSH connection',
      detail: f.ssh.error.message,
      fix: { label: 'Try again', action: 'reconnect', text: 'Check the address and that the server is switched on, then try again.' }
    })
    return out.concat(
      notChecked('docker-installed', 'Docker Engine installed'),
      notChecked('docker-access', 'Access to Docker'),
      notChecked('swarm', 'Swarm mode'),
      notChecked('proxy-network', 'The "proxy" network'),
      notChecked('reverse-proxy', 'Reverse proxy')
    )
  }

  const apiOk = f.api?.ok === true
  const installed = apiOk || f.dockerInstalled === true || f.socketExists === true
  if (apiOk) {
    out.push({ id: 'docker-installed', ok: true, title: 'Docker Engine installed', detail: `Docker Engine ${f.api && f.api.ok ? f.api.version : ''} is installed.`.replace('  ', ' ') })
  } else if (installed) {
    out.push({ id: 'docker-installed', ok: true, title: 'Docker Engine installed', detail: 'Docker Engine is installed.' })
  } else {
    out.push({
      id: 'docker-installed',
      ok: false,
      title: 'Docker Engine installed',
      detail: 'Docker Engine is not installed on this server. Apps run on Docker, so it is needed.',
      fix:
        f.kind === 'ssh' && f.canPrepare
          ? { label: 'Prepare this server', action: 'prepare', text: 'The app can install Docker Engine from the system’s own packages. It is safe to run more than once.' }
          : {
              label: 'Check again',
              action: 'reconnect',
              text:
                f.kind === 'local'
                  ? 'Install Docker Engine on this computer (see docs.docker.com/engine/install), then check again.'
                  : 'Installing needs the root user or sudo on a Debian or Ubuntu server. Sign in as root, or ask your administrator to install Docker Engine.'
            }
    })
  }

  if (apiOk) {
    out.push({ id: 'docker-access', ok: true, title: 'Access to Docker', detail: `The app can talk to Docker at ${f.socketPath}.` })
  } else if (installed) {
    const noPermission = f.socketExists === true && f.socketAccessible === false
    out.push({
      id: 'docker-access',
      ok: false,
      title: 'Access to Docker',
      detail: noPermission
        ? `The user ${f.user ?? ''} is not allowed to use Docker on this server.`.replace('  ', ' ')
        : f.socketExists === false
          ? `Docker is installed but not running (nothing answers at ${f.socketPath}).`
          : `The app could not talk to Docker: ${f.api && !f.api.ok ? f.api.message : 'no answer'}.`,
      fix:
        f.kind === 'ssh' && f.canPrepare
          ? { label: 'Prepare this server', action: 'prepare', text: 'The app can start Docker and give your user access to it.' }
          : {
              label: 'Check again',
              action: 'reconnect',
              text: noPermission
                ? 'Add the user to the "docker" group (sudo usermod -aG docker USER), or sign in as root, then check again.'
                : 'Start Docker (sudo systemctl start docker), then check again.'
            }
    })
    return out.concat(notChecked('swarm', 'Swarm mode'), notChecked('proxy-network', 'The "proxy" network'), notChecked('reverse-proxy', 'Reverse proxy'))
  } else {
    return out.concat(
      notChecked('docker-access', 'Access to Docker'),
      notChecked('swarm', 'Swarm mode'),
      notChecked('proxy-network', 'The "proxy" network'),
      notChecked('reverse-proxy', 'Reverse proxy')
    )
  }

  const swarmActive = f.swarm?.state === 'active'
  if (swarmActive && f.swarm?.role === 'worker') {
    out.push({
      id: 'swarm',
      ok: false,
      title: 'Swarm mode',
      detail: 'This server is a swarm worker. Apps are deployed from a manager.',
      fix: { label: 'Check again', action: 'reconnect', text: 'Add the swarm’s manager server instead, or promote this one (docker node promote).' }
    })
    return out.concat(notChecked('proxy-network', 'The "proxy" network'), notChecked('reverse-proxy', 'Reverse proxy'))
  } else if (swarmActive) {
    const nodes = f.swarm?.nodes ?? 1
    out.push({ id: 'swarm', ok: true, title: 'Swarm mode', detail: swarmOnWords(nodes) })
  } else {
    out.push({
      id: 'swarm',
      ok: false,
      title: 'Swarm mode',
      detail: 'Swarm mode is off. Co-op Cloud apps run as swarm stacks, so it must be on.',
      fix: { label: 'Turn on Swarm', action: 'swarm-init', text: 'The app can turn it on. You choose which of the server’s addresses other servers would use to reach it.' }
    })
    return out.concat(notChecked('proxy-network', 'The "proxy" network'), notChecked('reverse-proxy', 'Reverse proxy'))
  }

  if (f.proxyNetwork?.exists && f.proxyNetwork.driver === 'overlay') {
    out.push({ id: 'proxy-network', ok: true, title: 'The "proxy" network', detail: 'The shared "proxy" network exists.' })
  } else if (f.proxyNetwork?.exists) {
    out.push({
      id: 'proxy-network',
      ok: false,
      title: 'The "proxy" network',
      detail: `A network called "proxy" exists but it is a ${f.proxyNetwork.driver} network; apps need an overlay network.`,
      fix: { label: 'Check again', action: 'reconnect', text: 'Remove it (docker network rm proxy) when nothing uses it, then let the app create it.' }
    })
  } else {
    out.push({
      id: 'proxy-network',
      ok: false,
      title: 'The "proxy" network',
      detail: 'The shared "proxy" network, which connects apps to the reverse proxy, does not exist yet.',
      fix: { label: 'Create it', action: 'proxy-network-create', text: 'The app can create it for you.' }
    })
  }

  // The proxy joins the "proxy" network, so it can only be deployed once that exists.
  const networkReady = f.proxyNetwork?.exists === true && f.proxyNetwork.driver === 'overlay'
  out.push(
    f.reverseProxy
      ? { id: 'reverse-proxy', ok: true, title: 'Reverse proxy', detail: `A reverse proxy is running (${f.reverseProxy.service}).` }
      : {
          id: 'reverse-proxy',
          ok: false,
          title: 'Reverse proxy',
          detail: `No reverse proxy (Traefik) is running yet. It sends web visitors to the right app.${networkReady ? '' : ' Create the "proxy" network first; then the app can deploy one.'}`,
          fix: networkReady ? {
            label: 'Deploy the proxy',
            action: 'deploy-proxy',
            text: 'The app can install Co-op Cloud’s "traefik" recipe for you. You choose the address of its dashboard and an email for HTTPS certificates.'
          } : undefined
        }
  )
  return out
}

// Plain words first, Docker's terms after them.
export function swarmOnWords(nodes: number): string {
  return nodes === 1
    ? 'Swarm is on. This server runs its apps on its own (the Swarm manager, 1 node).'
    : `Swarm is on. This server is in charge of a group of ${nodes} servers that run apps together (the Swarm manager, ${nodes} nodes).`
}
