import type { health as en } from '../en/health'
import type { Translation } from '../keys'

export const health: Translation<typeof en> = {
  nav: 'Santé',
  navCountWords_one: 'point demande votre attention',
  navCountWords_other: 'points demandent votre attention',
  title: 'Santé',
  intro: 'Tout ce qui demande votre attention sur vos serveurs et vos applications, le plus grave d’abord. L’application continue de vérifier tant qu’elle est ouverte.',
  loading: 'Examen de vos serveurs…',
  loadError: 'L’application n’a pas pu dire comment vont vos serveurs',
  checkedNow: 'Vérifié à l’instant',
  checkedAgo: {
    minutes_one: 'Vérifié il y a {{count}} minute',
    minutes_other: 'Vérifié il y a {{count}} minutes',
    hours_one: 'Vérifié il y a {{count}} heure',
    hours_other: 'Vérifié il y a {{count}} heures',
    days_one: 'Vérifié il y a {{count}} jour',
    days_other: 'Vérifié il y a {{count}} jours'
  },
  checking: 'La première vérification est en cours ; ce qu’elle trouve s’affichera ici.',
  since: {
    now: 'depuis moins d’une minute',
    minutes_one: 'depuis {{count}} minute',
    minutes_other: 'depuis {{count}} minutes',
    hours_one: 'depuis {{count}} heure',
    hours_other: 'depuis {{count}} heures',
    days_one: 'depuis {{count}} jour',
    days_other: 'depuis {{count}} jours'
  },
  sinceExact: 'Vu pour la première fois : {{when}}',
  listLabel: 'Ce qui demande votre attention',
  severity: {
    critical: 'Urgent',
    warning: 'À regarder',
    notice: 'Bon à savoir'
  },
  seen: 'Ce que l’application a vu',
  next: 'Que faire',
  actions: {
    openApp: 'Ouvrir l’application',
    openServer: 'Ouvrir le serveur',
    backUpNow: 'Sauvegarder maintenant',
    startingBackup: 'Démarrage de la sauvegarde…',
    backupError: 'La sauvegarde n’a pas pu démarrer',
    openBackups: 'Ouvrir les sauvegardes',
    seeUpgrade: 'Voir la mise à jour'
  },
  noServersTitle: 'Pas encore de serveur',
  noServersText: 'Ajoutez un serveur : l’application veillera ici sur lui et sur ses applications.',
  addServer: 'Ajouter un serveur'
}
