import type { en } from '../en'
import type { Translation } from '../keys'

export const api: Translation<typeof en.api> = {
  noSuchMethod: 'L’application a demandé « {{method}} », qui n’existe pas.',
  invalidRequest: 'La demande n’était pas valide.'
}
