import { Icon } from '../components/Icon'
import type { UiMessages } from '../i18n/en'
import type { Translation } from '../i18n/keys'

// The first screen as it is served, before the main script has run: the
// landing screen's heading and opening words, drawn with the same classes as
// Welcome and Servers so nothing moves when the page takes over. The main
// script (React, the words, the screens) takes a few hundred ms to arrive and
// run on a slow machine; this is in the HTML itself, so it shows at the first
// paint. It is rendered at build time (electron.vite.config.ts, one per
// language and landing screen) into first-screen.json; browser mode and the
// app:// protocol put the right one in index.html (src-main/browser/first-screen.ts),
// and the App removes it once its own first screen is drawn. It holds nothing
// to click: until the page runs, nothing would answer.

export type FirstScreenKind = 'welcome' | 'servers'

export function FirstScreen({ words, kind }: { words: Translation<UiMessages>; kind: FirstScreenKind }) {
  return (
    <div id="first-screen" className="app" aria-busy="true">
      <div className="sidebar">
        <div className="brand">
          <Icon name="cloud" className="brand__logo" />
          <span className="brand__name">{words.common.brand}</span>
        </div>
      </div>
      <div className="main">
        {kind === 'welcome' ? (
          <div className="welcome">
            <Icon name="cloud" className="welcome__logo" />
            <h1 className="page-title">{words.wizard.welcome.title}</h1>
            <p className="lead">{words.wizard.welcome.lead}</p>
            <p>{words.wizard.welcome.text}</p>
          </div>
        ) : (
          <div className="page">
            <header className="page__head">
              <h1 className="page-title">{words.servers.title}</h1>
            </header>
            <p className="page__intro">{words.servers.intro}</p>
          </div>
        )}
      </div>
    </div>
  )
}
