// STUB — being written.
export function RecipeDetail(props: { name: string }) {
  return <p>RecipeDetail {props.name}</p>
}
