// STUB — being written.
export function NewApp(props: { recipe: string; version?: string; server?: string }) {
  return <p>NewApp {props.recipe}</p>
}
