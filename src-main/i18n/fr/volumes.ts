import type { volumes as en } from '../en/volumes'
import type { Translation } from '../keys'

export const volumes: Translation<typeof en> = {
  none: 'aucun',
  user: '{{container}} (son service {{service}} de {{stack}})',
  locality: {
    badService: '« {{service}} » n’est pas un nom de service (lettres, chiffres, « . », « _ » et « - »).',
    notReady: '{{machine}} ne répond pas à l’essaim ({{state}}) : ses volumes n’ont pas pu être listés.',
    noWay: 'L’application n’a aucun moyen de joindre {{machine}} d’ici : ses volumes n’ont pas pu être listés.',
    slow: '{{machine}} n’a pas listé ses volumes en {{seconds}} secondes.',
    unknownMachine: 'Aucune machine de l’essaim de {{server}} ne s’appelle {{machine}} : {{service}} n’a pas été attaché. Rien n’a été changé.',
    sameName: 'Plusieurs machines de l’essaim de {{server}} s’appellent {{machine}} : une règle par nom ne peut pas garder {{service}} sur l’une d’elles. Renommez une machine, puis réessayez. Rien n’a été changé.'
  },
  remove: {
    title: 'Suppression de volumes de {{domain}}',
    step: 'Suppression des volumes choisis (et des données qu’ils contiennent)',
    confirmMismatch: 'Pour supprimer des volumes, tapez exactement l’adresse de l’application : {{domain}}. Rien n’a été supprimé.',
    deployed: '{{domain}} est déployée, et elle garde ses données dans ces volumes. Arrêtez-la d’abord, puis supprimez-les. Rien n’a été supprimé.',
    notOfApp: '« {{name}} » n’est pas un volume de {{domain}}, donc rien n’a été supprimé. Ses volumes sont : {{names}}.',
    inUse: 'Le volume {{name}} est encore utilisé par {{users}}, donc Docker refuse de le supprimer. Rien n’a été supprimé.',
    failed: 'Le volume {{name}} n’a pas pu être supprimé : {{message}}. Réessayez dans une minute.',
    alreadyGone: 'Le volume {{name}} n’existait déjà plus.',
    done_one: '{{count}} volume de {{domain}} supprimé, avec ses données.',
    done_other: '{{count}} volumes de {{domain}} supprimés, avec leurs données.'
  },
  cli: {
    usage: `  coopcloud-desktop app volume ls <domaine> [--json]
  coopcloud-desktop app volume rm <domaine> [noms…] [--yes]   (sans noms : tous les volumes de l’application)`,
    sayWhat: 'Dites quoi faire des volumes de l’application : ls ou rm.',
    notCommand: '« {{sub}} » n’est pas une commande de app volume : utilisez ls ou rm.',
    lsOnlyDomain: '« app volume ls » ne prend que l’adresse de l’application.',
    head: { name: 'VOLUME', size: 'TAILLE', created: 'CRÉÉ', usedBy: 'UTILISÉ PAR', docker: 'NOM DOCKER' },
    sizeUnknown: '?',
    notUsed: 'inutilisé',
    stopped: '{{who}} (arrêté)',
    none: '{{domain}} n’a pas de volumes sur {{server}}.',
    sizesMissing: 'Les tailles manquent : {{why}}',
    deployedNote: '{{domain}} est déployée : arrêtez-la avant de supprimer des volumes.',
    willRemove: 'Ceci supprime pour de bon ces volumes de {{domain}} sur {{server}}, et toutes leurs données :',
    typeDomain: 'Tapez l’adresse de l’application ({{domain}}) pour continuer : ',
    askFirst: 'Supprimer des volumes efface des données pour de bon. Lancez la commande dans un terminal pour qu’elle vous le demande, ou ajoutez --yes : coopcloud-desktop app volume rm {{domain}} {{names}} --yes',
    nothing: 'Rien n’a été supprimé.',
    failed: 'Les volumes de {{domain}} n’ont pas pu être supprimés.',
    removed_one: '{{count}} volume de {{domain}} supprimé sur {{server}}.',
    removed_other: '{{count}} volumes de {{domain}} supprimés sur {{server}}.'
  }
}
