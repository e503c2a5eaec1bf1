// The desktop window's own menus (src-main/electron/menu.ts). Standard items
// (Quit, Copy, Zoom…) are Electron roles, named by the system.
export const electron = {
  menu: {
    file: 'File',
    view: 'View',
    docs: 'Co-op Cloud documentation'
  },
  // The tray icon's menu, while the window is closed (electron/tray.ts).
  tray: {
    open: 'Open Co-op Cloud Desktop',
    quit: 'Quit Co-op Cloud Desktop',
    tooltip: 'Co-op Cloud Desktop: Health keeps checking your servers'
  }
}
