// STUB — being written.
export function DeployScreen(props: { jobId: string; server: string; domain: string }) {
  return <p>DeployScreen {props.jobId}</p>
}
