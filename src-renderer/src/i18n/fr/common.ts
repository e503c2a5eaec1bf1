import type { common as en } from '../en/common'
import type { Translation } from '../keys'

export const common: Translation<typeof en> = {
  skipToContent: 'Aller au contenu',
  starting: 'Démarrage…',
  opening: 'Ouverture…',
  brand: 'Co-op Cloud',
  typeToConfirm: 'Tapez <mono>{{domain}}</mono> pour confirmer',
  actions: {
    cancel: 'Annuler',
    close: 'Fermer',
    tryAgain: 'Réessayer',
    showDetails: 'Voir les détails',
    copy: 'Copier',
    copied: 'Copié',
    save: 'Enregistrer',
    back: 'Retour',
    next: 'Suivant',
    done: 'Terminé',
    goBack: 'Revenir en arrière',
    dismiss: 'Fermer ce message'
  },
  nav: {
    label: 'Principal',
    apps: 'Applications',
    catalogue: 'Catalogue',
    servers: 'Serveurs',
    backups: 'Sauvegardes',
    settings: 'Réglages'
  },
  time: {
    today: 'aujourd’hui {{clock}}',
    yesterday: 'hier {{clock}}',
    daysAgo_one: 'il y a {{count}} jour',
    daysAgo_other: 'il y a {{count}} jours',
    everySeconds_one: 'chaque seconde',
    everySeconds_other: 'toutes les {{count}} secondes',
    everyMinutes_one: 'chaque minute',
    everyMinutes_other: 'toutes les {{count}} minutes',
    everyHours_one: 'toutes les heures',
    everyHours_other: 'toutes les {{count}} heures'
  },
  step: 'Étape {{step}} sur {{count}}',
  thisComputer: 'Cet ordinateur',
  unknownSize: 'taille inconnue',
  working: 'En cours…',
  optional: '(facultatif)',
  didNotWork: 'Cela n’a pas fonctionné',
  internalError: 'Un problème est survenu dans l’application. Réessayez ; si cela se reproduit, signalez-le avec les détails ci-dessous.',
  copyFailed: 'La copie n’a pas fonctionné. Sélectionnez le texte et copiez-le vous-même.',
  progressPercent: '{{value}} pour cent',
  progressWorking: 'En cours',
  quoted: '« {{text}} »',
  connection: {
    lost: 'La connexion à Co-op Cloud Desktop est perdue. Est-il toujours ouvert ?',
    noToken: 'Cette page a besoin de l’adresse affichée au démarrage de Co-op Cloud Desktop (celle avec #token=…). Ouvrez de nouveau cette adresse.',
    unreachable: 'Impossible de joindre Co-op Cloud Desktop. Il s’est peut-être arrêté, ou cette page vient d’un lancement précédent : ouvrez l’adresse qu’il a affichée.'
  }
}
