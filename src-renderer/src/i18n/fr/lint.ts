import type { lint as en } from '../en/lint'
import type { Translation } from '../keys'

export const lint: Translation<typeof en> = {
  title: 'Vérifications de la recette',
  intro: 'Les règles que Co-op Cloud demande à chaque recette (abra recipe lint), vérifiées sur la version {{version}}.',
  introNoVersion: 'Les règles que Co-op Cloud demande à chaque recette (abra recipe lint), vérifiées sur la recette telle quelle.',
  checking: 'Vérification de la recette…',
  checkingHint: 'Lecture de ses fichiers et question aux registres d\'images : son logiciel peut-il être téléchargé ?',
  error: 'La recette n\'a pas pu être vérifiée',
  allGood: 'Cette recette passe toutes les vérifications.',
  problems: 'Ses mainteneurs peuvent corriger ceci. Vous pouvez quand même créer une app : les points marqués « Problème » peuvent l\'empêcher de se déployer ou de bien fonctionner.',
  problem: 'Problème',
  warning: 'Avertissement',
  passed: 'Réussie',
  skipped: 'Non vérifiée',
  rule: 'règle {{id}}',
  howToFix: 'Comment corriger :',
  showOthers_one: 'Afficher {{count}} autre vérification (réussie ou non vérifiée)',
  showOthers_other: 'Afficher les {{count}} autres vérifications (réussies ou non vérifiées)',
  listLabel: 'Vérifications qui échouent',
  othersLabel: 'Vérifications réussies ou non vérifiées',
  newAppProblems: 'Cette recette a des problèmes que ses mainteneurs peuvent corriger. Voyez-les sur la page de la recette.',
  seeChecks: 'Voir les vérifications de la recette'
}
