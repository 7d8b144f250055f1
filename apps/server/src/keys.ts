import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type EncryptionKey, generateKey, parseKeyRing } from '@switchboard/core'
import { ensurePrivateDir } from '@switchboard/db'
import type { Logger } from 'pino'
import type { Env } from './env.ts'

export const KEY_FILE = 'secret.key'

/**
 * The encryption key ring: SWITCHBOARD_ENCRYPTION_KEYS when set. On the embedded SQLite
 * default without it, a key is generated once into the data dir (mode 0600) — convenient
 * for one machine, and logged as a warning. PostgreSQL (several instances) needs the
 * variable, so every instance shares the same keys.
 */
export function loadKeyRing(env: Env, log: Pick<Logger, 'warn'>): EncryptionKey[] {
  if (env.encryptionKeys) return parseKeyRing(env.encryptionKeys)
  if (env.databaseUrl) {
    throw new Error(
      'SWITCHBOARD_ENCRYPTION_KEYS is required with DATABASE_URL (every instance must share the keys). ' +
        'Generate one with: openssl rand -base64 32',
    )
  }
  const file = path.join(env.dataDir, KEY_FILE)
  if (!existsSync(file)) {
    ensurePrivateDir(env.dataDir)
    writeFileSync(file, `local:${generateKey()}\n`, { mode: 0o600, flag: 'wx' })
    // The mode above is masked by the umask; this one is not.
    chmodSync(file, 0o600)
    log.warn(
      { file: path.resolve(file) },
      'SWITCHBOARD_ENCRYPTION_KEYS is not set: generated an encryption key into the data dir. Back it up; set SWITCHBOARD_ENCRYPTION_KEYS in production.',
    )
  } else {
    chmodSync(file, 0o600)
  }
  return parseKeyRing(readFileSync(file, 'utf8').trim())
}
