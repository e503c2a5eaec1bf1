import { useTranslation } from 'react-i18next'

// Raw technical text stays one click away, never in the user's face.
export function ShowDetails({ text, label }: { text?: string; label?: string }) {
  const { t } = useTranslation()
  if (!text) return null
  return (
    <details className="details">
      <summary>{label ?? t('common.actions.showDetails')}</summary>
      <pre className="details__text">{text}</pre>
    </details>
  )
}
