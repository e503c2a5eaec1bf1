import { useTranslation } from 'react-i18next'
import { Icon } from './Icon'

/** The app's website: what "Open" means, as opposed to "Manage" (its page here). */
export const siteUrl = (domain: string): string => `https://${domain}`

// A plain link, so it reads and behaves as one (keyboard, "copy link").
// target=_blank: browser mode opens it in a new tab; Electron's window-open
// handler (src-main/electron/window.ts) sends https links to the person's
// own browser and never opens them inside the app.
export function SiteLink({ domain, label, className, testId }: { domain: string; label?: string; className?: string; testId?: string }) {
  const { t } = useTranslation()
  return (
    <a href={siteUrl(domain)} target="_blank" rel="noopener noreferrer" className={className ?? 'site-link'} data-testid={testId}>
      {label ?? domain}
      <Icon name="external" className="site-link__icon" />
      <span className="sr-only">{t('apps.siteLink.opensOutside')}</span>
    </a>
  )
}
