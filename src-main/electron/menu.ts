import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron'
import { t } from '../i18n/i18n'

// Standard roles only; the Edit menu is what makes copy and paste shortcuts
// work on macOS. Built again when the language changes (main.ts).
export function buildMenu(): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: t('electron.menu.file'), submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: t('electron.menu.view'),
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: t('electron.menu.docs'), click: () => void shell.openExternal('https://docs.coopcloud.tech/') }]
    }
  ]
  return Menu.buildFromTemplate(template)
}
