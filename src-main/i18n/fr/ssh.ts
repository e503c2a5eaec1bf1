import type { en } from '../en'
import type { Translation } from '../keys'

export const ssh: Translation<typeof en.ssh> = {
  theServer: 'le serveur',
  hostPort: '{{host}} (port {{port}})',
  machineAt: '{{machine}} (à l’adresse {{address}})',
  hostKeyUnknown:
    'C’est la première fois que vous vous connectez à {{server}} : son identité ne peut pas encore être confirmée. Vérifiez que l’empreinte correspond à celle que vous a donnée l’administrateur de votre serveur ou votre hébergeur, puis choisissez de lui faire confiance.',
  hostKeyUnknownFingerprint:
    'C’est la première fois que vous vous connectez à {{server}} : son identité ne peut pas encore être confirmée. Vérifiez que l’empreinte {{fingerprint}} correspond à celle que vous a donnée l’administrateur de votre serveur ou votre hébergeur, puis choisissez de lui faire confiance.',
  hostKeyRevoked: '{{server}} a présenté une identité marquée comme révoquée. N’allez pas plus loin ; contactez l’administrateur de votre serveur.',
  hostKeyChanged:
    'L’identité du serveur a changé depuis votre dernière connexion. Cela peut signifier que quelqu’un intercepte la connexion, ou que le serveur a été réinstallé. N’allez pas plus loin sans que l’administrateur de votre serveur confirme la nouvelle empreinte.',
  hostKeyChangedFingerprint:
    'L’identité du serveur a changé depuis votre dernière connexion. Cela peut signifier que quelqu’un intercepte la connexion, ou que le serveur a été réinstallé. N’allez pas plus loin sans que l’administrateur de votre serveur confirme la nouvelle empreinte ({{fingerprint}}).',
  authFailed:
    '{{server}} n’a accepté aucune de vos clés. Vérifiez le nom d’utilisateur. Si le serveur n’a pas encore votre clé, ajoutez votre clé publique sur la page « Clés SSH » de votre hébergeur, ou demandez à l’administrateur de votre serveur de l’ajouter.',
  authFailedUser:
    '{{server}} n’a accepté aucune de vos clés pour l’utilisateur « {{user}} ». Vérifiez le nom d’utilisateur. Si le serveur n’a pas encore votre clé, ajoutez votre clé publique sur la page « Clés SSH » de votre hébergeur, ou demandez à l’administrateur de votre serveur de l’ajouter.',
  passphraseNeeded: 'Votre clé est protégée par une phrase de passe. Saisissez-la pour déverrouiller la clé.',
  passphraseNeededFile: 'Votre clé {{keyFile}} est protégée par une phrase de passe. Saisissez-la pour déverrouiller la clé.',
  passphraseWrong: 'Cette phrase de passe n’a pas déverrouillé votre clé. Vérifiez-la et réessayez.',
  passphraseWrongFile: 'Cette phrase de passe n’a pas déverrouillé votre clé {{keyFile}}. Vérifiez-la et réessayez.',
  passwordNeeded: '{{server}} demande un mot de passe. Saisissez-le pour continuer.',
  passwordNeededUser: '{{server}} demande un mot de passe pour l’utilisateur « {{user}} ». Saisissez-le pour continuer.',
  passwordWrong: '{{server}} n’a pas accepté ce mot de passe. Vérifiez-le et réessayez.',
  passwordWrongUser: '{{server}} n’a pas accepté ce mot de passe pour l’utilisateur « {{user}} ». Vérifiez-le et réessayez.',
  timeout: '{{server}} n’a pas répondu à temps. Vérifiez que l’adresse est juste, que vous êtes en ligne et que le serveur est allumé, puis réessayez.',
  refused: '{{server}} a refusé la connexion. Le serveur est peut-être arrêté, ou SSH écoute sur un autre port.',
  unknownHost: 'L’adresse est introuvable. Vérifiez qu’elle ne contient pas de faute de frappe, et que vous êtes en ligne.',
  unknownHostNamed: 'L’adresse {{host}} est introuvable. Vérifiez qu’elle ne contient pas de faute de frappe, et que vous êtes en ligne.',
  network: 'La connexion à {{server}} a échoué à cause d’un problème de réseau. Vérifiez que vous êtes en ligne et réessayez.',
  closed: 'La connexion à {{server}} a été fermée. Elle sera rouverte au besoin ; si cela se reproduit, vérifiez votre réseau.',
  machineKeyChanged:
    'L’identité de la machine {{server}} a changé depuis la dernière fois que l’application l’a jointe. Cela peut signifier que quelqu’un intercepte la connexion, ou que la machine a été réinstallée. Rien ne lui a été envoyé. N’allez pas plus loin sans que l’administrateur de la machine confirme la nouvelle empreinte.',
  machineKeyChangedFingerprint:
    'L’identité de la machine {{server}} a changé depuis la dernière fois que l’application l’a jointe (elle présente maintenant {{fingerprint}}). Cela peut signifier que quelqu’un intercepte la connexion, ou que la machine a été réinstallée. Rien ne lui a été envoyé. N’allez pas plus loin sans que l’administrateur de la machine confirme la nouvelle empreinte.',
  machineLocal:
    '{{machine}} ne peut pas être jointe depuis le Docker de cet ordinateur : l’application joint les autres machines d’un swarm par la connexion SSH d’un serveur. Ajoutez le gestionnaire du swarm comme serveur par SSH pour travailler sur ses machines.',
  forwardProhibited:
    '{{via}} ne laisse pas passer de connexions vers d’autres machines : l’application ne peut donc pas joindre la machine {{server}}. Demandez à son administrateur de l’autoriser (AllowTcpForwarding dans les réglages SSH du serveur).',
  forwardFailed: '{{via}} n’a pas pu joindre la machine {{server}}. Vérifiez que la machine est allumée et que SSH y fonctionne.',
  forwardFailedReason: '{{via}} n’a pas pu joindre la machine {{server}} : {{reason}}. Vérifiez que la machine est allumée et que SSH y fonctionne.',
  tooManyKeys: 'Il y a déjà trop de clés dans {{dir}}.',
  sessionsBusy:
    'Les {{max}} sessions SSH que l’application peut ouvrir vers {{server}} sont toutes utilisées (par des journaux, des terminaux ou de longues commandes), et aucune ne s’est libérée à temps. Fermez un journal ou un terminal de ce serveur, ou attendez la fin d’une tâche, puis réessayez.'
}
