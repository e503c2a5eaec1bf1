import path from 'node:path'
import type Docker from 'dockerode'
import type { Handlers } from '../api/dispatch'
import { EventBus } from '../api/events'
import { osKeychain, type Keychain } from '../keychain/keychain'
import { appService } from '../apps/service'
import { DEFAULT_RECIPE_GIT, loadApp, type AppContext } from '../apps/context'
import { runBackup } from '../backups/create'
import { backupService } from '../backups/handlers'
import { nightlyHandlers } from '../backups/nightly-handlers'
import { nightlyDoors } from '../backups/nightly'
import { nightlyWatch } from '../backups/nightly-watch'
import { catalogueService } from '../catalogue/handlers'
import { confineTo, stackHandlers } from '../compose/stacks'
import { keyHandlers } from '../servers/keys'
import { serverHandlers } from '../servers/service'
import type { Language } from '../contract/settings'
import { systemLanguageFromEnv } from '../i18n/i18n'
import { DNS_TIMEOUT_MS, systemResolver } from './dns'
import { Jobs } from './jobs'
import { resolvePaths, type Paths } from './paths'
import { settingsHandlers } from './settings'
import { listApps } from '../apps/list'
import { releaseNotes } from '../apps/recipes-service'
import { lastGoodBackups } from '../backups/last-good'
import { fromHereChecker, type FromHereOptions } from '../monitoring/from-here'
import { healthService } from '../monitoring/service'
import { serverViewHandlers } from '../monitoring/server-view'
import { swarmReader } from '../monitoring/swarm'
import { sharedReady } from '../servers/shared-ready'
import { appViewHandlers } from '../monitoring/app-view'
import { volumeSizes } from '../monitoring/volumes'
import { volumeHandlers } from '../apps/volumes'
import { fileHandlers } from '../files/handlers'
import { Staging } from '../files/staging'
import { previewHandlers } from '../apps/deploy-preview'
import { cleanupHandlers } from '../servers/cleanup/service'
import { notesMentionSecurity, versionsBetween } from '../monitoring/security-notes'
import { listVersions, recipeDir } from '../recipes/git'
import { listServerNames, readServer } from '../servers/store'
import { lintHandlers } from '../lint/service'
import { registryChecker } from '../lint/registry'
import { nodeHandlers } from '../nodes/service'
import { joinHandlers } from '../servers/join'
import { lintBadgeHandlers } from '../lint/badges'
import { teamService } from '../team/service'
import { CLOSE_WAIT_MS, withTeamSync } from '../team/changes'
import { teamDeploys } from '../team/deploys'

export interface CoreOptions {
  transport: 'electron' | 'browser' | 'cli'
  env?: NodeJS.ProcessEnv
  home?: string
  keychain?: Keychain
  /** The computer's language (Electron's locale); else read from LANG and friends. */
  systemLanguage?: Language
  /**
   * Watch every server in the background from the start, as often as
   * Settings says, or every intervalMs when given (tests). Without it the
   * window and browser mode start watching on their first health.get; the CLI asks once instead.
   */
  monitor?: { intervalMs?: number }
  /**
   * Check apps' certificates and domains from this computer too (the window,
   * browser mode and the CLI turn it on with the system's DNS servers). Off
   * by default, so a test's core sends nothing off this machine.
   */
  checkFromHere?: true | FromHereOptions
}

export interface Core {
  handlers: Handlers
  events: EventBus
  paths: Paths
  jobs: Jobs
  /** Browser mode's uploads: files a page sent before its upload job takes them (files/staging.ts, browser/upload.ts). */
  staging: Staging
  /** What the first screen depends on, for whoever serves index.html (browser/first-screen.ts): the language, and whether any server is known yet. */
  firstScreen(): Promise<{ language: Language; hasServers: boolean }>
  close(): Promise<void>
}

export const APP_VERSION = '0.1.0'

/** Waits for `work`, at most `ms`. */
async function bounded(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

// The whole app minus its windows: every door (Electron IPC, browser mode,
// CLI) drives one of these through dispatch().
export function createCore(options: CoreOptions): Core {
  const env = options.env ?? process.env
  const paths = resolvePaths(env, options.home)
  const events = new EventBus()
  const settings = settingsHandlers({
    file: paths.settingsFile,
    systemLanguage: options.systemLanguage ?? systemLanguageFromEnv(env),
    onChange: (s) => {
      events.emit('settings.changed', s)
      // The monitor follows a change of alerts, interval or backup age at once.
      health.configure(s.alerts)
    }
  })
  // The saved language applies from the start; until the file is read (a few
  // ms), messages are in English.
  const loaded = settings.load()
  const jobs = new Jobs(events)
  const keychain = options.keychain ?? osKeychain()
  const servers = serverHandlers({ paths, env, events, jobs, keychain })
  const catalogue = catalogueService({ paths, env })
  const appCtx: AppContext = {
    paths,
    env,
    jobs,
    events,
    open: (name) => servers.open(name),
    // Another machine of the server's swarm, through the server's SSH link (ssh -J): terminals, commands and files go where the container runs.
    machineDocker: async (server, machine) => {
      const conn = await servers.openMachine(server, machine)
      await conn.ready()
      return conn.docker()
    },
    recipeUrl: async (recipe) => (await catalogue.repositoryOf(recipe)) ?? `${DEFAULT_RECIPE_GIT}/${recipe}.git`,
    // Deploy backs up before an upgrade; apps/ doesn't import backups/ (which builds on apps/), so it is handed in here.
    backUpFirst: (req, job) => runBackup(appCtx, req, job)
  }
  // Sharing ~/.abra/servers with the team (team/): the app changes that write an env file pull before and commit and push after.
  const team = teamService({ paths, keychain, events })
  // A deploy made while sharing says on the app's main service who deployed it and from which settings commit (apps/deploy-render.ts).
  appCtx.deployRecord = (server, domain) => team.record.deployRecord(server, domain)
  const apps = appService(appCtx)
  // Files a page sent for an upload, under <dataDir>/uploads; the window and browser mode sweep it (15 minutes unused).
  const staging = new Staging({ dir: path.join(paths.dataDir, 'uploads') })
  if (options.transport !== 'cli') void staging.start().catch(() => undefined)
  const backups = backupService(appCtx)
  const teamDeploy = teamDeploys({
    hooks: team.hooks,
    record: team.record,
    // The app's main service as the server has it (its labels say who deployed it, from which settings).
    running: async (server, domain) => {
      const app = await loadApp(appCtx, server, domain)
      const conn = await servers.open(server)
      await conn.ready()
      const name = `${app.stackName}_app`
      const list = await conn.docker().listServices({ filters: JSON.stringify({ name: [name] }) })
      const main = list.find((x) => x.Spec?.Name === name)
      if (!main) return undefined
      const previous = (main as { PreviousSpec?: { Labels?: Record<string, string> } }).PreviousSpec?.Labels
      return { stackName: app.stackName, labels: main.Spec?.Labels ?? {}, ...(main.UpdatedAt ? { updatedAt: main.UpdatedAt } : {}), ...(previous ? { previousLabels: previous } : {}) }
    }
  })
  const teamChanges = withTeamSync(
    { ...apps.handlers, 'apps.move': backups.handlers['apps.move'] },
    {
      hooks: team.hooks,
      versionOf: async (server, domain) => {
        try {
          const app = await loadApp(appCtx, server, domain)
          return { recipe: app.recipe, version: app.version }
        } catch {
          return undefined
        }
      },
      jobEnded: (jobId, signal) => jobs.wait(jobId, signal),
      checkDeploy: (input) => teamDeploy.checkDeploy(input)
    }
  )
  const securityAnswers = new Map<string, Promise<boolean>>()
  const readSwarm = swarmReader()
  // A Health round asks each server three things at once (apps, usage,
  // swarm): they share one open, so its entry (folder, Docker context) is
  // read once, not three times, per server and round, and one wait for its
  // connection, which a check that gave up (its signal, when given) releases.
  const forHealth = sharedReady((name) => servers.open(name))
  // Nightly backups on the server (backup-bot-two) as Health sees them: read through Health's own connection, once a round at most, only on servers that have them.
  const nightlyForHealth = nightlyWatch(appCtx, { open: (name, signal) => forHealth.open(name, signal) })
  const health = healthService(
    {
      events,
      historyFile: paths.historyFile,
      servers: () => listServerNames(paths),
      listApps: async (server, signal?: AbortSignal) => {
        const list = await listApps({ ...appCtx, open: (name) => forHealth.open(name, signal) }, server)
        const answer = list.servers[0]
        return { apps: list.apps, ok: answer?.ok ?? false, ...(answer?.error ? { error: answer.error } : {}) }
      },
      exec: async (server, cmd, timeoutMs, signal?: AbortSignal) => {
        const conn = await forHealth.open(server, signal)
        await conn.ready()
        return conn.exec(cmd, { timeoutMs })
      },
      dockerRoot: async (server, signal?: AbortSignal) => {
        const conn = await forHealth.open(server, signal)
        await conn.ready()
        return ((await conn.docker().info()) as { DockerRootDir?: string }).DockerRootDir || '/var/lib/docker'
      },
      swarm: async (server, signal?: AbortSignal) => {
        const conn = await forHealth.open(server, signal)
        await conn.ready()
        return readSwarm(server, conn.docker())
      },
      // Kept per app until its backups folder changes: each round asks it for every app.
      lastGoodBackup: lastGoodBackups(paths),
      // An app's newest nightly snapshot on its server counts too (the newer of the two), and a nightly run that failed or didn't happen is a problem of its own.
      nightly: (server, apps) => nightlyForHealth.look(server, apps),
      securityUpgrade: (app) => {
        if (!app.recipe || !app.upgrade) return Promise.resolve(false)
        // Release notes of tagged versions don't change: read once per recipe and pair of versions, not every round.
        const key = `${app.recipe}\n${app.version ?? ''}\n${app.upgrade}`
        let answer = securityAnswers.get(key)
        if (!answer) {
          const dir = recipeDir(paths.recipesDir, app.recipe)
          const to = app.upgrade
          answer = listVersions(dir).then(async (versions) => notesMentionSecurity(await Promise.all(versionsBetween(versions, app.version, to).map((v) => releaseNotes(dir, v)))))
          answer.catch(() => securityAnswers.delete(key))
          securityAnswers.set(key, answer)
        }
        return answer
      },
      ...(options.checkFromHere
        ? {
            fromHere: fromHereChecker(
              {
                hostOf: async (server) => {
                  const s = await readServer(paths, server, { user: '' })
                  return s.kind === 'local' ? undefined : (s.sshAlias ?? s.hostname)
                },
                ssh: { home: paths.home, env }
              },
              // COOPCLOUD_DNS_SERVERS, when set in the core's environment, answers here too (core/dns.ts).
              options.checkFromHere === true ? { resolver: systemResolver(DNS_TIMEOUT_MS, env) } : options.checkFromHere
            )
          }
        : {})
    },
    { transport: options.transport, ...(options.monitor ? { background: options.monitor } : {}) }
  )
  void loaded.then((s) => health.configure(s.alerts))
  // A server added or removed here is followed at once: a new one is checked now, not at the next round.
  const serverDoors: Pick<Handlers, 'servers.add' | 'servers.remove'> = {
    'servers.add': (input, client) => servers.handlers['servers.add'](input, client).finally(() => health.serversChanged()),
    'servers.remove': (input, client) => servers.handlers['servers.remove'](input, client).finally(() => health.serversChanged())
  }
  // An app's page: uptime, incidents, CPU and memory, volumes (monitoring/app-view.ts).
  const appView = appViewHandlers({
    readHistory: health.readHistory,
    docker: async (server) => {
      const conn = await servers.open(server)
      await conn.ready()
      return conn.docker()
    },
    stackName: async (server, domain) => (await loadApp(appCtx, server, domain)).stackName
  })
  const serverDocker = async (server: string): Promise<Docker> => {
    const conn = await servers.open(server)
    await conn.ready()
    return conn.docker()
  }
  const joins = joinHandlers({ paths, env, keychain, jobs, docker: serverDocker })
  const handlers: Handlers = {
    'app.info': async () => ({ version: APP_VERSION, transport: options.transport, abraDir: paths.abraDir }),
    ...servers.handlers,
    ...serverDoors,
    ...keyHandlers({ paths, keychain }),
    ...stackHandlers({ jobs, open: (name) => servers.open(name), check: options.transport === 'cli' ? undefined : confineTo(paths.abraDir), outsideFiles: options.transport === 'cli' ? 'warn' : 'refuse' }),
    ...catalogue.handlers,
    ...apps.handlers,
    ...team.handlers,
    // An app's volumes, sized from Docker's disk usage as its Health tab sizes them (apps/ doesn't import monitoring/).
    ...volumeHandlers(appCtx, volumeSizes),
    // The file browser (app cp): the command line names any file here; the window's stay in Downloads and the home folder.
    ...fileHandlers({ ...appCtx, anyLocalPath: options.transport === 'cli', staging }),
    // What a deploy would change, sending nothing (apps/deploy-preview.ts).
    ...previewHandlers(appCtx),
    // Freeing a server's disk: stopped containers, unused images, build cache; never volumes (servers/cleanup/).
    ...cleanupHandlers({ jobs, docker: serverDocker }),
    // The machines of a server's swarm (nodes/): listed, drained, labelled, removed through its manager.
    ...nodeHandlers({ jobs, docker: serverDocker }),
    // Adding a machine to a server's swarm (servers/join.ts): reached as a server is, the join token kept inside the core.
    ...joins.handlers,
    // abra's recipe lint (lint/): folders from anywhere only on the command line.
    ...lintHandlers({ ctx: appCtx, registry: registryChecker(), repositoryOf: catalogue.repositoryOf, anyFolder: options.transport === 'cli' }),
    // The catalogue cards' lint badges: checkouts already on this computer only, offline, kept until a checkout changes (lint/badges.ts).
    ...lintBadgeHandlers({ recipesDir: paths.recipesDir, knownRepositoryOf: catalogue.knownRepositoryOf }),
    ...backups.handlers,
    // After apps' and backups' own: the changes that write an env file, wrapped with the team's pull, commit and push (team/changes.ts).
    ...teamChanges.handlers,
    // The team's view of deploys: the preview says what a teammate deployed unshared; an app's activity (team/deploys.ts).
    'apps.preview': teamDeploy.withTeamPreview(previewHandlers(appCtx)['apps.preview']),
    'apps.activity': (input) => teamDeploy.activity(input),
    // Nightly backups on the server (backup-bot-two): made and deployed through the same app doors the window uses (shared with the team like any app change).
    ...nightlyHandlers({ ...appCtx, doors: nightlyDoors(() => handlers) }),
    ...settings.handlers,
    ...health.handlers,
    // A server's page: its disks, memory and load over the day, its Docker and swarm (monitoring/server-view.ts).
    ...serverViewHandlers({ readHistory: health.readHistory, servers: () => listServerNames(paths), latestRound: health.latestRound }).handlers,
    ...appView.handlers,
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => {
      jobs.cancel(jobId)
      return {}
    }
  }
  const firstScreen = async (): Promise<{ language: Language; hasServers: boolean }> => {
    const [s, names] = await Promise.all([settings.load(), listServerNames(paths)])
    return { language: s.effectiveLanguage, hasServers: names.length > 0 }
  }
  return { handlers, events, paths, jobs, staging, firstScreen, close: async () => {
      // Commits waiting for a job's end stop waiting; one under way gets a bounded while to finish (team/changes.ts).
      await teamChanges.close()
      await staging.close()
      await health.close()
      nightlyForHealth.close()
      await apps.close()
      await servers.connections.closeAll()
      await joins.close()
      // A commit or push still under way gets a bounded while to finish before the core goes.
      await bounded(team.idle(), CLOSE_WAIT_MS)
    }
  }
}
