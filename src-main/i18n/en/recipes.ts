// The recipes' messages (src-main/recipes): fetching a recipe with git and
// checking out its versions.
export const recipes = {
  badName: '"{{name}}" is not a recipe name: use letters, digits, dots, dashes and underscores.',
  fetchFailed: 'Could not fetch the recipe {{name}} from {{url}}. Check the address and your connection.',
  notRepo: "{{dir}} exists but is not a git checkout, so the recipe {{name}} can't be downloaded there. Move it aside and try again.",
  cloneFailed: 'Could not download the recipe {{name}} from {{url}}. Check the address and your connection.',
  andMore: '{{files}} and {{more}} more',
  dirty: 'The recipe {{name}} has local changes ({{files}}), so version {{tag}} was not checked out. Save them elsewhere or undo them, then try again.',
  diverged: 'The recipe {{name}} has local commits that are not in its repository ({{refs}}), so version {{tag}} was not checked out. Push or save them elsewhere, then try again.',
  badPath: '"{{path}}" is not a path inside the recipe.',
  noFile: 'Version {{tag}} of the recipe {{name}} has no file {{file}}.',
  noVersion: 'The recipe {{name}} has no version {{tag}}.',
  noVersionKnown: 'The recipe {{name}} has no version {{tag}}. Known versions: {{known}}.'
}
