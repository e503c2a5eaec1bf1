import type { backups as en } from '../en/backups'
import type { Translation } from '../keys'

export const backups: Translation<typeof en> = {
  verified: 'Vérifiée',
  notVerified: 'Non vérifiée',
  starting: 'Démarrage…',
  openApp: 'Ouvrir l’application',
  screen: {
    title: 'Sauvegardes',
    titleOf: 'Sauvegardes de {{domain}}',
    back: 'Les sauvegardes de toutes les applications',
    intro:
      'Des copies des données de vos applications, gardées sur cet ordinateur dans <path>~/.abra/backups</path>. Chacune est vérifiée au moment où elle est faite ; un ✓ veut dire que chaque fichier a été relu et correspond.',
    looking: 'Recherche des sauvegardes…',
    listError: 'La liste des sauvegardes n’a pas pu être lue',
    emptyTitle: 'Pas encore de sauvegarde',
    emptyTitleOf: 'Pas encore de sauvegarde de {{domain}}',
    emptyText:
      'Une sauvegarde est une copie des données d’une application (ses fichiers et sa base de données), prise sur le serveur et gardée sur cet ordinateur, dans <path>~/.abra/backups</path>. Si quelque chose tourne mal sur le serveur, vous pouvez remettre les données à partir d’elle.',
    emptyHow: 'Pour en faire une, ouvrez une application et appuyez sur Sauvegarder.',
    openDomain: 'Ouvrir {{domain}}',
    goToApps: 'Aller à vos applications',
    count_one: '{{count}} sauvegarde',
    count_other: '{{count}} sauvegardes',
    noServer:
      'Cette application n’est plus sur aucun de vos serveurs. Ses sauvegardes peuvent quand même être restaurées dans une application qui a la même adresse.'
  },
  job: {
    progress: '{{title}} : avancement',
    cancelled: 'Annulé',
    cancelledText: 'L’opération a été arrêtée avant la fin. Rien de fait à moitié n’est gardé comme une bonne copie.',
    failedUnknown: 'L’opération s’est arrêtée sans dire pourquoi. Les détails ci-dessous en disent peut-être plus.',
    cancelling: 'Annulation…',
    cancelError: 'L’opération n’a pas pu être annulée',
    log: 'Journal',
    noLog: 'Rien dans le journal pour l’instant.'
  },
  button: {
    backup: 'Sauvegarder',
    backingUp: 'Sauvegarde en cours…',
    nothingTitle: 'Il n’y a rien à sauvegarder',
    last: 'Dernière sauvegarde : {{when}}',
    none: 'Pas encore de sauvegarde de cette application. Une sauvegarde copie ses données sur cet ordinateur et vérifie la copie.',
    startError: 'La sauvegarde n’a pas pu démarrer',
    doneTitle: 'Sauvegarde faite et vérifiée',
    failedTitle: 'La sauvegarde a échoué',
    doneText: 'Une copie des données de l’application est sur cet ordinateur, et chacun de ses fichiers a été relu et correspond.',
    failedText: 'Rien de fait à moitié n’a été gardé. L’application sur le serveur est comme avant.',
    seeList: 'Voir les sauvegardes de {{domain}}'
  },
  row: {
    listLabel: 'Sauvegardes',
    factsLabel: 'À propos de cette sauvegarde',
    version: 'Version {{version}}',
    versionUnknown: 'Version inconnue',
    from: 'Depuis {{server}}',
    services_one: '{{count}} service',
    services_other: '{{count}} services',
    notPassed:
      'Cette copie n’a pas passé sa dernière vérification. Ne comptez pas dessus : appuyez sur Vérifier pour savoir pourquoi, ou faites une nouvelle sauvegarde.',
    verify: 'Vérifier',
    verifying: 'Vérification…',
    restore: 'Restaurer…',
    delete: 'Supprimer…',
    verifyingText: 'Lecture de toute l’archive et contrôle de chaque fichier avec sa liste de sommes de contrôle…',
    verifyError: 'La sauvegarde n’a pas pu être vérifiée',
    deleteTitle: 'Supprimer la sauvegarde du {{when}} ?',
    deleteConfirm: 'Supprimer cette sauvegarde',
    deleting: 'Suppression…',
    deleteError: 'La sauvegarde n’a pas pu être supprimée',
    deleteText:
      'Le fichier de cette sauvegarde de {{domain}} ({{size}}) est supprimé de cet ordinateur. Elle ne pourra plus être restaurée ensuite.',
    deleteKeeps: 'L’application et ses données sur le serveur ne sont pas touchées, ni vos autres sauvegardes.',
    goodTitle: 'La sauvegarde est bonne ✓',
    goodText_one:
      'Chaque fichier ({{count}} fichier, {{size}}) a été relu et correspond à la somme de contrôle écrite au moment de la sauvegarde.',
    goodText_other:
      'Chaque fichier ({{count}} fichiers, {{size}}) a été relu et correspond à la somme de contrôle écrite au moment de la sauvegarde.',
    damagedTitle: 'La sauvegarde est abîmée ✗',
    damagedText: 'Elle ne peut pas être restaurée. Faites une nouvelle sauvegarde, et supprimez celle-ci.'
  },
  restore: {
    title: 'Restaurer {{domain}}',
    description: 'Remet les données de la sauvegarde du {{when}}, {{size}}, dans l’application sur {{server}}.',
    descriptionWithVersion: 'Remet les données de la sauvegarde du {{when}} (version {{version}}), {{size}}, dans l’application sur {{server}}.',
    reading: 'Lecture de la sauvegarde et de l’application…',
    planError: 'Cette sauvegarde ne peut pas être restaurée',
    otherVersion: 'La sauvegarde vient d’une autre version',
    overwritten: 'Ceci sera écrasé',
    lost: 'Tout ce qui y a changé depuis le {{when}} sera perdu. Pour le garder, faites d’abord une sauvegarde.',
    stopped: 'Arrêté pendant que les données sont remises',
    service: 'Le service {{name}}',
    stoppedText: 'Personne ne peut utiliser l’application pendant la restauration. Elle est redémarrée ensuite.',
    startError: 'La restauration n’a pas pu démarrer',
    confirm: 'Restaurer et écraser',
    jobTitle: 'Restauration des données',
    doneTitle: 'Les données sont revenues',
    failedTitle: 'La restauration a échoué',
    failedText:
      'Regardez la page de l’application pour voir dans quel état elle est. La sauvegarde elle-même n’a pas changé et peut être restaurée à nouveau.',
    hide: 'Masquer (l’opération continue)',
    checking: 'Vérification de l’application…',
    stateError: 'L’état de l’application n’a pas pu être lu',
    attention: 'Ouvrez l’application pour voir ce qui demande votre attention ; ses journaux disent souvent pourquoi.'
  },
  retention: {
    title: 'Combien de sauvegardes garder',
    readError: 'Le réglage n’a pas pu être lu',
    label: 'Nombre de sauvegardes à garder pour chaque application (les plus récentes)',
    placeholder: 'Toutes',
    saving: 'Enregistrement…',
    saved: 'Enregistré',
    hint: 'Laissez vide pour garder toutes les sauvegardes.',
    saveError: 'Le réglage n’a pas pu être enregistré',
    notNumber: 'Saisissez un nombre entier, comme 7, ou laissez vide pour garder toutes les sauvegardes.',
    tooFew: 'Gardez au moins 1 sauvegarde, ou laissez vide pour garder toutes les sauvegardes.',
    tooMany: 'Gardez au plus 1000 sauvegardes de chaque application, ou laissez vide pour garder toutes les sauvegardes.',
    keepAll: 'Chaque sauvegarde est gardée jusqu’à ce que vous la supprimiez.',
    keep_one: 'Seule la sauvegarde la plus récente de chaque application est gardée ; l’ancienne est supprimée quand une nouvelle est faite.',
    keep_other:
      'Les {{count}} sauvegardes les plus récentes de chaque application sont gardées ; les plus anciennes sont supprimées quand une nouvelle est faite.'
  },
  bot: {
    title: 'Instantanés faits sur {{server}} par backup-bot-two',
    intro:
      'Ce serveur fait tourner le service de sauvegarde de Co-op Cloud. Ses instantanés restent sur le serveur ; Télécharger en copie un sur cet ordinateur.',
    none: 'Il n’a encore fait aucun instantané.',
    download: 'Télécharger',
    downloadError: 'L’instantané n’a pas pu être téléchargé',
    doneTitle: 'Téléchargé sur cet ordinateur',
    failedTitle: 'Le téléchargement a échoué'
  },
  move: {
    usesNewest: 'Utilise la sauvegarde la plus récente de {{domain}} : faites-en une d’abord, pour avoir les données du jour.',
    createsSame:
      'Crée la même application sur {{to}}, avec les mêmes réglages et les mêmes secrets (mots de passe utilisés par l’application).',
    createsCopy:
      'Crée une copie à l’adresse {{domain}} sur {{to}}, avec les mêmes réglages et les mêmes secrets (mots de passe utilisés par l’application).',
    createsCopyAnywhere:
      'Crée une copie à l’adresse de votre choix sur {{to}}, avec les mêmes réglages et les mêmes secrets (mots de passe utilisés par l’application).',
    deploys: 'La déploie sur {{to}}.',
    restores: 'Y restaure la sauvegarde, pour qu’elle ait les mêmes données.',
    stopsOld:
      'Arrête l’application sur {{from}} (la retire). Ses données restent sur {{from}} : rien n’est perdu si vous changez d’avis.',
    leavesOld: 'Laisse {{domain}} tourner sur {{from}} tel quel : vous avez deux applications.'
  }
}
