import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/tokens.css'
import './styles/base.css'
import './styles/components.css'
import './styles/layout.css'

// No StrictMode: its doubled effects in development would send servers.add
// and other non-idempotent calls twice.
createRoot(document.getElementById('root')!).render(<App />)
