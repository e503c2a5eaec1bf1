import type { catalogue as en } from '../en/catalogue'
import type { Translation } from '../keys'

export const catalogue: Translation<typeof en> = {
  features: {
    backups: 'Sauvegardes',
    email: 'E-mail',
    healthcheck: 'Contrôle de santé',
    tests: 'Tests',
    sso: 'Authentification unique'
  },
  answers: {
    yes: 'oui',
    no: 'non',
    notApplicable: 'pas nécessaire',
    unknown: 'inconnu'
  },
  featureBadge: '{{feature}} : {{answer}}',
  readmeSays: 'Le README dit « {{raw}} »',
  status: {
    badge: 'État : {{status}}',
    unrated: 'Non évaluée',
    unratedDetail: 'Les personnes qui maintiennent cette recette ne l’ont pas encore évaluée.',
    alpha: 'Alpha',
    alphaDetail: 'Travail en cours : attendez-vous à des pannes.',
    beta: 'Bêta',
    betaDetail: 'Fonctionne pour certains, avec des défauts.',
    usable: 'Utilisable',
    usableDetail: 'En service, mais pas encore considérée comme stable.',
    mostlyStable: 'Plutôt stable',
    mostlyStableDetail: 'Stable pour la plupart des usages.',
    stable: 'Stable',
    stableDetail: 'Stable et bien maintenue.'
  },
  notJson: 'Le catalogue des recettes n’est pas du JSON valide ({{message}}).',
  notObject: 'Le catalogue des recettes devrait être un objet JSON de recettes par nom, et celui-ci ne l’est pas.',
  skipped: 'La recette « {{key}} » a été ignorée : {{message}}.',
  skippedAt: 'La recette « {{key}} » a été ignorée : {{message}} à {{path}}.',
  noAnswerInTime: 'il n’a pas répondu à temps',
  serverAnswered: 'le serveur a répondu {{status}}',
  tooBig: 'elle fait plus de {{size}}, bien plus qu’une liste de recettes ne devrait',
  downloadFailed: 'La liste des recettes n’a pas pu être téléchargée depuis {{url}} ({{reason}}).',
  showingSaved: 'Voici la copie enregistrée sur cet ordinateur.',
  downloadedOn: 'Elle a été téléchargée le {{date}}.',
  downloadedOnStale: 'Elle a été téléchargée le {{date}} et n’est peut-être plus à jour.',
  noCopy: 'Aucune copie enregistrée de la liste des recettes n’a été trouvée, et l’application n’en fournit pas.',
  notDownloaded: 'La liste des recettes n’a pas été téléchargée.',
  showingBundled: 'Voici la liste fournie avec l’application, qui n’est peut-être plus à jour.'
}
