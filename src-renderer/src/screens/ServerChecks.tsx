import { ChecksView } from '../components/ChecksView'
import { Icon } from '../components/Icon'
import { PageTitle } from '../components/PageTitle'
import { useNavigate } from '../navigation'

export function ServerChecks({ name }: { name: string }) {
  const navigate = useNavigate()
  const back = () => navigate({ screen: 'servers' })
  return (
    <div className="page" data-testid="server-checks">
      <button type="button" className="btn btn--ghost btn--small back" onClick={back}>
        <Icon name="back" /> Servers
      </button>
      <header className="page__head">
        <PageTitle>Is {name} ready?</PageTitle>
      </header>
      <p className="page__intro">The app checks what a server needs to run Co-op Cloud apps, and offers to fix what is missing.</p>
      <ChecksView
        name={name}
        finish={{ onFinish: back, readyLabel: 'Done — back to my servers', laterLabel: 'Back to my servers' }}
      />
    </div>
  )
}
