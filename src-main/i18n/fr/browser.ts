import type { en } from '../en'
import type { Translation } from '../keys'

export const browser: Translation<typeof en.browser> = {
  running: 'Co-op Cloud Desktop est ouvert à l’adresse :\n\n  {{url}}\n\nGardez cette fenêtre ouverte pendant que vous l’utilisez ; appuyez sur Ctrl+C pour arrêter.',
  badPort: '--port doit être un nombre de 0 à 65535.',
  couldNotStart: 'Co-op Cloud Desktop n’a pas pu démarrer : {{reason}}',
  wrongHost: 'Interdit : en-tête Host incorrect.',
  methodNotAllowed: 'Méthode non autorisée.',
  notFound: 'Introuvable.',
  badRequest: 'Requête incorrecte.',
  unreadable: 'L’application a envoyé un message que le serveur n’a pas pu lire.'
}
