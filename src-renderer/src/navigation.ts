import { createContext, useContext } from 'react'

// Plain state-based routing: a handful of screens needs no router.
export type Route =
  | { screen: 'welcome' }
  | { screen: 'health' }
  | { screen: 'apps' }
  | { screen: 'catalogue' }
  | { screen: 'servers' }
  | { screen: 'backups'; domain?: string }
  | { screen: 'settings' }
  | { screen: 'add-server' }
  | { screen: 'server-checks'; name: string }
  | { screen: 'job'; jobId: string }
  | { screen: 'recipe'; name: string }
  | { screen: 'new-app'; recipe: string; version?: string; server?: string }
  | { screen: 'app'; server: string; domain: string; tab?: AppTab }
  | { screen: 'deploy'; jobId: string; server: string; domain: string }

export type AppTab = 'overview' | 'health' | 'config' | 'secrets' | 'logs' | 'terminal' | 'volumes' | 'files' | 'commands'

export type Section = 'health' | 'apps' | 'catalogue' | 'servers' | 'backups' | 'settings' | 'jobs'

// Which sidebar entry is highlighted for each screen.
export function sectionOf(route: Route): Section {
  switch (route.screen) {
    case 'health':
    case 'apps':
    case 'catalogue':
    case 'backups':
    case 'settings':
      return route.screen
    case 'job':
      return 'jobs'
    case 'recipe':
    case 'new-app':
      return 'catalogue'
    case 'app':
    case 'deploy':
      return 'apps'
    default:
      return 'servers'
  }
}

export const NavigateContext = createContext<(route: Route) => void>(() => {})

export function useNavigate(): (route: Route) => void {
  return useContext(NavigateContext)
}
