import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

// Write to a temp name in the same folder then rename, so a crash never
// leaves a half-written file under the real name. The temp file is flushed to
// disk before the rename and the folder after it: without that, a power cut
// soon after can leave the new name pointing at an empty file.
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const dir = path.dirname(file)
  const tmp = path.join(dir, `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`)
  try {
    // 'wx': never write through a file (or symlink) that is already there.
    const handle = await fs.open(tmp, 'wx', mode)
    try {
      await handle.writeFile(data)
      // open's mode is narrowed by the umask; this is the mode asked for.
      await handle.chmod(mode)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(tmp, file)
  } catch (err) {
    await fs.rm(tmp, { force: true })
    throw err
  }
  await syncDir(dir)
}

/** Flushes a folder's entries (a rename, a new file) to disk. */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch {
    // Some file systems can't sync a folder (EINVAL, EISDIR on others); the
    // rename itself has happened, so that is not a failure of the write.
  } finally {
    await handle?.close()
  }
}
