import type { electron as en } from '../en/electron'
import type { Translation } from '../keys'

export const electron: Translation<typeof en> = {
  menu: {
    file: 'Fichier',
    view: 'Affichage',
    docs: 'Documentation de Co-op Cloud'
  }
}
