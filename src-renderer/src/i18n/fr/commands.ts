// L'onglet Commandes d'une application (screens/apps/AppCommands.tsx).
export const commands = {
  loading: 'Lecture des commandes que propose ce type d’application…',
  loadFailed: 'Les commandes de l’application n’ont pas pu être lues',
  none: 'Ce type d’application (recipe) ne propose aucune commande à la version {{version}} : son abra.sh n’en définit aucune.',
  intro: 'Des tâches que le type d’application (recipe) propose après un déploiement, comme créer le premier compte administrateur ou lancer une migration. Elles viennent de son abra.sh à la version {{version}} et tournent dans un des conteneurs de l’application, avec ses réglages.',
  notDeployed: 'L’application n’est pas déployée : il n’y a nulle part où lancer une commande. Déployez-la d’abord.',
  command: 'Commande',
  noDescription: 'La recipe ne dit rien de cette commande.',
  service: 'La lancer dans le service',
  serviceHint: 'Le README de la recipe dit souvent lequel ; la plupart des commandes tournent dans « app ».',
  arguments: 'Arguments (facultatifs)',
  argumentsHint: 'Un par ligne. Chaque ligne est donnée à la commande telle quelle.',
  run: 'Lancer la commande',
  running: '{{command}} en cours…',
  outputTitle: 'Ce que {{command}} a affiché dans {{service}}',
  starting: 'Démarrage de {{command}} dans {{service}}…',
  runningIn: '{{command}} tourne dans {{service}}.',
  noOutput: 'La commande n’a rien affiché.',
  notStarted: 'La commande n’a pas démarré.',
  startFailed: '{{command}} n’a pas pu démarrer',
  exitOk: 'La commande s’est terminée sans erreur (code de sortie 0).',
  exitFailed: 'La commande s’est terminée par une erreur (code de sortie {{code}}). Ce qu’elle a affiché ci-dessus dit ce qui n’a pas marché ; corrigez-le, puis relancez-la.',
  exitUnknown: 'La commande est terminée, mais le serveur n’a pas dit comment. Regardez ce qu’elle a affiché ci-dessus.',
  status: {
    running: 'En cours',
    done: 'Terminée',
    failed: 'Échec'
  }
}
