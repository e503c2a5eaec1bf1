import type { electron as en } from '../en/electron'
import type { Translation } from '../keys'

export const electron: Translation<typeof en> = {
  menu: {
    file: 'Fichier',
    view: 'Affichage',
    docs: 'Documentation de Co-op Cloud'
  },
  // The tray icon's menu, while the window is closed (electron/tray.ts).
  tray: {
    open: 'Ouvrir Co-op Cloud Desktop',
    quit: 'Quitter Co-op Cloud Desktop',
    tooltip: 'Co-op Cloud Desktop : Santé continue de vérifier vos serveurs'
  }
}
