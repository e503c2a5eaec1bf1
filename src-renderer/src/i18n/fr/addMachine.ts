import type { addMachine as en } from '../en/addMachine'
import type { Translation } from '../keys'

export const addMachine: Translation<typeof en> = {
  title: 'Ajouter une machine à {{server}}',
  intro: 'Une nouvelle machine rejoint le groupe de machines de {{server}} (son swarm), pour que des apps puissent aussi y tourner. Il vous faut son adresse et un moyen de vous y connecter, comme pour un serveur.',
  steps: { where: 'Où', identity: 'Identité', signIn: 'Connexion et vérifications', role: 'Rôle', join: 'Ajout' },
  where: {
    host: 'Adresse de la nouvelle machine',
    hostHint: 'Son adresse IP ou son nom, ou un Host de votre ~/.ssh/config.',
    user: 'Nom d’utilisateur',
    userHint: 'Laissez vide pour utiliser l’habituel (ou celui que donne ~/.ssh/config).',
    port: 'Port SSH',
    hostMissing: 'Donnez l’adresse de la machine.',
    portBad: 'Un port est un nombre de 1 à 65535.'
  },
  identity: {
    title: 'Est-ce la bonne machine ?',
    firstTime: 'C’est la première fois que l’application se connecte à cette machine. Vérifiez que cette empreinte correspond à celle que son administrateur ou hébergeur vous a donnée.',
    whyText: 'L’empreinte prouve que vous parlez à votre propre machine et pas à quelqu’un entre les deux. Si vous avez installé la machine vous-même, cette commande sur elle l’affiche :',
    differ: 'Si les empreintes diffèrent, ne continuez pas : appuyez sur Annuler et demandez à qui gère la machine.',
    trustError: 'L’application n’a pas pu retenir cette machine',
    trust: 'Oui, elle correspond — faire confiance à cette machine',
    changedTitle: 'Stop : l’identité de cette machine a CHANGÉ',
    changedLead: '{{where}} a répondu avec une identité différente de celle dont cet ordinateur se souvient. Cela arrive quand une machine est réinstallée — mais cela peut aussi vouloir dire que quelqu’un se fait passer pour votre machine afin de lire vos mots de passe et vos données.',
    sentNow: 'Identité envoyée maintenant par la machine ({{type}})',
    askAdmin: 'Demandez à qui gère la machine si elle a été réinstallée ou si ses clés ont changé, et quelle est sa nouvelle empreinte.',
    nobody: 'Si personne n’a modifié la machine, ne vous connectez pas : prévenez qui la gère, quelqu’un est peut-être en train d’intercepter la connexion.'
  },
  signIn: {
    lead: 'L’application se connecte à {{who}} avec vos clés SSH et votre agent. Si la machine demande un mot de passe, ou si votre clé a une phrase de passe, tapez-le ici : il ne sert qu’à cela et n’est pas gardé.',
    password: 'Mot de passe',
    passphrase: 'Phrase de passe de la clé',
    check: 'Se connecter et vérifier',
    checking: 'Connexion et vérification de la machine…',
    failed: 'L’application n’a pas pu vérifier la machine',
    ready: 'La machine est prête à rejoindre le swarm.',
    notReady: 'La machine ne peut pas encore rejoindre le swarm. Corrigez ce qui est signalé, puis vérifiez à nouveau.',
    again: 'Vérifier à nouveau',
    prepare: 'Préparer cette machine',
    prepareText: 'Y installe Docker depuis les paquets de son système (Debian ou Ubuntu). Cela prend quelques minutes.',
    prepareAccessText: 'Y démarre Docker s’il ne tourne pas, et permet à votre utilisateur de s’en servir. Cela ne prend qu’un instant.',
    next: 'Suivant'
  },
  role: {
    lead: 'Quel rôle pour {{machine}} ?',
    worker: 'Machine de travail',
    workerText: 'Elle fait tourner des apps. C’est le choix habituel.',
    manager: 'Gestionnaire',
    managerText: 'Elle fait tourner des apps et garde aussi les registres du swarm, pour que le swarm continue si un autre gestionnaire s’arrête.',
    managers_one: '{{server}} a {{count}} gestionnaire.',
    managers_other: '{{server}} a {{count}} gestionnaires.',
    even: 'Avec cette machine, {{server}} aurait {{count}} gestionnaires. Un nombre impair de gestionnaires continue de fonctionner quand l’un d’eux tombe en panne ; un nombre pair ajoute du risque sans ajouter de sûreté.',
    confirmEven: 'J’ai compris : l’ajouter quand même comme gestionnaire',
    add: 'Ajouter la machine'
  },
  join: {
    done: '{{machine}} fait maintenant partie des machines de {{server}}.',
    failed: 'La machine n’a pas été ajoutée',
    close: 'Fermer',
    back: 'Retour'
  }
}
