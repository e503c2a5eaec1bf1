// The preview of a deploy (deploy-preview-compare.ts) in plain words, one
// line each: what happens to each service, then images, settings (names
// only), secrets (names only), volumes, and what the server lacks.
import { t } from '../i18n/i18n'
import type { DeployKind } from './deploy'
import type { DeployPreviewData } from './deploy-preview-compare'

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return t('preview.and', { list: items.slice(0, -1).join(', '), last: items[items.length - 1] })
}

const unique = (items: string[]): string[] => [...new Set(items)]

/** The preview in plain words, one line each: what happens to each service, then images, settings, secrets and volumes. */
export function previewWords(data: DeployPreviewData, o: { domain: string; kind: DeployKind; chaos?: boolean }): string[] {
  const unknown = t('preview.unknownVersion')
  const v = { domain: o.domain, from: data.version.from ?? unknown, to: data.version.to ?? unknown }
  const heading = o.chaos ? 'chaos' : !data.deployed ? 'deployFirst' : o.kind
  const lines = [t(`preview.heading.${heading}`, v)]
  const named = (change: string): string[] => data.services.filter((s) => s.change === change).map((s) => s.name)
  const moving = ['create', 'restart', 'update'].some((c) => named(c).length > 0)
  for (const change of ['create', 'restart', 'update', 'left'] as const) {
    const names = named(change)
    if (names.length) lines.push(t(`preview.${change}`, { list: listWords(names) }))
  }
  if (!moving) lines.push(t('preview.nothing'))
  else if (named('unchanged').length) lines.push(t('preview.unchanged', { list: listWords(named('unchanged')) }))
  // A machine pin (pin-overlay.ts) or any other placement rule that changes: where the service may run.
  const placed = data.services.filter((s) => s.change !== 'create' && s.changed.some((c) => c.includes('Placement'))).map((s) => s.name)
  if (placed.length) lines.push(t('preview.placement', { list: listWords(placed) }))
  if (data.images.length) {
    lines.push(t('preview.images'))
    for (const i of data.images) lines.push(i.from ? t('preview.image', { service: i.service, from: i.from, to: i.to }) : t('preview.imageNew', { service: i.service, to: i.to }))
  }
  // A first deploy gives every setting for the first time: only changes to a running app are worth listing.
  if (data.deployed) {
    const changed = unique(data.settings.filter((s) => s.change !== 'removed').map((s) => s.name))
    const removed = unique(data.settings.filter((s) => s.change === 'removed').map((s) => s.name))
    if (changed.length) lines.push(t('preview.settings', { list: listWords(changed) }))
    if (removed.length) lines.push(t('preview.settingsRemoved', { list: listWords(removed) }))
  }
  const added = unique(data.secrets.filter((s) => s.change === 'added').map((s) => s.name))
  const replaced = unique(data.secrets.filter((s) => s.change === 'changed').map((s) => s.name))
  if (added.length) lines.push(t('preview.secretsAdded', { list: listWords(added) }))
  if (replaced.length) lines.push(t('preview.secretsChanged', { list: listWords(replaced) }))
  if (data.volumes.length) lines.push(t('preview.volumes', { list: listWords(data.volumes.map((x) => (x.exists ? x.name : t('preview.volumeNew', { name: x.name })))) }))
  if (data.missing.length) {
    const key = { secret: 'preview.missingSecret', config: 'preview.missingConfig', network: 'preview.missingNetwork' } as const
    lines.push(t('preview.missing', { list: listWords(data.missing.map((m) => t(key[m.kind], { name: m.name }))) }))
  }
  return lines
}
