// STUB — being written.
export function Catalogue() {
  return <p>Catalogue — coming soon.</p>
}
