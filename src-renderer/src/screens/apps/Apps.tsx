// STUB — being written.
export function Apps() {
  return <p>Apps — coming soon.</p>
}
