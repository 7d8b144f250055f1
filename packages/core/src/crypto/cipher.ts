import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { AppError } from '../errors.ts'

/** One AES-256 key of the ring. The id travels with every ciphertext. */
export interface EncryptionKey {
  id: string
  key: Buffer
}

/** Binds a ciphertext to the place it is stored: moved elsewhere, it no longer decrypts. */
export interface SecretLocation {
  table: string
  column: string
  rowId: string
}

export interface Cipher {
  encrypt(plaintext: string, at: SecretLocation): string
  decrypt(ciphertext: string, at: SecretLocation): string
  /** Id of the key new ciphertexts use (the newest). */
  readonly currentKeyId: string
  keyIdOf(ciphertext: string): string
}

const VERSION = 'v1'

/**
 * Parses `SWITCHBOARD_ENCRYPTION_KEYS`: comma-separated keys, newest first, each either
 * `id:base64key` or a bare base64 key (its id is then a short hash of the key).
 * Each key must decode to exactly 32 bytes.
 */
export function parseKeyRing(value: string): EncryptionKey[] {
  const keys = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const sep = entry.indexOf(':')
      const encoded = sep >= 0 ? entry.slice(sep + 1) : entry
      const key = Buffer.from(encoded, 'base64')
      if (key.length !== 32) {
        throw new Error('Each encryption key must be 32 bytes, base64-encoded (openssl rand -base64 32)')
      }
      const id = sep >= 0 ? entry.slice(0, sep) : createHash('sha256').update(key).digest('hex').slice(0, 8)
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`Invalid encryption key id "${id}"`)
      return { id, key }
    })
  if (keys.length === 0) throw new Error('The encryption key ring is empty')
  const ids = new Set(keys.map((k) => k.id))
  if (ids.size !== keys.length) throw new Error('Encryption key ids must be unique')
  return keys
}

export function generateKey(): string {
  return randomBytes(32).toString('base64')
}

function aad(at: SecretLocation): Buffer {
  return Buffer.from(`${at.table}\u0000${at.column}\u0000${at.rowId}`)
}

/** AES-256-GCM with a key ring. Format: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url). */
export function createCipher(ring: readonly EncryptionKey[]): Cipher {
  const [current] = ring
  if (!current) throw new Error('The encryption key ring is empty')
  const byId = new Map(ring.map((k) => [k.id, k.key]))

  return {
    currentKeyId: current.id,
    encrypt(plaintext, at) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current.key, iv)
      cipher.setAAD(aad(at))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return `${VERSION}.${current.id}.${iv.toString('base64url')}.${body.toString('base64url')}`
    },
    decrypt(ciphertext, at) {
      const parts = ciphertext.split('.')
      const [version, keyId, ivText, bodyText] = parts
      if (parts.length !== 4 || version !== VERSION || !keyId || !ivText || !bodyText) {
        throw new AppError('INTERNAL', 'A stored secret is malformed')
      }
      const key = byId.get(keyId)
      if (!key)
        throw new AppError(
          'INTERNAL',
          `A stored secret uses encryption key "${keyId}", which is not in the key ring`,
        )
      const body = Buffer.from(bodyText, 'base64url')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'))
        decipher.setAAD(aad(at))
        decipher.setAuthTag(body.subarray(body.length - 16))
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - 16)),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        throw new AppError('INTERNAL', 'A stored secret failed its integrity check')
      }
    },
    keyIdOf(ciphertext) {
      return ciphertext.split('.')[1] ?? ''
    },
  }
}
