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
  languageError: 'La langue n’a pas pu être enregistrée',
  alerts: {
    title: 'Alertes',
    intro: 'Tant que l’application tourne, Santé vérifie vos serveurs et vos applications en arrière-plan. Elle vous prévient quand quelque chose ne va plus, puis quand c’est réparé : une fois à chaque fois, sans répéter.',
    permission: {
      default: 'Pour être prévenu tout de suite, même quand cet onglet est en arrière-plan, laissez ce navigateur afficher les notifications de l’application. Votre navigateur vous demandera de confirmer.',
      allow: 'Autoriser les notifications',
      granted: 'Ce navigateur affiche les notifications de l’application tant qu’elle est ouverte dans un onglet.',
      denied: 'Ce navigateur bloque les notifications de l’application. Pour les autoriser, cliquez sur l’icône juste à gauche de l’adresse, réglez Notifications sur Autoriser, puis rechargez cette page.',
      unsupported: 'Ce navigateur ne peut pas afficher de notifications. Santé liste toujours tout ce qui demande votre attention.',
      desktop: 'Les notifications apparaissent sur votre bureau tant que l’application tourne, même quand sa fenêtre est fermée.'
    },
    groupsLegend: 'Me prévenir quand',
    group: {
      apps: { label: 'Une application est arrêtée ou plante sans cesse', hint: 'Arrêtée, relancée encore et encore, ou qui échoue à son contrôle de santé.' },
      servers: { label: 'Un serveur est injoignable, ou son disque ou sa mémoire est plein', hint: 'Aussi quand une machine de son essaim est arrêtée.' },
      certificates: { label: 'Un certificat ou un domaine a un problème', hint: 'Un certificat qui expire ou n’est pas valide, un site injoignable, un domaine qui pointe ailleurs (vérifié depuis cet ordinateur).' },
      backups: { label: 'Une sauvegarde est trop ancienne, ou n’a jamais été faite', hint: 'Plus ancienne que la limite ci-dessous.' },
      upgrades: { label: 'Une mise à niveau est disponible', hint: 'Une version plus récente du type d’application (recipe) ; signalée quand ses notes parlent de sécurité.' }
    },
    groupsHint: 'Santé liste tout dans tous les cas : ceci choisit seulement ce qui déclenche une notification.',
    groupOn: 'Enregistré. Notifications activées pour : {{group}}.',
    groupOff: 'Enregistré. Notifications désactivées pour : {{group}}.',
    interval: 'Temps entre deux vérifications (secondes)',
    intervalHint: 'De {{min}} à {{max}} secondes (1 heure) ; {{default}} sauf si vous le changez. Chaque vérification pose quelques questions à chaque serveur par SSH.',
    backupAge: 'Sauvegarde la plus ancienne encore acceptable (jours)',
    backupAgeHint: 'Une application dont la dernière bonne sauvegarde est plus ancienne demande votre attention ; {{default}} jours sauf si vous le changez.',
    save: 'Enregistrer',
    timesSaved: 'Enregistré. Santé suit les nouveaux réglages dès sa prochaine vérification.',
    saveError: 'Les réglages des alertes n’ont pas pu être enregistrés'
  }
}
