// STUB — being written.
export function Backups(props: { domain?: string }) {
  return <p>Backups {props.domain} — coming soon.</p>
}
