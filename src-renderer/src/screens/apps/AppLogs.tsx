import { LogView } from '../../components/LogView'

export function AppLogs({ server, domain, services, deployed }: { server: string; domain: string; services: string[]; deployed: boolean }) {
  if (!deployed) return <p className="muted">The app is not deployed, so it has no logs to show. Deploy it first.</p>
  return <LogView server={server} domain={domain} services={services} />
}
