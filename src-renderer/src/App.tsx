import { Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Busy } from './components/Busy'
import { LateBusy } from './components/LateBusy'
import { Sidebar } from './components/Sidebar'
import { useTakeOverFirstScreen } from './first-screen/takeOver'
import { NavigateContext, type Route } from './navigation'
import {
  AddServer,
  AppDetail,
  Apps,
  Backups,
  Catalogue,
  DeployScreen,
  Health,
  JobScreen,
  NewApp,
  RecipeDetail,
  ServerChecks,
  Servers,
  Settings,
  Welcome
} from './screens/lazy'
import { startAlerts } from './state/alerts'
import { useServers } from './state/servers'

export function App() {
  // Subscribes the whole page to language changes: everything below re-renders in the new language.
  const { t } = useTranslation()
  const [chosen, setChosen] = useState<Route>()
  const { loaded, servers } = useServers()
  // Until the user goes somewhere, the first screen depends on whether any
  // server is known yet: first run lands on the welcome screen.
  const route: Route | undefined = chosen ?? (loaded ? (servers.length > 0 ? { screen: 'servers' } : { screen: 'welcome' }) : undefined)
  // Health's desktop notifications: raised by this page in browser mode; a click on one opens its app or server.
  useEffect(() => startAlerts(setChosen), [])
  useTakeOverFirstScreen(route !== undefined)

  return (
    <NavigateContext.Provider value={setChosen}>
      <div className="app">
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <Sidebar route={route ?? { screen: 'servers' }} ready={route !== undefined} />
        <main id="main" className="main" tabIndex={-1}>
          {route ? (
            <Suspense fallback={<LateBusy>{t('common.opening')}</LateBusy>}>
              <Screen route={route} />
            </Suspense>
          ) : (
            <Busy>{t('common.starting')}</Busy>
          )}
        </main>
      </div>
    </NavigateContext.Provider>
  )
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'welcome':
      return <Welcome />
    case 'health':
      return <Health />
    case 'servers':
      return <Servers />
    case 'add-server':
      return <AddServer />
    case 'server-checks':
      return <ServerChecks key={route.name} name={route.name} />
    case 'job':
      return <JobScreen key={route.jobId} jobId={route.jobId} />
    case 'settings':
      return <Settings />
    case 'catalogue':
      return <Catalogue />
    case 'backups':
      return <Backups key={route.domain ?? ''} domain={route.domain} />
    case 'recipe':
      return <RecipeDetail key={route.name} name={route.name} />
    case 'new-app':
      return <NewApp key={`${route.recipe}@${route.version ?? ''}`} recipe={route.recipe} version={route.version} server={route.server} />
    case 'apps':
      return <Apps />
    case 'app':
      return <AppDetail key={`${route.server}/${route.domain}`} server={route.server} domain={route.domain} tab={route.tab} />
    case 'deploy':
      return <DeployScreen key={route.jobId} jobId={route.jobId} server={route.server} domain={route.domain} />
  }
}
