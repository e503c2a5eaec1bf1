import type { files as en } from '../en/files'
import type { Translation } from '../keys'

export const files: Translation<typeof en> = {
  none: 'aucun',
  outside: '« {{path}} » sortirait du volume (là où l’app garde ses données), donc rien n’a été fait. Choisissez un fichier ou un dossier à l’intérieur.',
  noVolume: '« {{name}} » n’est pas un des volumes de {{domain}} (là où elle garde ses données). Ses volumes sont : {{names}}.',
  noService: 'Aucun service de {{domain}} n’utilise le volume {{name}}, donc ses fichiers sont inaccessibles. Déployez l’app, puis réessayez.',
  notRunningSeveral: '{{service}} n’est pas en marche, et sur un serveur à plusieurs machines l’app ne peut pas savoir quelle machine garde ses fichiers : démarrez-le, puis réessayez.',
  notFound: '« {{path}} » n’est pas (plus) là. Actualisez la liste et choisissez à nouveau.',
  notFolder: '« {{path}} » n’est pas un dossier.',
  notAFile: '« {{path}} » n’est ni un fichier ni un dossier, il ne peut pas être téléchargé.',
  root: 'Le volume lui-même ne se supprime pas ici : choisissez un fichier ou un dossier à l’intérieur (l’onglet Volumes supprime des volumes entiers).',
  commandFailed: 'Le serveur n’a pas pu lire le volume (code de sortie {{code}}). Réessayez ; si cela continue, l’image de l’app n’a peut-être pas les commandes habituelles (sh, stat, realpath).',
  cantRun: 'Le serveur n’a pas pu lancer de commande dans le service {{service}} pour atteindre son volume. Vérifiez que le serveur répond et réessayez.',
  tooMany: '« {{path}} » contient trop de fichiers pour les lister ici. Téléchargez-le plutôt.',
  localRefused: 'Depuis la fenêtre, les téléchargements vont dans votre dossier Téléchargements ; seule la ligne de commande enregistre ailleurs.',
  hiddenRefused: '« {{path}} » est dans un dossier caché de votre dossier personnel (comme .ssh), il n’est donc pas envoyé depuis la fenêtre.',
  localFolderMissing: 'Le dossier {{path}} n’existe pas sur cet ordinateur. Créez-le ou choisissez un autre endroit.',
  localMissing: '{{path}} n’existe pas sur cet ordinateur.',
  localNotFile: '{{path}} n’est pas un fichier : envoyez les fichiers un par un, ou un .tar.gz d’un dossier.',
  sameName: 'Deux des fichiers s’appellent « {{name}} » ; un dossier ne contient qu’un fichier de ce nom. Envoyez-les séparément.',
  noFreeName: 'Votre dossier Téléchargements ({{dir}}) a déjà beaucoup de fichiers appelés {{name}}. Déplacez-en et réessayez.',
  download: {
    title: 'Téléchargement de {{name}} depuis {{domain}}',
    step: 'Téléchargement de {{name}}',
    done: 'Enregistré sous {{file}}',
    stalled: 'Rien n’est arrivé du serveur pendant {{seconds}} secondes, donc le téléchargement de {{name}} a été arrêté et rien n’a été enregistré. Vérifiez que le serveur répond et n’est pas surchargé, puis réessayez.',
    cancelled: 'Le téléchargement a été annulé ; rien n’a été enregistré.',
    failed: 'Le téléchargement de {{name}} a échoué ; rien n’a été enregistré. Vérifiez que le serveur répond et réessayez.'
  },
  upload: {
    title_one: 'Envoi de {{count}} fichier vers {{domain}}',
    title_other: 'Envoi de {{count}} fichiers vers {{domain}}',
    step_one: 'Envoi de {{count}} fichier dans {{where}}',
    step_other: 'Envoi de {{count}} fichiers dans {{where}}',
    finish: 'Mise en place des fichiers',
    done_one: '{{count}} fichier envoyé dans {{where}}.',
    done_other: '{{count}} fichiers envoyés dans {{where}}.',
    stalled: 'Rien n’a pu être envoyé au serveur pendant {{seconds}} secondes, donc l’envoi dans {{where}} a été arrêté ; le dossier est tel qu’il était. Vérifiez que le serveur répond et que son disque n’est pas plein, puis réessayez.',
    isFolder: 'Il y a déjà un dossier appelé « {{name}} » dans {{where}}, et un fichier ne peut pas remplacer un dossier, donc rien n’a été envoyé. Renommez le fichier ou choisissez un autre dossier, puis réessayez.',
    cancelled: 'L’envoi a été annulé ; le dossier est tel qu’il était.',
    failed: 'L’envoi dans {{where}} a échoué ; le dossier est tel qu’il était. Vérifiez que le serveur répond et réessayez.'
  },
  staging: {
    ownerGone: 'Cette page a été fermée ou rechargée, donc rien n’a été gardé. Choisissez à nouveau les fichiers.',
    tooBig: '{{name}} dépasse {{limit}}, le maximum que le navigateur peut envoyer d’un coup. Utilisez la ligne de commande (app cp) pour ce fichier, ou découpez-le.',
    tooMany: 'Au plus {{count}} fichiers peuvent attendre d’être envoyés en même temps. Envoyez d’abord ceux déjà choisis.',
    unknown: 'Le fichier envoyé n’attend plus d’être transféré (envoi annulé, déjà fait, ou attente de plus de 15 minutes). Choisissez à nouveau les fichiers.',
    busy: '{{name}} est déjà en cours d’envoi. Attendez la fin, ou choisissez à nouveau les fichiers.',
    lengthRequired: 'Le navigateur n’a pas indiqué la taille du fichier, donc il n’a pas été gardé. Réessayez, ou utilisez un autre navigateur.',
    mismatch: '{{name}} n’est pas arrivé entier (sa taille a changé pendant l’envoi, ou la connexion a été coupée). Rien n’a été gardé ; réessayez.',
    incomplete: '{{name}} n’est pas arrivé entier : le transfert s’est arrêté. Rien n’a été gardé ; réessayez.',
    notReady: '{{name}} n’est pas encore arrivé entièrement. Attendez, puis relancez l’envoi.',
    refused: 'Cet envoi ne vient pas de la page de Co-op Cloud Desktop, il a donc été refusé. Rechargez la page et réessayez.',
    notFound: 'Il n’y a pas d’envoi de ce nom ici.'
  },
  remove: {
    confirmMismatch: 'Pour le supprimer, confirmez avec son nom : {{name}}. Rien n’a été supprimé.'
  },
  cli: {
    usage: `  coopcloud-desktop app cp <domaine> <service>:<chemin> <local>   (un dossier arrive en <nom>.tar.gz)
  coopcloud-desktop app cp <domaine> <fichier local> <service>:<dossier>`,
    twoPaths: '« app cp » prend le domaine, puis quoi copier et où : l’un des deux <service>:<chemin> dans l’app, l’autre sur cet ordinateur.',
    oneRemote: 'L’un des deux chemins doit être dans l’app (<service>:<chemin>, par ex. app:/data/fichier.txt) et l’autre sur cet ordinateur.',
    absolute: 'Donnez le chemin dans l’app depuis sa racine, par ex. {{service}}:/data/fichier.txt.',
    noSuchService: '{{domain}} n’a pas de service {{service}} qui garde des données dans un volume. Ses volumes sont à : {{mounts}}.',
    notInVolume: 'Seuls les fichiers des volumes de l’app (là où elle garde ses données) sont copiés, et {{path}} n’est dans aucun. Les volumes de {{service}} sont à : {{mounts}}.',
    saved: 'Enregistré : {{file}}',
    uploaded: 'Envoyé dans {{where}}',
    failed: 'La copie a échoué.'
  }
}
