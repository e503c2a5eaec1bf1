import type { preview as en } from '../en/preview'
import type { Translation } from '../keys'

export const preview: Translation<typeof en> = {
  heading: {
    deploy: 'Déployer {{domain}} en version {{to}} va :',
    deployFirst: '{{domain}} n’est pas encore déployée. Déployer la version {{to}} va :',
    upgrade: 'Mettre à jour {{domain}} de {{from}} vers {{to}} va :',
    rollback: 'Ramener {{domain}} de {{from}} à {{to}} va :',
    redeploy: 'Redéployer {{domain}} en version {{to}} va :',
    chaos: 'Déployer votre copie locale de la recette sur {{domain}} va :'
  },
  unknownVersion: 'inconnue',
  create: '- démarrer pour la première fois : {{list}}',
  restart: '- redémarrer : {{list}} (une courte interruption, le temps que leurs nouveaux conteneurs démarrent)',
  update: '- modifier sans rien redémarrer : {{list}} (étiquettes, nombre de copies ou réglages de mise à jour)',
  unchanged: '- laisser tels quels : {{list}}',
  left: '- {{list}} : ne font plus partie de la recette. Ils continuent de tourner : un déploiement ne les supprime jamais (comme avec abra).',
  nothing: 'Rien ne changerait : le serveur fait déjà tourner exactement ceci.',
  images: 'Versions des logiciels (images) qui changent :',
  image: '- {{service}} : {{from}} → {{to}}',
  imageNew: '- {{service}} : {{to}} (nouveau)',
  settings: 'Réglages qui changent (noms seulement) : {{list}}',
  settingsRemoved: 'Réglages qui ne seront plus donnés à l’application : {{list}}',
  placement: 'Les machines qui peuvent le faire tourner changent pour : {{list}}',
  secretsAdded: 'Secrets que l’application utilisera pour la première fois : {{list}}',
  secretsChanged: 'Secrets remplacés par une nouvelle version : {{list}}',
  volumes: 'Données (volumes) des services qui démarrent ou redémarrent : {{list}}',
  volumeNew: '{{name}} (nouveau, vide)',
  missing: 'Il manque sur le serveur {{list}}, donc le déploiement s’arrêterait avant de rien changer : créez-le d’abord.',
  missingSecret: 'le secret {{name}}',
  missingConfig: 'la config {{name}}',
  missingNetwork: 'le réseau {{name}}',
  and: '{{list}} et {{last}}',
  serverChanged: {
    message: 'Le serveur a changé depuis l’aperçu ({{what}}) : rien n’a été envoyé à {{domain}}. Voici le nouvel aperçu : vérifiez-le et confirmez à nouveau.',
    services: 'un service de l’app a été modifié sur le serveur',
    sent: 'les réglages de l’app ou les fichiers de sa recette ont changé',
    both: 'un service de l’app a été modifié sur le serveur, et les réglages de l’app ou les fichiers de sa recette ont changé',
    pins: 'les images à envoyer ne sont pas celles que l’aperçu a trouvées'
  },
  progress: {
    reading: 'Lecture du serveur…',
    registry: 'Interrogation du registre d’images sur {{image}}… ({{n}} sur {{of}})',
    comparing: 'Comparaison…'
  },
  pinsAlone: 'Les images épinglées d’un aperçu ne sont acceptées qu’avec l’empreinte de cet aperçu (expectServerState) : refaites l’aperçu et envoyez les deux.',
  cli: {
    nothingSent: 'Ce n’était qu’un aperçu (--dry-run) : rien n’a été envoyé au serveur.'
  }
}
