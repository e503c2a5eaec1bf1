// L'aperçu avant chaque déploiement, mise à jour et retour en arrière (components/DeployPreviewDialog.tsx).
export const preview = {
  title: {
    deploy: 'Déployer {{domain}} ?',
    deployFirst: 'Déployer {{domain}} pour la première fois ?',
    upgrade: 'Mettre {{domain}} à jour vers {{version}} ?',
    rollback: 'Revenir à {{version}} sur {{domain}} ?',
    redeploy: 'Redéployer {{domain}} ?',
    chaos: 'Déployer votre copie locale de la recette sur {{domain}} ?'
  },
  intro: 'Voici ce qui changera sur le serveur. Rien n’est envoyé avant votre confirmation.',
  loading: 'Calcul de ce qui va changer…',
  loadingHint: 'Lecture de la recette et de ce qui tourne sur le serveur. Rien n’est modifié.',
  loadFailed: 'Impossible de savoir ce qui changerait',
  loadFailedNext: 'Rien n’a été envoyé. Corrigez ce que dit le message, puis réessayez.',
  version: 'Version : {{from}} → {{to}}',
  versionFirst: 'Version : {{to}}',
  unknownVersion: 'inconnue',
  nothing: 'Rien ne changera : le serveur fait déjà tourner exactement ceci. Redéployer ne fait qu’enregistrer la version.',
  groups: {
    restart: 'Redémarreront (courte interruption le temps que les nouveaux conteneurs démarrent)',
    create: 'Seront créés',
    update: 'Modifiés sans redémarrage (étiquettes, nombre de copies ou réglages de mise à jour)',
    left: 'Continuent de tourner, bien qu’absents de la recette (un déploiement ne les supprime jamais)',
    unchanged: 'Inchangés ({{count}})',
    images: 'Versions des logiciels (images) qui changent',
    settings: 'Réglages qui changent (noms seulement)',
    settingsRemoved: 'Réglages qui ne sont plus donnés à l’app',
    placement: 'Les machines qui peuvent le faire tourner changent (là où sont ses données)',
    secrets: 'Secrets (mots de passe de l’app) utilisés pour la première fois',
    secretsChanged: 'Secrets remplacés par une nouvelle version',
    volumes: 'Données (volumes) utilisées par ce qui démarre ou redémarre',
    missing: 'Ce qui manque au serveur'
  },
  imageNew: '{{to}} (nouvelle)',
  volumeNew: '{{name}} (nouveau, vide)',
  missingText: 'Le déploiement s’arrêterait avant de changer quoi que ce soit. Créez-les d’abord (les secrets dans l’onglet Secrets de l’app), puis relancez l’aperçu.',
  team: {
    title: 'Avant de déployer : votre équipe',
    unsharedNext: 'Confirmer remplace ce qui tourne maintenant par vos réglages. Pour garder ceux de votre collègue, annulez et demandez-lui de partager sa modification d’abord.'
  },
  missingKind: { secret: 'Secret : {{name}}', config: 'Config : {{name}}', network: 'Réseau : {{name}}' },
  serverChanged: 'Le serveur a changé depuis l’aperçu',
  confirm: {
    deploy: 'Déployer',
    upgrade: 'Mettre à jour vers {{version}}',
    rollback: 'Revenir à {{version}}',
    redeploy: 'Redéployer'
  },
  starting: 'Démarrage…',
  startFailed: 'Le déploiement n’a pas démarré'
}
