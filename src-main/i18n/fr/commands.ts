import type { Translation } from '../keys'
import type { commands as en } from '../en/commands'

export const commands: Translation<typeof en> = {
  noRecipe: 'Les réglages de {{domain}} ne disent pas de quel type d’application (recipe) il s’agit : ses commandes sont introuvables. Ajoutez une ligne RECIPE= à ses réglages.',
  unreadable: 'La recipe {{recipe}} n’a pas pu être lue à la version {{version}}. Vérifiez que cette version existe (« Chercher de nouvelles applications » télécharge à nouveau la recipe), puis réessayez.',
  noneAtAll: 'La recipe {{recipe}} (version {{version}}) n’a aucune commande : son abra.sh ne définit aucune fonction, « {{name}} » ne peut donc pas être lancée.',
  unknown: 'La recipe {{recipe}} (version {{version}}) n’a pas de commande « {{name}} ». Ses commandes sont : {{names}}.',
  notRunning: '« {{name}} » n’a aucune copie en marche pour l’instant : il n’y a nulle part où lancer la commande. Déployez l’application ou vérifiez son état, puis réessayez.',
  elsewhere: '« {{name}} » tourne sur une autre machine du swarm ({{nodes}}), et les commandes ne peuvent tourner que sur le serveur auquel l’application se connecte. Ajoutez cette machine comme serveur pour y lancer des commandes.',
  copyFailed: 'Le fichier abra.sh de la recipe n’a pas pu être copié dans le conteneur de {{service}} (son dossier /tmp manque peut-être, ou est en lecture seule). Essayez un autre service.',
  execFailed: 'La commande « {{name}} » n’a pas pu démarrer dans {{service}} : le conteneur n’a peut-être pas de shell (sh). Essayez un autre service.',
  exitOk: 'La commande s’est terminée sans erreur (code de sortie 0).',
  exitFailed: 'La commande s’est terminée par une erreur (code de sortie {{code}}). Les lignes ci-dessus disent ce qui n’a pas marché.',
  exitUnknown: 'La commande est terminée, mais le serveur n’a pas dit comment.',
  cli: {
    usage: 'lance une fonction du fichier abra.sh de la recipe ; --list les montre, --local la lance sur cet ordinateur',
    giveCommand: 'Donnez le domaine de l’application, puis la commande à lancer (voyez-les avec : app cmd <domaine> --list).',
    tooMany: '« app cmd » prend le domaine, un service facultatif et la commande ; mettez les arguments de la commande après « -- ». Reçu : {{got}}',
    none: 'La recipe {{recipe}} (version {{version}}) n’a aucune commande.',
    noService: 'Dites dans quel service lancer « {{name}} » : {{services}}.',
    noServices: '{{domain}} n’a aucun service en marche où lancer une commande. Déployez-la d’abord, ou utilisez --local.',
    noAbraSh: 'La recipe {{recipe}} (version {{version}}) n’a pas de fichier abra.sh.',
    localFailed: 'La commande n’a pas pu démarrer sur cet ordinateur : {{message}}. --local a besoin de bash ou de sh.',
    stopped: 'Suivi arrêté. La commande continue dans le conteneur jusqu’à sa fin.'
  }
}
