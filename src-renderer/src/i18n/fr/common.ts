import type { common as en } from '../en/common'
import type { Translation } from '../keys'

export const common: Translation<typeof en> = {
  skipToContent: 'Aller au contenu',
  starting: 'Démarrage…',
  opening: 'Ouverture…',
  brand: 'Co-op Cloud',
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
    daysAgo_other: 'il y a {{count}} jours'
  },
  step: 'Étape {{step}} sur {{count}}',
  thisComputer: 'Cet ordinateur',
  unknownSize: 'taille inconnue'
}
