import type { settings as en } from '../en/settings'
import type { Translation } from '../keys'

export const settings: Translation<typeof en> = {
  title: 'Réglages',
  about: 'À propos de cette application',
  aboutError: 'L’application n’a pas pu lire ses propres informations',
  version: 'Version',
  abraDir: 'Où sont gardés les fichiers d’abra',
  appearance: 'Apparence',
  appearanceText: 'L’application suit le réglage clair ou sombre de votre ordinateur.',
  language: 'Langue',
  languageLabel: 'La langue de l’application',
  languageSystem: 'Celle de cet ordinateur ({{language}})',
  languageHelp: 'Les mots, les dates, les tailles et les nombres suivent ce choix. Les messages des logiciels de vos serveurs restent tels que ces programmes les écrivent.',
  languageSaved: 'Enregistré. L’application parle maintenant {{language}}.',
  languageError: 'La langue n’a pas pu être enregistrée'
}
