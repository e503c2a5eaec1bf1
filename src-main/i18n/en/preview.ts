// What a deploy would change (src-main/apps/deploy-preview*.ts) and `app deploy|upgrade|rollback --dry-run`.
export const preview = {
  heading: {
    deploy: 'Deploying {{domain}} at version {{to}} would:',
    deployFirst: '{{domain}} is not deployed yet. Deploying version {{to}} would:',
    upgrade: 'Upgrading {{domain}} from {{from}} to {{to}} would:',
    rollback: 'Rolling {{domain}} back from {{from}} to {{to}} would:',
    redeploy: 'Deploying {{domain}} again at version {{to}} would:',
    chaos: 'Deploying your local copy of the recipe to {{domain}} would:'
  },
  unknownVersion: 'unknown',
  create: '- start for the first time: {{list}}',
  restart: '- restart: {{list}} (a short interruption while their new containers start)',
  update: '- change without restarting anything: {{list}} (labels, number of copies or update settings)',
  unchanged: '- leave as they are: {{list}}',
  left: '- {{list}}: no longer in the recipe. They keep running: a deploy never removes them (as with abra).',
  nothing: 'Nothing would change: the server already runs exactly this.',
  images: 'Software versions (images) that change:',
  image: '- {{service}}: {{from}} → {{to}}',
  imageNew: '- {{service}}: {{to}} (new)',
  settings: 'Settings that change (names only): {{list}}',
  settingsRemoved: 'Settings no longer given to the app: {{list}}',
  placement: 'Which machines may run it changes for: {{list}}',
  secretsAdded: 'Secrets the app will use for the first time: {{list}}',
  secretsChanged: 'Secrets replaced by a new version: {{list}}',
  volumes: 'Data (volumes) of the services that start or restart: {{list}}',
  volumeNew: '{{name}} (new, empty)',
  missing: 'The server lacks {{list}}, so the deploy would stop before changing anything: create it first.',
  missingSecret: 'the secret {{name}}',
  missingConfig: 'the config {{name}}',
  missingNetwork: 'the network {{name}}',
  and: '{{list}} and {{last}}',
  serverChanged: {
    message: 'The server changed since the preview ({{what}}), so nothing was sent to {{domain}}. Here is the new preview: check it and confirm again.',
    services: 'a service of the app was changed on the server',
    sent: 'the app\'s settings or its recipe files changed',
    both: 'a service of the app was changed on the server, and the app\'s settings or recipe files changed',
    pins: 'the images to send are not the ones the preview found'
  },
  progress: {
    reading: 'Reading the server…',
    registry: 'Asking the image registry about {{image}}… ({{n}} of {{of}})',
    comparing: 'Comparing…'
  },
  pinsAlone: 'The image pins of a preview are only taken with that preview’s fingerprint (expectServerState): preview again and send both.',
  cli: {
    nothingSent: 'This was only a preview (--dry-run): nothing was sent to the server.'
  }
}
