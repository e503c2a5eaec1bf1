// ccd-data's healthcheck fetches http://127.0.0.1:8080/, which busybox httpd
// answers with 404 while /data has no index.html, so a fresh ccd-data app
// never becomes healthy. Until the fixture is changed, the restore tests
// create the app's data volume first with an index.html in it (a stack
// deploy uses a volume of that name that already exists).
import type Docker from 'dockerode'
import { stackNameFor } from '../../src-main/compose/env'

export async function seedDataVolume(docker: Docker, domain: string, image = 'ccd-busybox:test'): Promise<void> {
  const stack = stackNameFor(domain)
  const name = `${stack}_data`
  await docker.createVolume({ Name: name, Labels: { 'com.docker.stack.namespace': stack } })
  const c = await docker.createContainer({ Image: image, Cmd: ['sh', '-c', 'echo ok > /data/index.html'], HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] } })
  try {
    await c.start()
    await c.wait()
  } finally {
    await c.remove({ force: true })
  }
}
