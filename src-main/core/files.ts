import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

// Write to a temp name in the same folder then rename, so a crash never
// leaves a half-written file under the real name.
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`)
  await fs.writeFile(tmp, data, { mode })
  try {
    await fs.rename(tmp, file)
  } catch (err) {
    await fs.rm(tmp, { force: true })
    throw err
  }
}
