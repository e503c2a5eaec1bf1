import { Icon } from '../components/Icon'
import { PageTitle } from '../components/PageTitle'
import { useNavigate } from '../navigation'

export function Welcome() {
  const navigate = useNavigate()
  return (
    <div className="welcome" data-testid="welcome">
      <Icon name="cloud" className="welcome__logo" />
      <PageTitle>Welcome to Co-op Cloud Desktop</PageTitle>
      <p className="lead">
        Run libre software — chat, file sharing, websites and more — on servers your co-op controls, without typing
        commands.
      </p>
      <p>
        To begin, tell the app about a server: a machine you reach over SSH, or this computer. The app checks that it is
        ready for apps and helps you fix what is missing.
      </p>
      <div className="actions actions--center">
        <button type="button" className="btn btn--primary btn--large" onClick={() => navigate({ screen: 'add-server' })}>
          <Icon name="plus" /> Add your first server
        </button>
      </div>
      <p className="welcome__need">
        You will need the server’s address and a user that can sign in with SSH (a key or a password).
      </p>
    </div>
  )
}
