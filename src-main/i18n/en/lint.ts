// Recipe lint (src-main/lint/, `recipe lint`): each rule in plain words and how to make it pass. Ids are abra's (R…), D001 is this app's own.
export const lint = {
  rules: {
    R001: { title: 'The compose files say version "3.8"', fix: 'Put version: "3.8" at the top of every compose file.' },
    R002: { title: 'Every service has a health check', fix: 'Add a healthcheck: section to each service named, so the server knows when it is really working.' },
    R003: { title: 'Every image names its version (a tag)', fix: 'Add a tag to each image named, e.g. nginx:1.25.3, so every server runs the same software.' },
    R004: { title: 'No image uses a moving tag such as "latest"', fix: 'Replace "latest" (or "main", "edge"…) with the exact version the recipe was tested with.' },
    R005: { title: 'Image tags look like version numbers', fix: 'Use tags like 1.2.3 or v1.2.3-alpine, so upgrades can be compared and ordered.' },
    R006: { title: 'The recipe has a published version', fix: 'Publish a version of the recipe (abra recipe release), so people can install a known state.' },
    R007: { title: 'The README describes the recipe (metadata block)', fix: 'Fill in the README\'s <!-- metadata --> block: category, status, image, backups, email, health check, tests and single sign-on.' },
    R008: { title: 'An example settings file (.env.sample) is provided', fix: 'Add a .env.sample with every setting a new app needs and its default.' },
    R009: { title: 'One service is named "app"', fix: 'Name the main service "app": abra and this app look for it (version label, commands, backups).' },
    R010: { title: 'The website is routed through the reverse proxy (traefik)', fix: 'Add the deploy label "traefik.enable=true" to the service that serves the website.' },
    R011: { title: 'Every service names an image', fix: 'Add image: … to each service named.' },
    R012: { title: 'Config versions are kept in abra.sh', fix: 'Export each config\'s *_VERSION in abra.sh (e.g. export NGINX_CONF_VERSION=v1) and raise it when the file changes.' },
    R013: { title: 'The recipe has a repository', fix: 'Publish the recipe in a git repository (git.coopcloud.tech/coop-cloud/<recipe>) so others can get it.' },
    R014: { title: 'Versions are annotated git tags', fix: 'Replace each lightweight tag with an annotated one (git tag -a <version> -m "<notes>").' },
    R015: { title: 'Secret names are 12 characters or fewer', fix: 'Shorten each secret named: the server refuses secret names past 64 characters once the app\'s name and version are added.' },
    D001: { title: 'Every image can be downloaded from its registry', fix: 'Check the image names and tags: the registry says these don\'t exist, so a deploy would fail.' }
  },
  failing: 'Fails for: {{list}}',
  skipped: {
    noWebsite: 'Not checked: the recipe has no website (no DOMAIN in .env.sample).',
    noGit: 'Not checked: this folder is not a git repository.',
    notAsked: 'Not checked: the registries were not asked.',
    unreachable: 'Not checked: registry not reachable ({{registries}}).'
  },
  badge: {
    problems_one: 'Has problems: {{count}}',
    problems_other: 'Has problems: {{count}}',
    warnings_one: 'Warnings: {{count}}',
    warnings_other: 'Warnings: {{count}}',
    ok: 'No known problems'
  },
  summary: {
    ok: 'No problems found.',
    problems: '{{errors}} problem(s) and {{warnings}} warning(s).'
  },
  notFolder: '{{path}} is not a recipe folder (no compose.yml). Give a recipe\'s name or the folder that holds its compose.yml.',
  cli: {
    usage: 'runs abra\'s recipe rules; exit code 1 if an error-level rule fails; --offline skips the registries',
    sayWhat: 'Say what to do with recipes: recipe lint <recipe|folder>.',
    notCommand: '"{{sub}}" is not a recipe command. Try: recipe lint <recipe|folder>.',
    giveOne: 'Give one recipe name, or a folder written as a path (./myrecipe).',
    heading: 'Recipe {{recipe}}:',
    headingVersion: 'Recipe {{recipe}}, version {{version}}:'
  },
  table: { id: 'Rule', level: 'Level', result: 'Result', what: 'What it checks', fix: 'How to fix it', ok: 'ok', fails: 'fails', skipped: 'skipped', warn: 'warn', error: 'error' }
}
