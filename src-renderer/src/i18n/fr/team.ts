import type { team as en } from '../en/team'
import type { Translation } from '../keys'

export const team: Translation<typeof en> = {
  title: 'Partager les réglages des applications avec votre équipe',
  intro:
    'Quand vous êtes plusieurs à vous occuper des mêmes serveurs, chaque ordinateur garde sa propre copie des réglages de chaque application. Le partage les garde en un seul endroit commun, un dépôt sur le Gitea ou le GitLab de votre coopérative : chacun part des derniers réglages, et personne ne déploie d’anciens réglages par-dessus la modification d’un collègue. Chaque modification est partagée avec votre nom et une phrase qui dit ce qui a changé.',
  secretsNote: 'Les mots de passe (secrets) n’y vont jamais : ils restent sur vos serveurs. Seuls les fichiers de réglages des applications y vont (les fichiers .env de votre dossier des serveurs, tels qu’abra les garde) : les collègues qui utilisent abra peuvent utiliser le même dépôt avec git.',
  loading: 'Lecture du partage des réglages…',
  loadError: 'L’application n’a pas pu lire si les réglages sont partagés',
  choose: 'Comment voulez-vous commencer ?',
  share: {
    title: 'Partager',
    text: 'Votre équipe n’a pas encore de réglages partagés : mettez les réglages des applications de cet ordinateur dans un dépôt vide.',
    submit: 'Partager mes réglages',
    busy: 'Envoi de vos réglages vers {{remote}}…',
    busyHint: 'Cela prend quelques secondes. Vos fichiers restent sur cet ordinateur quoi qu’il arrive.',
    done: 'Les réglages de vos applications sont maintenant partagés avec {{remote}}.',
    error: 'Les réglages n’ont pas pu être partagés'
  },
  join: {
    title: 'Rejoindre',
    text: 'Un collègue partage déjà les réglages des applications de votre coopérative : récupérez-les sur cet ordinateur.',
    submit: 'Rejoindre mon équipe',
    busy: 'Téléchargement des réglages de votre équipe depuis {{remote}}…',
    busyHint: 'Cela prend quelques secondes. Rien n’est écrasé sur cet ordinateur.',
    done: 'Vous avez rejoint votre équipe. Cet ordinateur a maintenant ses réglages.',
    error: 'Rejoindre votre équipe n’a pas fonctionné'
  },
  remote: 'Adresse du dépôt',
  remoteHint: {
    share: 'Un dépôt vide créé pour cela sur votre forge, avec l’adresse HTTPS que votre forge affiche sous « Cloner », par exemple https://git.example.org/coop/reglages-abra.git.',
    join: 'L’adresse HTTPS du dépôt de votre équipe, telle que votre forge l’affiche sous « Cloner », par exemple https://git.example.org/coop/reglages-abra.git.'
  },
  token: 'Jeton d’accès',
  tokenHint: 'Créez-en un dans votre forge (dans Gitea : Configuration → Applications ; dans GitLab : Préférences → Jetons d’accès) avec l’accès en lecture et en écriture aux dépôts. Il est gardé dans le trousseau de votre ordinateur et n’est plus jamais affiché. Laissez-le vide seulement si le dépôt n’en demande pas.',
  name: 'Votre nom',
  nameHint: 'Ce que vos collègues voient à côté de vos modifications, par ex. « Alice (permanence du mardi) ».',
  servers: 'Quels serveurs',
  serversAll: 'Tous mes serveurs',
  serversAllText: 'Les réglages des applications de chaque serveur, y compris ceux que vous ajouterez plus tard.',
  serversSome: 'Seulement les serveurs que je choisis',
  serversSomeText: 'Les autres restent seulement sur cet ordinateur.',
  serversNone: 'Il n’y a encore aucun serveur sur cet ordinateur : ajoutez d’abord un serveur, puis partagez.',
  invalid: {
    remoteEmpty: 'Saisissez l’adresse du dépôt.',
    remoteScheme: 'L’adresse doit commencer par https:// (http:// seulement pour une forge sur votre propre réseau).',
    remoteCredentials: 'Retirez le nom et le mot de passe de l’adresse : le jeton a son propre champ.',
    remoteSpaces: 'L’adresse ne peut pas contenir d’espaces.',
    remoteShort: 'Cette adresse est trop courte pour être celle d’un dépôt.',
    nameEmpty: 'Saisissez votre nom : vos collègues le voient à côté de vos modifications.',
    nameLong: 'Votre nom est trop long (200 caractères au plus).',
    serversNone: 'Choisissez au moins un serveur, ou partagez-les tous.'
  },
  connected: {
    with: 'Partagé avec',
    as: 'Votre nom',
    servers: 'Serveurs partagés',
    all: 'Tous',
    state: 'État',
    allShared: 'Tout est partagé',
    lastSync: 'Dernière réponse de la copie partagée',
    never: 'Pas encore',
    shareNow: 'Partager maintenant',
    sharing: 'Partage…',
    shared: 'Partagé. Vous avez les derniers réglages de votre équipe.',
    shareError: 'Le partage n’a pas fonctionné cette fois',
    stop: 'Arrêter le partage…',
    warning: 'À vérifier avant votre prochaine modification',
    problem: 'La copie partagée n’a pas pu être jointe la dernière fois',
    problemNext: 'Vos modifications sont gardées ici et comptées. Appuyez sur « Partager maintenant » quand la connexion est revenue.'
  },
  stop: {
    title: 'Arrêter de partager les réglages ?',
    text: 'Cet ordinateur cesse d’envoyer et de recevoir des modifications avec {{remote}}. Vos fichiers de réglages et leur historique restent où ils sont, et le dépôt garde ce qui a été partagé. Le jeton d’accès est retiré de votre trousseau.',
    again: 'Vous pourrez rejoindre à nouveau plus tard avec la même adresse et un jeton.',
    confirm: 'Arrêter le partage',
    busy: 'Arrêt…',
    error: 'Le partage n’a pas pu être arrêté',
    done: 'Partage arrêté. Vos fichiers sont toujours là.'
  },
  conflicts: {
    title_one: 'Choisissez les réglages à garder : 1 application diffère de la copie de votre équipe',
    title_other: 'Choisissez les réglages à garder : {{count}} applications diffèrent de la copie de votre équipe',
    text: 'Un collègue et vous avez modifié les mêmes lignes. Votre version reste en place pour l’instant ; rien n’est déployé à partir d’elle tant que vous n’avez pas choisi.',
    item: '{{domain}} sur {{server}}',
    places_one: '1 endroit diffère. Ses déploiements et modifications sont en pause jusqu’à votre choix.',
    places_other: '{{count}} endroits diffèrent. Ses déploiements et modifications sont en pause jusqu’à votre choix.',
    choose: 'Choisir…',
    chooseFor: 'Choisir pour {{domain}}'
  },
  dialog: {
    title: 'Choisir les réglages de {{domain}}',
    intro: 'Pour chaque endroit où votre équipe et vous avez modifié les mêmes lignes, choisissez la version à garder. Les lignes qu’un seul d’entre vous a modifiées sont déjà reprises. Ce sont seulement des réglages : aucun mot de passe n’y figure.',
    place: 'Endroit {{n}} sur {{count}}, à la ligne {{line}}',
    mine: 'Votre version',
    theirs: 'La version de l’équipe',
    theirsBy: 'La version de l’équipe (par {{name}})',
    keepMine: 'Garder la vôtre',
    keepTheirs: 'Prendre celle de l’équipe',
    noLines: 'Aucune ligne ici : ces lignes sont retirées.',
    set: '{{key}} vaut {{value}}',
    setEmpty: '{{key}} est vide',
    comment: 'Une note : {{text}}',
    blank: 'Une ligne vide',
    other: 'Une ligne : {{text}}',
    missing: 'Choisissez une version pour l’endroit {{n}}.',
    submit: 'Garder ces choix',
    busy: 'Enregistrement et partage…',
    error: 'Vos choix n’ont pas pu être enregistrés',
    done: 'Enregistré : {{domain}} a maintenant les réglages choisis, et votre équipe aussi.'
  },
  appNote: {
    title: 'Les déploiements de cette application sont en pause',
    text: 'Ses réglages diffèrent entre votre équipe et vous, sur les mêmes lignes. Rien n’est déployé ni modifié à partir d’eux tant que vous n’avez pas choisi la version à garder.',
    go: 'Choisir dans les Réglages'
  }
}
