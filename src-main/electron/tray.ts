import { Menu, nativeImage, Tray } from 'electron'
import { t } from '../i18n/i18n'

// Closing the window keeps the app running in the tray, so Health keeps
// checking and notifying: "Open" brings the window back, "Quit" ends it.
// Windows and Linux only: macOS keeps an app with no window in the Dock.
export interface AppTray {
  /** Builds the menu again in the language now chosen. */
  relabel(): void
}

export function createTray(iconFile: string, actions: { open(): void; quit(): void }): AppTray | undefined {
  if (process.platform === 'darwin') return undefined
  try {
    const image = nativeImage.createFromPath(iconFile).resize({ width: 16, height: 16 })
    // Without an icon the tray would be invisible, and a closed window could not be brought back from it.
    if (image.isEmpty()) return undefined
    const tray = new Tray(image)
    const relabel = (): void => {
      tray.setToolTip(t('electron.tray.tooltip'))
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: t('electron.tray.open'), click: actions.open },
          { type: 'separator' },
          { label: t('electron.tray.quit'), click: actions.quit }
        ])
      )
    }
    relabel()
    // Windows opens on a click of the icon; Linux shows the menu.
    tray.on('click', actions.open)
    return { relabel }
  } catch {
    return undefined
  }
}
