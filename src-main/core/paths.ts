import os from 'node:os'
import path from 'node:path'

// Every file location in one place, derived from HOME and the same variables
// abra and docker read, so tests can point a whole core at a temp home.
export interface Paths {
  home: string
  abraDir: string
  serversDir: string
  /** abra's recipe checkouts, one git repo per recipe: <abraDir>/recipes/<name>. */
  recipesDir: string
  /** Backups taken by this app: <abraDir>/backups/<domain>/<timestamp>.tar.gz */
  backupsDir: string
  sshDir: string
  appKnownHosts: string
  dockerConfigDir: string
  /** This app's own settings (the language): <XDG_CONFIG_HOME or ~/.config>/coopcloud-desktop/settings.json. */
  settingsFile: string
  /** This app's own data (monitoring history): <XDG_DATA_HOME or ~/.local/share>/coopcloud-desktop. */
  dataDir: string
  /** Monitoring history (SQLite): <dataDir>/history.sqlite. */
  historyFile: string
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env, home = env.HOME || os.homedir()): Paths {
  const abraDir = env.ABRA_DIR || path.join(home, '.abra')
  const sshDir = path.join(home, '.ssh')
  const dataDir = path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'coopcloud-desktop')
  return {
    home,
    abraDir,
    serversDir: path.join(abraDir, 'servers'),
    recipesDir: path.join(abraDir, 'recipes'),
    backupsDir: path.join(abraDir, 'backups'),
    sshDir,
    appKnownHosts: path.join(sshDir, 'coopcloud-desktop_known_hosts'),
    dockerConfigDir: env.DOCKER_CONFIG || path.join(home, '.docker'),
    settingsFile: path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'coopcloud-desktop', 'settings.json'),
    dataDir,
    historyFile: path.join(dataDir, 'history.sqlite')
  }
}
