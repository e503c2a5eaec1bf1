import type { Status } from '../lib/status'
import { Icon } from './Icon'

// Colour, icon and word together, so status never relies on colour alone.
export function StatusBadge({ status, className }: { status: Status; className?: string }) {
  return (
    <span className={`status status--${status.tone}${className ? ' ' + className : ''}`}>
      <Icon name={status.icon} className={status.icon === 'sync' ? 'icon--spin' : undefined} />
      <span>{status.word}</span>
    </span>
  )
}
