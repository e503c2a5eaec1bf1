import type { join as en } from '../en/join'
import type { Translation } from '../keys'

export const join: Translation<typeof en> = {
  checks: {
    dockerMissing: 'Docker Engine n’est pas installé sur cette machine. Les applications tournent sur Docker : il est donc nécessaire.',
    installNeedsRoot: 'L’installation demande l’utilisateur root ou sudo sur une machine Debian ou Ubuntu. Connectez-vous en root, ou demandez à qui gère la machine d’installer Docker Engine.',
    userNoDocker: 'L’utilisateur {{user}} n’a pas le droit d’utiliser Docker sur cette machine.',
    noDocker: 'L’utilisateur n’a pas le droit d’utiliser Docker sur cette machine.'
  },
  title: {
    swarmFree: 'Pas dans un autre groupe de machines',
    managerReachable: 'Joint le gestionnaire'
  },
  swarmFree: 'Elle ne fait encore partie d’aucun swarm : elle peut le rejoindre.',
  inThisSwarm: '{{machine}} est déjà une des machines de {{server}} : il n’y a rien à ajouter. Vous la trouvez sur la page Machines.',
  inOtherSwarm: '{{machine}} appartient déjà à un autre swarm. Une machine ne peut être que dans un seul : faites-lui d’abord quitter ce swarm (docker swarm leave sur elle), puis vérifiez à nouveau.',
  pending: '{{machine}} est en train de rejoindre un swarm. Attendez une minute et vérifiez à nouveau, ou faites-lui quitter (docker swarm leave --force sur elle).',
  reachable: 'Elle joint le gestionnaire à {{address}}.',
  unreachable: 'Elle ne joint pas le gestionnaire à {{address}} (port {{port}}). Les machines d’un swarm se parlent sur les ports 2377, 7946 et 4789 : ouvrez-les dans le pare-feu entre les deux, ou mettez-les sur le même réseau, puis vérifiez à nouveau.',
  reachUnknown: 'Impossible de tester si elle joint le gestionnaire (ni bash ni nc n’y sont installés). L’ajout le dira.',
  notManager: '{{server}} ne gère pas de swarm : aucune machine ne peut le rejoindre. Ouvrez les vérifications du serveur pour en créer un.',
  evenManagers: 'Avec cette machine, {{server}} aurait {{count}} gestionnaires. Un nombre impair de gestionnaires continue de fonctionner quand l’un d’eux tombe en panne (3 survivent à la perte d’1, et 4 aussi à la perte d’1 seulement) : un nombre pair ajoute du risque sans ajouter de sûreté. Ajoutez-la comme machine de travail, ou confirmez que vous voulez un nombre pair de gestionnaires.',
  jobTitle: 'Ajout de {{machine}} à {{server}}',
  prepareTitle: 'Préparation de {{machine}}',
  step: {
    look: 'Vérification de la machine et du gestionnaire…',
    join: 'Entrée dans le swarm…',
    ready: 'Attente que le gestionnaire la voie prête…'
  },
  joining: '{{machine}} rejoint le swarm de {{server}} comme {{role}}…',
  role: { worker: 'machine de travail', manager: 'gestionnaire' },
  joined: '{{machine}} a rejoint le swarm de {{server}} comme {{role}} et est prête.',
  notReady: '{{machine}} a rejoint le swarm mais le gestionnaire ne l’a pas vue prête en {{seconds}} secondes.',
  joinFailed: '{{machine}} n’a pas pu rejoindre le swarm de {{server}} : {{reason}}',
  cancelled: 'Annulé.',
  undone: 'Annulé : {{machine}} a de nouveau quitté le swarm et le gestionnaire ne la liste plus. Rien n’a changé.',
  undoLeft: 'Impossible de faire quitter le swarm à {{machine}} ({{reason}}).',
  undoEntry: 'Impossible de retirer {{machine}} de la liste du gestionnaire ({{reason}}).',
  undoFailed: 'L’ajout n’a pas été entièrement annulé : {{what}} Ouvrez la page Machines pour voir où en sont les choses.',
  stillListed: 'toujours listée',
  noAnswer: 'pas de réponse',
  alreadyIn: '{{machine}} fait déjà partie d’un swarm : elle ne peut pas rejoindre celui-ci. Vérifiez-la à nouveau dans l’assistant pour savoir lequel.',
  cli: {
    usage: '  coopcloud-desktop server node add <serveur> <hôte> [--user U] [--port N] [--manager] [--yes]   (ajoute une machine à son swarm)',
    giveHost: 'Donnez le nom du serveur et l’adresse de la nouvelle machine : server node add <serveur> <hôte>.',
    badPort: '--port prend un numéro de port, de 1 à 65535.',
    hostKeyNew: 'La machine {{host}} (port {{port}}) n’est pas encore connue. L’empreinte de sa clé {{type}} est {{fingerprint}}. Comparez-la à celle qu’affiche votre hébergeur.',
    hostKeyChanged: 'La clé de la machine a changé depuis la dernière fois (c’était {{known}}, c’est maintenant {{fingerprint}}). Rien n’a été fait : demandez pourquoi à l’administrateur de la machine.',
    trustAsk: 'Faire confiance à cette machine et continuer ?',
    trustNeedsYes: 'Relancez avec --yes pour faire confiance à cette clé, ou ajoutez la machine depuis la fenêtre.',
    checksFailed: 'La machine n’est pas prête à rejoindre le swarm :',
    prepareHint: 'Docker peut y être installé depuis « Préparer cette machine » dans la fenêtre.',
    evenAsk: 'Continuer avec un nombre pair de gestionnaires ?',
    evenNeedsYes: 'Relancez avec --yes pour continuer avec un nombre pair de gestionnaires, ou ajoutez-la comme machine de travail.',
    declined: 'Rien n’a été fait.'
  }
}
