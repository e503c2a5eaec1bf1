// A clean-up preview in plain words, in the core's language: what the CLI
// prints before asking, line by line.
import type { CleanupPreview } from '../../contract/cleanup'
import { sizeText, t } from '../../i18n/i18n'

const SHOWN = 8

export function previewWords(p: Omit<CleanupPreview, 'words'>): string[] {
  const lines: string[] = []
  const b = p.bytes
  const nothing = p.containers.length === 0 && p.removeImages.length === 0 && p.buildCache.entries === 0
  if (nothing) lines.push(t('cleanup.nothing', { server: p.server }))
  else if (b.total === b.totalUpTo) lines.push(t('cleanup.heading', { server: p.server, size: sizeText(b.total) }))
  else lines.push(t('cleanup.headingRange', { server: p.server, size: sizeText(b.total), upTo: sizeText(b.totalUpTo) }))
  if (p.containers.length) {
    const names = p.containers.map((c) => c.name)
    const list = names.length > SHOWN ? `${names.slice(0, SHOWN).join(', ')}, …` : names.join(', ')
    lines.push(t('cleanup.containers', { count: p.containers.length, size: sizeText(b.containers), list }))
  }
  if (p.removeImages.length) {
    const count = p.removeImages.length
    if (b.images !== b.imagesUpTo) lines.push(t('cleanup.imagesRange', { count, size: sizeText(b.images), upTo: sizeText(b.imagesUpTo) }))
    else lines.push(t(p.images === 'dangling' ? 'cleanup.dangling' : 'cleanup.images', { count, size: sizeText(b.images) }))
    for (const img of p.removeImages) {
      const name = img.tags.length ? img.tags.join(', ') : t('cleanup.noName', { id: img.id.replace(/^sha256:/, '').slice(0, 12) })
      if (img.usedByStopped.length) lines.push(t('cleanup.imageAfter', { name, size: sizeText(img.bytes), containers: img.usedByStopped.join(', ') }))
      else if (img.uniqueBytes !== img.bytes) lines.push(t('cleanup.imageShared', { name, size: sizeText(img.bytes), unique: sizeText(img.uniqueBytes) }))
      else lines.push(t('cleanup.image', { name, size: sizeText(img.bytes) }))
    }
  }
  if (p.buildCache.entries) lines.push(t('cleanup.buildCache', { count: p.buildCache.entries, size: sizeText(p.buildCache.bytes) }))
  if (p.keptImages) lines.push(t(p.images === 'dangling' ? 'cleanup.keptNamed' : 'cleanup.kept', { count: p.keptImages }))
  lines.push(p.volumes ? t('cleanup.volumes', { count: p.volumes }) : t('cleanup.volumesNone'))
  return lines
}
