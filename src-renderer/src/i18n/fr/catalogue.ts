import type { catalogue as en } from '../en/catalogue'
import type { Translation } from '../keys'

export const catalogue: Translation<typeof en> = {
  features: {
    backups: 'Sauvegardes',
    email: 'E-mail',
    healthcheck: 'Healthcheck',
    sso: 'Authentification unique',
    tests: 'Tests'
  },
  badge: '{{feature}} : {{answer}}',
  count: {
    all_one: '{{count}} type d’application dans le catalogue',
    all_other: '{{count}} types d’application dans le catalogue',
    none_one: 'Aucun type d’application ne correspond (sur {{count}})',
    none_other: 'Aucun type d’application ne correspond (sur {{count}})',
    some_one: '{{shown}} type d’application sur {{count}} correspond',
    some_other: '{{shown}} types d’application sur {{count}} correspondent'
  },
  source: {
    cacheTitle: 'Voici une copie enregistrée du catalogue',
    bundledTitle: 'Voici le catalogue fourni avec l’application',
    otherTitle: 'À propos de ce catalogue',
    cacheText:
      'Le catalogue n’a pas pu être téléchargé à l’instant : voici la copie enregistrée sur cet ordinateur. Elle n’est peut-être pas à jour.',
    bundledText:
      'Le catalogue n’a pas pu être téléchargé : voici la liste fournie avec l’application. Elle n’est peut-être pas à jour.',
    downloadAgain: 'Réessayer de le télécharger'
  },
  list: {
    title: 'Catalogue',
    check: 'Chercher de nouvelles applications',
    checking: 'Recherche…',
    intro:
      'Les sortes d’applications que vous pouvez faire tourner (types d’application, ou « recettes »), entretenues par la communauté Co-op Cloud. Choisissez-en une pour en savoir plus et créer une application à partir d’elle.',
    findLabel: 'Trouver un type d’application',
    search: 'Rechercher',
    searchPlaceholder: 'Un nom ou ce qu’elle fait, comme « wiki » ou « chat »',
    category: 'Catégorie',
    allCategories: 'Toutes les catégories',
    onlyWith: 'Seulement les types d’application avec',
    loading: 'Chargement du catalogue…',
    loadError: 'Le catalogue n’a pas pu être chargé',
    downloaded: 'Téléchargé <time>{{when}}</time>',
    bundled: 'La liste fournie avec l’application',
    clear: 'Effacer la recherche et les filtres',
    noMatchTitle: 'Aucun type d’application ne correspond',
    noMatchText: 'Essayez d’autres mots, ou moins de filtres.',
    appTypes: 'Types d’application',
    noCategory: 'Sans catégorie',
    noDescription: 'Pas encore de description.'
  },
  recipe: {
    back: 'Catalogue',
    kind: 'Type d’application (recette)',
    kindWithCategory: 'Type d’application (recette) · {{category}}',
    create: 'Créer une application avec cette recette',
    offers: 'Ce que propose {{name}}',
    downloadingHint:
      'La première fois, l’application télécharge les fichiers de la recette depuis son dépôt git. Cela peut prendre une minute.',
    downloading: 'Téléchargement de la recette…',
    downloadError: 'La recette n’a pas pu être téléchargée',
    changedTitle: 'La recette sur cet ordinateur a été modifiée',
    changedText: 'L’application n’écrase jamais vos modifications.',
    readmeLabel: 'À propos de {{name}} (son README)',
    noReadme: 'Cette recette n’a pas de README.'
  },
  versions: {
    title: 'Versions',
    none: 'Cette recette n’a pas encore de version publiée. Une application créée avec elle utilise les fichiers les plus récents de son dépôt, qui peuvent changer à tout moment.',
    intro_one: 'Une version, la plus récente en premier. Une nouvelle application utilise la plus récente, sauf si vous en choisissez une autre.',
    intro_other:
      '{{count}} versions, la plus récente en premier. Une nouvelle application utilise la plus récente, sauf si vous en choisissez une autre.',
    newest: 'La plus récente',
    use: 'Utiliser cette version<hidden> ({{version}})</hidden>',
    notes: 'Notes de version',
    noNotes: 'Pas de notes de version.',
    showFewer: 'Afficher moins de versions',
    showAll: 'Afficher les {{count}} versions'
  },
  newApp: {
    title: 'Nouvelle application {{recipe}}',
    intro:
      'Choisissez où l’application tourne et son adresse, relisez ses réglages, puis créez-la. Rien n’est déployé tant que vous ne le demandez pas.',
    noServerTitle: 'Ajoutez d’abord un serveur',
    noServerText: 'Une application tourne sur un de vos serveurs, et vous n’en avez encore aucun.',
    goToServers: 'Aller aux serveurs',
    createdTitle: 'Votre application {{domain}} est prête à être déployée',
    created:
      'Ses réglages sont enregistrés sur cet ordinateur (<file>{{file}}</file>). Rien ne tourne sur {{server}} tant que vous ne la déployez pas.',
    createdWithSecrets:
      'Ses réglages sont enregistrés sur cet ordinateur (<file>{{file}}</file>) et ses secrets sont sur le serveur. Rien ne tourne sur {{server}} tant que vous ne la déployez pas.',
    deployError: 'Le déploiement n’a pas pu démarrer',
    deployStarting: 'Démarrage du déploiement…',
    deployNow: 'Déployer maintenant',
    openApp: 'Ouvrir la page de l’application',
    notNow: 'Pas maintenant',
    secretsTypeOrGenerate_one: 'Saisissez une valeur pour {{names}}, ou laissez l’application la générer.',
    secretsTypeOrGenerate_other: 'Saisissez une valeur pour {{names}}, ou laissez l’application les générer.',
    secretsMustType_one: 'Saisissez une valeur pour {{names}} : le type d’application vous demande de la choisir.',
    secretsMustType_other: 'Saisissez une valeur pour {{names}} : le type d’application vous demande de les choisir.',
    downloadingHint: 'L’application a besoin des fichiers de la recette pour connaître ses versions et ses réglages.',
    serversError: 'La liste de vos serveurs n’a pas pu être lue',
    formLabel: 'Nouvelle application {{recipe}}',
    where: 'Où, et quelle version',
    server: 'Serveur',
    serverHint: 'Le serveur sur lequel l’application tournera.',
    version: 'Version',
    versionUnknown: 'Inconnue',
    versionLoading: 'Chargement…',
    versionNoReleases: 'Fichiers les plus récents (aucune version publiée)',
    versionNewest: '{{version}} (la plus récente)',
    versionHint: 'La plus récente convient en général. Vous pourrez mettre à jour plus tard.',
    domain: 'Domaine',
    domainPlaceholder: '{{recipe}}.example.org',
    domainHint:
      'L’adresse web à laquelle l’application répondra, comme {{recipe}}.example.org. C’est aussi le nom de l’application. Faites pointer son DNS vers le serveur avant de déployer.',
    domainRecipeSays: 'La recette dit : {{help}}',
    formError: 'Les réglages n’ont pas pu être préparés',
    readingSettings: 'Lecture des réglages de la recette…',
    createError: 'L’application n’a pas pu être créée',
    creatingHint: 'Rien ne reste à moitié fait : si une étape échoue, l’application annule les autres.',
    creating: 'Création de l’application…',
    create: 'Créer l’application'
  },
  secrets: {
    title: 'Secrets (mots de passe utilisés par l’application)',
    needs_one:
      'Ce type d’application a besoin d’un secret : <names></names>. Il est gardé sur le serveur comme secret Docker, jamais dans le fichier de réglages.',
    needs_other:
      'Ce type d’application a besoin de {{count}} secrets : <names></names>. Ils sont gardés sur le serveur comme secrets Docker, jamais dans le fichier de réglages.',
    how: 'Comment les créer',
    generate: 'Générer les mots de passe pour moi <muted>(recommandé)</muted>',
    generateHint: 'De longs mots de passe aléatoires. Vous les voyez une seule fois, juste après la création de l’application.',
    typeThem: 'Je les saisis moi-même',
    mustType: 'La recette vous demande de saisir celui-ci.',
    suggestedLength: 'La recette conseille {{length}} caractères.',
    keptAs: 'Gardé sur le serveur sous le nom {{name}}.',
    tooLong:
      'Avec ce domaine, le nom d’un secret sur le serveur ({{names}}) dépasse les 64 caractères permis par Docker. Choisissez un domaine plus court.'
  },
  // A README's picture that is not shown (lib/markdown.ts): its description instead.
  markdown: {
    picture: '[Image]',
    pictureOf: '[Image : {{alt}}]'
  }
}
