import type { Translation } from '../keys'
import type { health as en } from '../en/health'

export const health: Translation<typeof en> = {
  allFine_one: 'L’application sur {{servers}} va bien.',
  allFine_other: 'Les {{count}} applications sur {{servers}} vont bien.',
  noApps: 'Pas encore d’application ; {{servers}} a répondu.',
  servers_one: '{{count}} serveur',
  servers_other: '{{count}} serveurs',
  noServers: 'Pas encore de serveur : ajoutez-en un pour le surveiller ici.',
  needAttention_one: '{{count}} point demande votre attention.',
  needAttention_other: '{{count}} points demandent votre attention.',
  goodToKnow_one: '{{count}} point est bon à savoir.',
  goodToKnow_other: '{{count}} points sont bons à savoir.',
  notChecked: 'Pas encore vérifié.',
  serverUnreachable: {
    title: 'Le serveur {{server}} est injoignable',
    detail: 'L’application n’a pas pu joindre son Docker par SSH.',
    detailError: 'L’application n’a pas pu joindre son Docker par SSH : {{error}}',
    next: 'Vérifiez que le serveur est allumé et en ligne (la page de votre hébergeur l’indique). Puis ouvrez-le dans l’écran Serveurs pour voir quelle étape échoue.'
  },
  diskFull: {
    title: 'Le disque de {{server}} est plein à {{pct}} %',
    detail: '{{free}} libres sur {{total}} sur le disque qui contient {{paths}}.',
    next: 'Libérez de la place : supprimez les applications ou les anciennes sauvegardes dont vous n’avez plus besoin, ou demandez un disque plus grand à votre hébergeur. Quand le disque est plein, les applications ne peuvent plus rien enregistrer.'
  },
  memoryFull: {
    title: '{{server}} manque presque de mémoire ({{pct}} % utilisés)',
    detail: '{{free}} libres sur {{total}}.',
    next: 'Les applications peuvent ralentir ou être arrêtées par le serveur. Supprimez celles dont vous n’avez pas besoin, déplacez-en vers un autre serveur, ou demandez plus de mémoire à votre hébergeur.'
  },
  server: {
    unknown: 'Cet ordinateur ne connaît pas de serveur nommé {{server}}.'
  },
  nodeDown: {
    title: '{{node}}, une machine de l’essaim de {{server}}, est {{state}}',
    detail: 'Docker sur {{server}} indique que cette machine est {{state}}. C’est un {{role}}.',
    said: 'Docker indique : {{message}}',
    roleManager: 'gestionnaire (« manager » : elle aide à faire tourner l’essaim, et fait tourner des applications)',
    roleWorker: 'exécutant (« worker » : elle fait seulement tourner des applications)',
    state: { down: 'arrêtée', unknown: 'sans réponse', disconnected: 'déconnectée', unreachable: 'injoignable' },
    next: 'Vérifiez que la machine est allumée et en ligne, et que Docker y tourne. Les applications qui tournaient dessus sont relancées sur les autres machines quand c’est possible. Ceci disparaît tout seul une fois la machine revenue.',
    nextManager: 'Vérifiez que la machine est allumée et en ligne, et que Docker y tourne. Tant qu’il manque des gestionnaires, l’essaim peut refuser des changements comme les déploiements. Ceci disparaît tout seul une fois la machine revenue.'
  },
  appDown: {
    title: '{{domain}} est arrêtée',
    detail: 'Sa partie « {{service}} » ne tourne pas.',
    next: 'Ouvrez l’application : ses journaux disent en général pourquoi. La redémarrer peut aider ; si elle s’est arrêtée après un changement, revenez à la version précédente.'
  },
  appRestarting: {
    title: '{{domain}} redémarre sans cesse',
    detail_one: 'Sa partie « {{service}} » s’est arrêtée et a été relancée {{count}} fois.',
    detail_other: 'Sa partie « {{service}} » s’est arrêtée et a été relancée {{count}} fois.',
    detailHealth_one: 'Sa partie « {{service}} » échouait à son contrôle de santé et a été relancée {{count}} fois.',
    detailHealth_other: 'Sa partie « {{service}} » échouait à son contrôle de santé et a été relancée {{count}} fois.',
    next: 'Ouvrez l’application et regardez ses journaux : ils disent en général pourquoi elle s’arrête. Si cela a commencé après un changement, revenez à la version précédente.'
  },
  appUnhealthy: {
    title: '{{domain}} échoue à son contrôle de santé',
    detail: 'Sa partie « {{service}} » tourne, mais dit ne pas fonctionner correctement.',
    next: 'Ouvrez l’application et regardez ses journaux. Elle peut se rétablir seule ; sinon, redémarrez-la.'
  },
  dockerSays: 'Docker dit : {{error}}',
  backupNever: {
    title: '{{domain}} n’a jamais été sauvegardée',
    detail: 'Il n’y a aucune sauvegarde de ses données sur cet ordinateur.',
    detailNightly: 'Il n’y a aucune sauvegarde de ses données sur cet ordinateur, ni parmi les sauvegardes nocturnes de son serveur.',
    next: 'Faites une sauvegarde maintenant. Cela prend quelques minutes et l’application continue de tourner.'
  },
  backupStale: {
    title_one: 'La dernière sauvegarde de {{domain}} date de {{count}} jour',
    title_other: 'La dernière sauvegarde de {{domain}} date de {{count}} jours',
    detail_one: 'Une sauvegarde devrait dater d’au plus {{count}} jour.',
    detail_other: 'Une sauvegarde devrait dater d’au plus {{count}} jours.',
    next: 'Faites une sauvegarde depuis l’écran Sauvegardes.'
  },
  nightlyMissed: {
    titleFailed: 'La sauvegarde de la nuit dernière sur {{server}} a échoué',
    titleMissed: 'La sauvegarde de la nuit dernière sur {{server}} n’a pas eu lieu',
    titleNotRunning: 'Les sauvegardes nocturnes de {{server}} ne tournent pas',
    detailFailed: 'L’application de sauvegarde ({{bot}}) a tourné à son heure, mais certaines applications n’ont pas été sauvegardées.',
    detailMissed: 'L’application de sauvegarde ({{bot}}) n’a fait aucune sauvegarde à l’heure prévue.',
    detailNotRunning: 'Les sauvegardes nocturnes sont en place, mais l’application de sauvegarde ({{bot}}) ne tourne pas sur le serveur : aucune sauvegarde n’est faite.',
    said: 'Elle a dit : {{said}}',
    nextFailed: 'Lisez ce qu’a dit l’application de sauvegarde. Si l’étape de sauvegarde d’une application a échoué, ouvrez cette application et regardez ses journaux ; si le stockage des sauvegardes est injoignable, vérifiez son adresse et ses identifiants. Tant qu’une sauvegarde nocturne n’a pas de nouveau réussi, sauvegardez les applications importantes depuis l’écran Sauvegardes.',
    nextMissed: 'Ouvrez l’application de sauvegarde {{bot}} et vérifiez qu’elle tourne et que le disque du serveur n’est pas plein. Tant qu’une sauvegarde nocturne n’a pas de nouveau réussi, sauvegardez les applications importantes depuis l’écran Sauvegardes.',
    nextNotRunning: 'Ouvrez l’application de sauvegarde {{bot}} et déployez-la de nouveau. En attendant, sauvegardez les applications importantes depuis l’écran Sauvegardes.'
  },
  upgrade: {
    title: 'Une nouvelle version de {{domain}} est disponible : {{to}}',
    titleSecurity: 'Une mise à jour de sécurité de {{domain}} est disponible : {{to}}',
    detail: 'Elle est en version {{from}}.',
    detailUnknown: 'La version en service n’est pas connue.',
    next: 'Lisez les nouveautés sur la page de l’application, puis mettez-la à jour depuis cette page. L’application sauvegarde d’abord ses données.',
    nextSecurity: 'Ses notes de version parlent de sécurité : mettez-la à jour bientôt. Lisez les nouveautés sur la page de l’application, puis mettez-la à jour depuis cette page ; l’application sauvegarde d’abord ses données.'
  },
  app: {
    nothingRunning: 'Rien de {{domain}} ne tourne sur le serveur en ce moment : il n’y a rien à mesurer.',
    cantMeasure: 'L’usage du processeur et de la mémoire de l’application n’a pas pu être mesuré sur {{server}} : {{message}}',
    volumesSlow: '{{server}} a mis plus de {{seconds}} secondes à mesurer ses volumes. Un serveur qui a beaucoup de données peut être lent à les compter ; réessayez plus tard.'
  },
  fromHere: {
    certExpiring_one: 'Le certificat de {{domain}} expire dans {{count}} jour',
    certExpiring_other: 'Le certificat de {{domain}} expire dans {{count}} jours',
    certInvalid: 'Les visiteurs de {{domain}} reçoivent un avertissement de sécurité',
    siteUnreachable: '{{domain}} est injoignable d’ici',
    domainElsewhere: '{{domain}} pointe vers une autre machine',
    domainMissing: '{{domain}} ne mène nulle part',
    next: 'Vérifié depuis cet ordinateur, comme le ferait le navigateur d’un visiteur. L’application regarde de nouveau {{every}}, et ce point disparaît de lui-même une fois corrigé.',
    cantCheck: 'Les certificats et les domaines ne peuvent pas être vérifiés depuis cet ordinateur pour l’instant : il semble hors ligne. Cela ne dit rien des applications ; elles sont vérifiées de nouveau {{every}}.'
  },
  every: {
    seconds_one: 'chaque seconde',
    seconds_other: 'toutes les {{count}} secondes',
    minutes_one: 'chaque minute',
    minutes_other: 'toutes les {{count}} minutes',
    hours_one: 'chaque heure',
    hours_other: 'toutes les {{count}} heures'
  },
  // A desktop notification when a problem is fixed (the one when it appears uses the item's own title and what was seen).
  alert: {
    fixed: 'Corrigé : {{title}}',
    fixedBody: 'Santé ne voit plus ce problème.'
  }
}
