// Types for git-server.mjs, so tests can import it under strict TypeScript.
export interface GitServer { url: string; close(): Promise<void> }
export interface RecipeRepo { name: string; path: string; tags: string[] }
export function startGitServer(opts: { root: string }): Promise<GitServer>
export function buildRecipeRepos(opts: { sharedRecipes: string; outDir: string }): { repos: RecipeRepo[] }
export function commitFolder(opts: { repo: string; folder: string; message: string; tag?: string; date?: number; branch?: string }): string
export function compareVersionNames(a: string, b: string): number
