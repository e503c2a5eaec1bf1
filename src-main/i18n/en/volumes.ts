// An app's volumes (src-main/apps/volumes.ts) and `app volume ls|rm` (src-main/cli/app-volume.ts).
export const volumes = {
  none: 'none',
  user: '{{container}} (its service {{service}} of {{stack}})',
  locality: {
    badService: '“{{service}}” is not a service name (letters, digits, “.”, “_” and “-”).',
    notReady: '{{machine}} is not answering the swarm ({{state}}), so its volumes could not be listed.',
    noWay: 'The app has no way to reach {{machine}} from here, so its volumes could not be listed.',
    slow: '{{machine}} did not list its volumes within {{seconds}} seconds.',
    unknownMachine: 'No machine of {{server}}’s swarm is called {{machine}}, so {{service}} was not pinned. Nothing was changed.',
    sameName: 'Several machines of {{server}}’s swarm are called {{machine}}, so a rule by name can’t keep {{service}} on one of them. Rename one machine, then try again. Nothing was changed.'
  },
  remove: {
    title: 'Removing volumes of {{domain}}',
    step: 'Removing the chosen volumes (the data in them)',
    confirmMismatch: 'To remove volumes, type the app’s domain exactly: {{domain}}. Nothing was removed.',
    deployed: '{{domain}} is deployed, and it keeps its data in these volumes. Undeploy it first, then remove them. Nothing was removed.',
    notOfApp: '“{{name}}” is not one of {{domain}}’s volumes, so nothing was removed. Its volumes are: {{names}}.',
    inUse: 'The volume {{name}} is still used by {{users}}, so Docker won’t remove it. Nothing was removed.',
    failed: 'The volume {{name}} could not be removed: {{message}}. Try again in a minute.',
    alreadyGone: 'The volume {{name}} was already gone.',
    done_one: 'Removed {{count}} volume of {{domain}} and the data in it.',
    done_other: 'Removed {{count}} volumes of {{domain}} and the data in them.'
  },
  cli: {
    usage: `  coopcloud-desktop app volume ls <domain> [--json]
  coopcloud-desktop app volume rm <domain> [names…] [--yes]   (no names: every volume of the app)`,
    sayWhat: 'Say what to do with the app’s volumes: ls or rm.',
    notCommand: '"{{sub}}" is not an app volume command: use ls or rm.',
    lsOnlyDomain: '"app volume ls" takes only the domain.',
    head: { name: 'VOLUME', size: 'SIZE', created: 'CREATED', usedBy: 'IN USE BY', docker: 'DOCKER NAME' },
    sizeUnknown: '?',
    notUsed: 'not in use',
    stopped: '{{who}} (stopped)',
    none: '{{domain}} has no volumes on {{server}}.',
    sizesMissing: 'Sizes are missing: {{why}}',
    deployedNote: '{{domain}} is deployed: undeploy it before removing volumes.',
    willRemove: 'This deletes these volumes of {{domain}} on {{server}}, and all the data in them, for good:',
    typeDomain: 'Type the app’s domain ({{domain}}) to go on: ',
    askFirst: 'Removing volumes deletes data for good. Run it in a terminal to be asked, or add --yes: coopcloud-desktop app volume rm {{domain}} {{names}} --yes',
    nothing: 'Nothing was removed.',
    failed: 'The volumes of {{domain}} could not be removed.',
    removed_one: 'Removed {{count}} volume of {{domain}} on {{server}}.',
    removed_other: 'Removed {{count}} volumes of {{domain}} on {{server}}.'
  }
}
