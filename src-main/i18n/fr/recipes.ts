import type { recipes as en } from '../en/recipes'
import type { Translation } from '../keys'

export const recipes: Translation<typeof en> = {
  badName: '« {{name}} » n’est pas un nom de recette : utilisez des lettres, des chiffres, des points, des tirets et des tirets bas.',
  fetchFailed: 'Impossible de récupérer la recette {{name}} depuis {{url}}. Vérifiez l’adresse et votre connexion.',
  notRepo: '{{dir}} existe mais n’est pas une copie git : la recette {{name}} ne peut pas y être téléchargée. Déplacez ce dossier et réessayez.',
  cloneFailed: 'Impossible de télécharger la recette {{name}} depuis {{url}}. Vérifiez l’adresse et votre connexion.',
  andMore: '{{files}} et {{more}} de plus',
  dirty: 'La recette {{name}} a des modifications locales ({{files}}) : la version {{tag}} n’a donc pas été prise. Mettez-les ailleurs ou annulez-les, puis réessayez.',
  diverged: 'La recette {{name}} a des commits locaux absents de son dépôt ({{refs}}) : la version {{tag}} n’a donc pas été prise. Poussez-les ou mettez-les ailleurs, puis réessayez.',
  badPath: '« {{path}} » n’est pas un chemin dans la recette.',
  noFile: 'La version {{tag}} de la recette {{name}} n’a pas de fichier {{file}}.',
  noVersion: 'La recette {{name}} n’a pas de version {{tag}}.',
  noVersionKnown: 'La recette {{name}} n’a pas de version {{tag}}. Versions connues : {{known}}.'
}
