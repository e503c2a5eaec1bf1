// Raw technical text stays one click away, never in the user's face.
export function ShowDetails({ text, label = 'Show details' }: { text?: string; label?: string }) {
  if (!text) return null
  return (
    <details className="details">
      <summary>{label}</summary>
      <pre className="details__text">{text}</pre>
    </details>
  )
}
