// The preview shown before every deploy, upgrade and rollback (components/DeployPreviewDialog.tsx).
export const preview = {
  title: {
    deploy: 'Deploy {{domain}}?',
    deployFirst: 'Deploy {{domain}} for the first time?',
    upgrade: 'Upgrade {{domain}} to {{version}}?',
    rollback: 'Go back to {{version}} on {{domain}}?',
    redeploy: 'Deploy {{domain}} again?',
    chaos: 'Deploy your local copy of the recipe to {{domain}}?'
  },
  intro: 'Here is what will change on the server. Nothing is sent until you confirm.',
  loading: 'Working out what will change…',
  loadingHint: 'Reading the recipe and what runs on the server now. Nothing is changed.',
  loadFailed: 'Couldn’t work out what would change',
  loadFailedNext: 'Nothing was sent. Fix what the message says, then try again.',
  version: 'Version: {{from}} → {{to}}',
  versionFirst: 'Version: {{to}}',
  unknownVersion: 'unknown',
  nothing: 'Nothing will change: the server already runs exactly this. Deploying again only records the version.',
  groups: {
    restart: 'Will restart (a short interruption while the new containers start)',
    create: 'Will be created',
    update: 'Updated without a restart (labels, number of copies or update settings)',
    left: 'Stay running, though no longer in the recipe (a deploy never removes them)',
    unchanged: 'Unchanged ({{count}})',
    images: 'Software versions (images) that change',
    settings: 'Settings that change (names only)',
    settingsRemoved: 'Settings no longer given to the app',
    placement: 'Which machines may run it changes (where its data is kept)',
    secrets: 'Secrets (passwords the app uses) it will use for the first time',
    secretsChanged: 'Secrets replaced by a new version',
    volumes: 'Data (volumes) used by what starts or restarts',
    missing: 'What the server lacks'
  },
  imageNew: '{{to}} (new)',
  volumeNew: '{{name}} (new, empty)',
  missingText: 'The deploy would stop before changing anything. Create these first (secrets on the app’s Secrets tab), then preview again.',
  team: {
    title: 'Before you deploy: your team',
    unsharedNext: 'Confirming replaces what runs now with your settings. To keep your teammate’s, cancel and ask them to share their change first.'
  },
  missingKind: { secret: 'Secret: {{name}}', config: 'Config: {{name}}', network: 'Network: {{name}}' },
  serverChanged: 'The server changed since the preview',
  confirm: {
    deploy: 'Deploy',
    upgrade: 'Upgrade to {{version}}',
    rollback: 'Go back to {{version}}',
    redeploy: 'Deploy again'
  },
  starting: 'Starting…',
  startFailed: 'The deploy didn’t start'
}
