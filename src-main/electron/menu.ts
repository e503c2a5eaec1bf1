import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron'

// Standard roles only; the Edit menu is what makes copy and paste shortcuts
// work on macOS.
export function buildMenu(): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
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
      submenu: [{ label: 'Co-op Cloud documentation', click: () => void shell.openExternal('https://docs.coopcloud.tech/') }]
    }
  ]
  return Menu.buildFromTemplate(template)
}
