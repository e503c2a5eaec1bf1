// The desktop window's own menus (src-main/electron/menu.ts). Standard items
// (Quit, Copy, Zoom…) are Electron roles, named by the system.
export const electron = {
  menu: {
    file: 'File',
    view: 'View',
    docs: 'Co-op Cloud documentation'
  }
}
