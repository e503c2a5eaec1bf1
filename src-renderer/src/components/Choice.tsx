// A radio card: one of a few ways to go on, with a sentence on what it means.
export function Choice({ id, name, checked, onSelect, title, text }: { id: string; name: string; checked: boolean; onSelect: () => void; title: string; text: string }) {
  return (
    <div className={`choice${checked ? ' choice--checked' : ''}`}>
      <input type="radio" id={id} name={name} checked={checked} onChange={onSelect} aria-describedby={`${id}-text`} />
      {/* The label covers the whole card (CSS) so a click anywhere selects it. */}
      <label htmlFor={id} className="choice__label">
        {title}
      </label>
      <p className="choice__text" id={`${id}-text`}>
        {text}
      </p>
    </div>
  )
}
