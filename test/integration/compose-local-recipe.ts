import type Docker from 'dockerode'

// A tiny recipe on the rig's local busybox image (no registry needed): an
// httpd serving a file-based config, a worker holding an external secret, a
// named volume, one overlay network. endpoint_mode dnsrr: IPVS is not
// available on the test machine.

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export function convergeRecipe(image: string, opts: { appReplicas?: number; third?: boolean } = {}): Record<string, string> {
  return {
    'compose.yml': `version: "3.8"
services:
  app:
    image: ${image}
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    stop_grace_period: 1s
    configs:
      - source: index
        target: /www/index.html
        mode: 0444
    volumes:
      - data:/data
    networks:
      - internal
    deploy:
      endpoint_mode: dnsrr
      replicas: ${opts.appReplicas ?? 2}
  worker:
    image: ${image}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    secrets:
      - source: token
        target: token
    networks:
      - internal
    deploy:
      endpoint_mode: dnsrr
${
  opts.third
    ? `  cron:
    image: ${image}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    networks:
      - internal
    deploy:
      endpoint_mode: dnsrr
`
    : ''
}volumes:
  data:
networks:
  internal:
configs:
  index:
    name: \${STACK_NAME}_index_\${INDEX_VERSION}
    file: index.html
secrets:
  token:
    external: true
    name: \${STACK_NAME}_token_v1
`,
    'index.html': 'hello from the converge test\n',
    'abra.sh': 'export INDEX_VERSION=v1\n',
    '.env': 'TYPE=converge\nDOMAIN=converge.example.org\n'
  }
}

/** Polls the tasks until every service runs as many replicas as it asks for. */
export async function waitConverged(d: Docker, ns: string, timeoutMs = 90_000, services = 1): Promise<void> {
  const f = JSON.stringify({ label: [`com.docker.stack.namespace=${ns}`] })
  let last = ''
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    const [list, tasks] = await Promise.all([d.listServices({ filters: f }), d.listTasks({ filters: f })])
    const pending = list.filter((s) => {
      const want = s.Spec?.Mode?.Replicated?.Replicas ?? 1
      const running = tasks.filter((t) => t.ServiceID === s.ID && t.DesiredState === 'running' && t.Status?.State === 'running').length
      return running < want
    })
    if (list.length >= services && pending.length === 0) return
    last = tasks.map((t) => `${t.ServiceID?.slice(0, 6)} ${t.Status?.State} ${t.Status?.Err ?? ''}`).join('; ')
  }
  throw new Error(`${ns} did not converge within ${timeoutMs / 1000}s: ${last}`)
}

