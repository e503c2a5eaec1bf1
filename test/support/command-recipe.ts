// A recipe whose abra.sh has commands (abra app cmd), made as its own git
// repository in a test's ~/.abra/recipes: functions that take arguments,
// print output, exit non-zero and read the app's settings. Version 1.0.0+1
// is the one apps run; 2.0.0+1 adds a function that must not be offered to
// an app still at 1.0.0+1.
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'

export const ABRA_SH_V1 = `#!/bin/bash
export APP_CONFIG_VERSION=v1

# Says hello to each name it is given,
# one line each.
greet() {
  for n in "$@"; do echo "hello [$n]"; done
  echo "count=$#"
}

# Prints settings from the app's env file.
show_env() {
  echo "domain=$DOMAIN"
  echo "greeting=$GREETING"
}

# Fails on purpose with the code given (3 by default).
fail_with() {
  echo "about to fail" >&2
  return "\${1:-3}"
}

slow () {
  echo "slow start"
  sleep "\${1:-1}"
  echo "slow end"
}

_helper() { echo private; }
`

export const ABRA_SH_V2 = `${ABRA_SH_V1}
# Only in the newer version.
newer_only() {
  echo newer
}
`

/** Makes ~/.abra/recipes/<name> with two tagged versions; returns the folder. */
export async function makeCommandRecipe(recipesDir: string, name: string): Promise<string> {
  const dir = path.join(recipesDir, name)
  fs.mkdirSync(dir, { recursive: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  const author = { name: 'test', email: 'test@example.org' }
  const commit = async (abraSh: string, version: string): Promise<void> => {
    fs.writeFileSync(path.join(dir, 'compose.yml'), 'version: "3.8"\nservices:\n  app:\n    image: busybox\n')
    fs.writeFileSync(path.join(dir, '.env.sample'), 'TYPE=' + name + '\nDOMAIN=example.com\n')
    fs.writeFileSync(path.join(dir, 'abra.sh'), abraSh)
    for (const f of ['compose.yml', '.env.sample', 'abra.sh']) await git.add({ fs, dir, filepath: f })
    await git.commit({ fs, dir, message: version, author })
    await git.tag({ fs, dir, ref: version })
  }
  await commit(ABRA_SH_V1, '1.0.0+1')
  await commit(ABRA_SH_V2, '2.0.0+1')
  return dir
}

/** Arguments a shell would take as code if they were ever pasted into a script. */
export const hostileArgs = (marker: string): string[] => [`$(touch ${marker})`, `; touch ${marker}`, `\`touch ${marker}\``, `it's "quoted"`, 'two  spaces', '*', '']
