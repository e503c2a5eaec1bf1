import { badgeStatus, type RecipeBadge } from '../screens/catalogue/catalogueText'
import { StatusBadge } from './StatusBadge'

// A recipe's status and features as badges: colour, icon and word together.
export function Badges({ badges, label }: { badges: readonly RecipeBadge[]; label: string }) {
  return (
    <ul className="badges" aria-label={label}>
      {badges.map((b) => (
        <li key={b.key} title={b.detail} data-badge={b.key} data-tone={b.tone}>
          <StatusBadge status={badgeStatus(b)} className="status--small" />
        </li>
      ))}
    </ul>
  )
}
