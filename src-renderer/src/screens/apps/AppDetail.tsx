// STUB — being written.
export function AppDetail(props: { server: string; domain: string; tab?: string }) {
  return <p>AppDetail {props.domain} — coming soon.</p>
}
