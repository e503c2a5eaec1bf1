// First, so that in dev (one bundle) it still runs before the rest.
import './boot'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { api } from './api/client'
import { applySettings, firstLanguage, switchLanguage } from './i18n'
import './styles/tokens.css'
import './styles/base.css'
import './styles/components.css'
import './styles/layout.css'

// No StrictMode: its doubled effects in development would send servers.add
// and other non-idempotent calls twice.
function render(): void {
  createRoot(document.getElementById('root')!).render(<App />)
}

// Start in the language last shown (or the system's) so the first screen
// doesn't wait for the core; then follow the core's setting, which wins.
const first = firstLanguage()
void (first === 'en' ? Promise.resolve() : switchLanguage(first).catch(() => undefined)).then(() => {
  render()
  api.call('settings.get', {}).then(applySettings, () => undefined)
  // A choice made in another window or tab applies here too.
  api.on('settings.changed', (s) => void applySettings(s))
})
