import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import path from 'node:path'

/**
 * The embedded default keeps every credential's ciphertext (and, without
 * SWITCHBOARD_ENCRYPTION_KEYS, the key that opens them) in its data dir: only the server's own
 * user may read what it writes there. Modes are set explicitly, so the process's umask does not
 * matter.
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/**
 * Creates `dir` (and missing parents) 0700. A folder that exists already keeps its mode: it
 * may be a volume or a folder the operator chose; the files we write in it are 0600 anyway.
 */
export function ensurePrivateDir(dir: string): void {
  const target = path.resolve(dir)
  const first = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (first === undefined) return
  // mkdir's mode is masked by the umask: set it on each folder this call created.
  for (let d = target; ; d = path.dirname(d)) {
    chmodSync(d, PRIVATE_DIR_MODE)
    if (d === first || d === path.dirname(d)) break
  }
}

/** Creates `file` empty with mode 0600 when missing, and sets 0600 on it either way. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
  chmodSync(file, PRIVATE_FILE_MODE)
}

/** Sets 0600 on the files that exist among `files` (SQLite's -wal and -shm beside the database). */
export function restrictExisting(files: readonly string[]): void {
  for (const f of files) if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE)
}
