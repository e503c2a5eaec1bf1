import type { Language } from './languages'

// The contract's own words: the messages its schemas give when a value is
// refused (a server name, a domain, a port…) and the errors it words itself
// (errors.ts). Both sides check values with these schemas — the page as the
// person types, the core's dispatch on every request — and the contract may
// import nothing of either (eslint 'contract-stands-alone'), so its words and
// their translations live here, and each side says which language is in
// force: the core's setLanguage (src-main/i18n/i18n.ts) and the page's i18n
// call setContractLanguage. Schemas ask for their words when a value is
// checked (zod's `error` functions), never at import time, so a change of
// language applies to the next check. The core's catalogue holds these same
// tables as its 'contract' area (src-main/i18n/{en,fr}/contract.ts), so the
// unit test that compares English and French covers them too.

export const contractWordsEn = {
  serverName: {
    empty: 'Give the server a name.',
    tooLong: 'That name is too long (253 characters at most).',
    chars: 'Use only letters, digits, dots, dashes and underscores.',
    dots: 'A name cannot contain "..".'
  },
  address: {
    empty: 'Type the server address or its SSH alias.',
    tooLong: 'That address is too long.',
    chars: 'An address has only letters, digits, dots, dashes and colons.'
  },
  user: {
    tooLong: 'That user name is too long.',
    chars: 'A user name has only letters, digits, dots, dashes and underscores.'
  },
  port: {
    whole: 'The port is a whole number.',
    range: 'Ports go from 1 to 65535.'
  },
  socket: {
    tooLong: 'That socket path is too long.',
    absolute: 'The Docker socket path must start with /.'
  },
  path: {
    empty: 'Give a path.',
    tooLong: 'That path is too long.'
  },
  stack: {
    tooLong: 'A stack name has at most 63 characters.',
    chars: 'A stack name has only letters, digits, dots, dashes and underscores.'
  },
  backup: {
    notName: 'That is not the name of a backup.',
    notSnapshot: 'That is not a snapshot id of backup-bot-two.'
  },
  alerts: {
    intervalWhole: 'The time between checks is a whole number of seconds.',
    intervalRange: 'Choose between 30 seconds and 1 hour (3600 seconds) between checks.',
    backupWhole: 'The backup age is a whole number of days.',
    backupRange: 'Choose between 1 and 365 days.'
  },
  recipe: {
    empty: 'Choose an app type (recipe).',
    tooLong: 'That recipe name is too long.',
    chars: 'A recipe name has only small letters, digits, dots, dashes and underscores.',
    dots: 'A recipe name cannot contain "..".',
    version: 'A version has only letters, digits, dots, dashes and plus signs.',
    lintWhich: 'Give either a recipe or a folder to check, not both.'
  },
  command: {
    name: 'A command is the name of a function in the recipe\'s abra.sh: letters, digits and underscores.'
  },
  files: {
    outside: 'A path inside a volume cannot contain "..": it would leave the volume (where the app keeps its data).',
    uploadName: 'A file to upload is named by its own name only: no "/", and not "." or "..".'
  },
  domain: {
    empty: 'Type the domain the app will answer on, like cloud.example.org.',
    tooLong: 'That domain is too long (at most 253 characters).',
    scheme: 'Type the domain without "{{scheme}}//", like cloud.example.org.',
    spaces: '"{{domain}}" isn\'t a domain: it can\'t contain spaces, "/" or "\\".',
    lowerCase: 'Use lower-case letters: {{domain}}.',
    emptyPart: '"{{domain}}" isn\'t a domain: it has an empty part between dots.',
    partTooLong: '"{{part}}" is too long for one part of a domain (at most 63 characters).',
    chars: '"{{domain}}" isn\'t a domain: use only letters, digits, "-" and dots.',
    dashes: '"{{domain}}" isn\'t a domain: a part can\'t start or end with "-".',
    whole: 'Type the whole address, with a dot, like {{domain}}.example.org: "{{domain}}" alone can’t be reached from the internet.'
  },
  envTooLong: 'That env file is too long.',
  errors: {
    diskFull: "Your computer's disk is full, so the file could not be saved. Free some space, then try again.",
    diskFullFile: "Your computer's disk is full, so the file {{file}} could not be saved. Free some space, then try again.",
    connectionLost: 'The connection to the server was lost before this finished. Check that the server is on and that your internet works, then try again.',
    swarmNotReady:
      'Docker on the server is not ready to run apps: its swarm did not answer. If the server or Docker was just restarted, wait a minute, then try again; if it keeps happening, check the server on the Servers screen (Swarm may need turning on).',
    internal: 'Something went wrong inside the app. Try again; if it keeps happening, report it with the reference {{reference}}: the details were written to the log.'
  }
}

type Words<T> = { [K in keyof T]: T[K] extends string ? string : Words<T[K]> }

export const contractWordsFr: Words<typeof contractWordsEn> = {
  serverName: {
    empty: 'Donnez un nom au serveur.',
    tooLong: 'Ce nom est trop long (253 caractères au plus).',
    chars: 'Utilisez seulement des lettres, des chiffres, des points, des tirets et des tirets bas.',
    dots: 'Un nom ne peut pas contenir « .. ».'
  },
  address: {
    empty: 'Saisissez l’adresse du serveur ou son alias SSH.',
    tooLong: 'Cette adresse est trop longue.',
    chars: 'Une adresse ne contient que des lettres, des chiffres, des points, des tirets et des deux-points.'
  },
  user: {
    tooLong: 'Ce nom d’utilisateur est trop long.',
    chars: 'Un nom d’utilisateur ne contient que des lettres, des chiffres, des points, des tirets et des tirets bas.'
  },
  port: {
    whole: 'Le port est un nombre entier.',
    range: 'Les ports vont de 1 à 65535.'
  },
  socket: {
    tooLong: 'Ce chemin de socket est trop long.',
    absolute: 'Le chemin du socket Docker doit commencer par /.'
  },
  path: {
    empty: 'Indiquez un chemin.',
    tooLong: 'Ce chemin est trop long.'
  },
  stack: {
    tooLong: 'Un nom de stack a 63 caractères au plus.',
    chars: 'Un nom de stack ne contient que des lettres, des chiffres, des points, des tirets et des tirets bas.'
  },
  backup: {
    notName: 'Ce n’est pas le nom d’une sauvegarde.',
    notSnapshot: 'Ce n’est pas un identifiant d’instantané de backup-bot-two.'
  },
  alerts: {
    intervalWhole: 'Le temps entre deux vérifications est un nombre entier de secondes.',
    intervalRange: 'Choisissez entre 30 secondes et 1 heure (3600 secondes) entre deux vérifications.',
    backupWhole: 'L’âge des sauvegardes est un nombre entier de jours.',
    backupRange: 'Choisissez entre 1 et 365 jours.'
  },
  recipe: {
    empty: 'Choisissez un type d’application (recipe).',
    tooLong: 'Ce nom de recipe est trop long.',
    chars: 'Un nom de recipe ne contient que des lettres minuscules, des chiffres, des points, des tirets et des tirets bas.',
    dots: 'Un nom de recipe ne peut pas contenir « .. ».',
    version: 'Une version ne contient que des lettres, des chiffres, des points, des tirets et des signes plus.',
    lintWhich: 'Donnez soit une recipe, soit un dossier à vérifier, pas les deux.'
  },
  command: {
    name: 'Une commande est le nom d’une fonction du fichier abra.sh de la recipe : lettres, chiffres et tirets bas.'
  },
  files: {
    outside: 'Un chemin dans un volume ne peut pas contenir « .. » : il sortirait du volume (là où l’app garde ses données).',
    uploadName: 'Un fichier à envoyer est désigné par son seul nom : sans « / », et ni « . » ni « .. ».'
  },
  domain: {
    empty: 'Saisissez le domaine auquel l’application répondra, comme cloud.example.org.',
    tooLong: 'Ce domaine est trop long (253 caractères au plus).',
    scheme: 'Saisissez le domaine sans « {{scheme}}// », comme cloud.example.org.',
    spaces: '« {{domain}} » n’est pas un domaine : il ne peut contenir ni espace, ni « / », ni « \\ ».',
    lowerCase: 'Utilisez des lettres minuscules : {{domain}}.',
    emptyPart: '« {{domain}} » n’est pas un domaine : il a une partie vide entre deux points.',
    partTooLong: '« {{part}} » est trop long pour une partie de domaine (63 caractères au plus).',
    chars: '« {{domain}} » n’est pas un domaine : utilisez seulement des lettres, des chiffres, « - » et des points.',
    dashes: '« {{domain}} » n’est pas un domaine : une partie ne peut pas commencer ni finir par « - ».',
    whole: 'Saisissez l’adresse complète, avec un point, comme {{domain}}.example.org : « {{domain}} » seul n’est pas joignable depuis internet.'
  },
  envTooLong: 'Ce fichier env est trop long.',
  errors: {
    diskFull: 'Le disque de votre ordinateur est plein : le fichier n’a pas pu être enregistré. Libérez de la place, puis réessayez.',
    diskFullFile: 'Le disque de votre ordinateur est plein : le fichier {{file}} n’a pas pu être enregistré. Libérez de la place, puis réessayez.',
    connectionLost:
      'La connexion au serveur a été perdue avant la fin. Vérifiez que le serveur est allumé et que votre connexion internet fonctionne, puis réessayez.',
    swarmNotReady:
      'Docker sur le serveur n’est pas prêt à faire tourner des applications : son swarm n’a pas répondu. Si le serveur ou Docker vient de redémarrer, attendez une minute, puis réessayez ; si cela se reproduit, vérifiez le serveur dans l’écran Serveurs (Swarm doit peut-être être activé).',
    internal:
      'Un problème est survenu dans l’application. Réessayez ; si cela se reproduit, signalez-le avec la référence {{reference}} : les détails ont été écrits dans le journal.'
  }
}

type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string]
export type ContractWord = Leaves<typeof contractWordsEn>

const tables: Record<Language, Words<typeof contractWordsEn>> = { en: contractWordsEn, fr: contractWordsFr }
let language: Language = 'en'

/**
 * The language of the contract's words, and of zod's own generic messages
 * ("Invalid input: expected string"), which zod-words.ts hands to zod. Free of
 * zod itself, so the page's first script can call it.
 */
export function setContractLanguage(next: Language): void {
  language = next
}

export function contractLanguage(): Language {
  return language
}

/** One of the contract's messages in the language in force; `vars` fill {{name}} slots. */
export function words(key: ContractWord, vars: Record<string, string> = {}): string {
  const find = (table: unknown): string | undefined => {
    const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], table)
    return typeof found === 'string' ? found : undefined
  }
  const text = find(tables[language]) ?? find(contractWordsEn) ?? key
  return text.replace(/\{\{(\w+)\}\}/g, (slot, name: string) => vars[name] ?? slot)
}
