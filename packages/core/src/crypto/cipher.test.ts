import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { createCipher, generateKey, parseKeyRing, type SecretLocation } from './cipher.ts'
import { secretAt } from './secret-location.ts'

const k1 = generateKey()
const k2 = generateKey()
const ring1 = parseKeyRing(`k1:${k1}`)
const ring21 = parseKeyRing(`k2:${k2},k1:${k1}`)

const here: SecretLocation = secretAt.connectionCredentials('0b7c6f1e-3f3c-4f7a-9d55-8d7a2f0c1a11')

/** Runs `fn`, expecting it to throw an AppError; returns the error. */
function appErrorFrom(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected an AppError, nothing was thrown')
}

describe('cipher', () => {
  it('round-trips a secret and never shows the plaintext in the ciphertext', () => {
    const cipher = createCipher(ring1)
    const secret = '{"accessToken":"gho_abcdef0123456789","refreshToken":"ghr_zyx"}'
    const ciphertext = cipher.encrypt(secret, here)
    expect(ciphertext).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(ciphertext).not.toContain('gho_abcdef')
    // Not merely encoded: neither the text nor the decoded bytes hold the plaintext.
    for (const part of ciphertext.split('.').slice(2)) {
      expect(Buffer.from(part, 'base64url').includes(Buffer.from('gho_abcdef'))).toBe(false)
    }
    expect(cipher.decrypt(ciphertext, here)).toBe(secret)
  })

  it('uses a fresh IV each time: the same secret encrypts differently', () => {
    const cipher = createCipher(ring1)
    const a = cipher.encrypt('same', here)
    const b = cipher.encrypt('same', here)
    expect(a).not.toBe(b)
    expect(cipher.decrypt(a, here)).toBe('same')
    expect(cipher.decrypt(b, here)).toBe('same')
  })

  it('round-trips any string at any location (property)', () => {
    const cipher = createCipher(ring1)
    const location = fc.record({
      table: fc.string({ minLength: 1 }),
      column: fc.string({ minLength: 1 }),
      rowId: fc.uuid(),
    })
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), location, (plaintext, at) => {
        expect(cipher.decrypt(cipher.encrypt(plaintext, at), at)).toBe(plaintext)
      }),
      { numRuns: 300 },
    )
  })

  it('binds a ciphertext to its table, row and column (property)', () => {
    const cipher = createCipher(ring1)
    fc.assert(
      fc.property(fc.string(), fc.uuid(), fc.uuid(), (plaintext, rowA, rowB) => {
        fc.pre(rowA !== rowB)
        const ciphertext = cipher.encrypt(plaintext, secretAt.connectionCredentials(rowA))
        expect(() => cipher.decrypt(ciphertext, secretAt.connectionCredentials(rowB))).toThrow(AppError)
        expect(() => cipher.decrypt(ciphertext, secretAt.oauthAppSecret(rowA))).toThrow(AppError)
      }),
      { numRuns: 100 },
    )
  })

  describe('associated data', () => {
    const cipher = createCipher(ring1)
    const rowA = secretAt.oauthAppSecret('11111111-1111-4111-8111-111111111111')
    const ciphertext = cipher.encrypt('client-secret-value', rowA)

    it('decrypts where it was written', () => {
      expect(cipher.decrypt(ciphertext, rowA)).toBe('client-secret-value')
    })

    it('fails on another row of the same table and column', () => {
      const err = appErrorFrom(() =>
        cipher.decrypt(ciphertext, secretAt.oauthAppSecret('22222222-2222-4222-8222-222222222222')),
      )
      expect(err.message).toMatch(/integrity/)
      expect(err.message).not.toContain('client-secret-value')
    })

    it('fails in another column of the same row', () => {
      expect(() => cipher.decrypt(ciphertext, { ...rowA, column: 'client_id' })).toThrow(/integrity/)
    })

    it('fails in another table with the same row id and column', () => {
      expect(() => cipher.decrypt(ciphertext, { ...rowA, table: 'connections' })).toThrow(/integrity/)
    })

    it('does not let the separator be forged by shifting characters between fields', () => {
      // "a" + "bc" must not equal "ab" + "c".
      const at = { table: 'a', column: 'bc', rowId: 'r' }
      const ct = cipher.encrypt('x', at)
      expect(() => cipher.decrypt(ct, { table: 'ab', column: 'c', rowId: 'r' })).toThrow(AppError)
    })
  })

  describe('tampering', () => {
    const cipher = createCipher(ring1)
    const ciphertext = cipher.encrypt('a secret worth stealing', here)
    const [version, keyId, iv, body] = ciphertext.split('.') as [string, string, string, string]

    const flip = (b64: string, index: number) => {
      const bytes = Buffer.from(b64, 'base64url')
      bytes[index % bytes.length] = (bytes[index % bytes.length] ?? 0) ^ 0x01
      return bytes.toString('base64url')
    }

    it.each([
      ['a ciphertext byte', () => [version, keyId, iv, flip(body, 0)].join('.')],
      [
        'the auth tag',
        () => [version, keyId, iv, flip(body, Buffer.from(body, 'base64url').length - 1)].join('.'),
      ],
      ['the IV', () => [version, keyId, flip(iv, 3), body].join('.')],
      ['a truncated body', () => [version, keyId, iv, body.slice(0, -4)].join('.')],
      [
        'an appended byte',
        () =>
          [
            version,
            keyId,
            iv,
            Buffer.concat([Buffer.from(body, 'base64url'), Buffer.from([0])]).toString('base64url'),
          ].join('.'),
      ],
    ])('rejects %s', (_what, tampered) => {
      expect(() => cipher.decrypt(tampered(), here)).toThrow(/integrity/)
    })

    it('flipping any single bit anywhere is detected (property)', () => {
      const raw = Buffer.from(body, 'base64url')
      fc.assert(
        fc.property(fc.nat({ max: raw.length * 8 - 1 }), (bit) => {
          const copy = Buffer.from(raw)
          copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7))
          const tampered = [version, keyId, iv, copy.toString('base64url')].join('.')
          expect(() => cipher.decrypt(tampered, here)).toThrow(AppError)
        }),
      )
    })

    it.each([
      ['empty', ''],
      ['plaintext', 'not-a-ciphertext'],
      ['unknown version', ['v2', keyId, iv, body].join('.')],
      ['too few parts', [version, keyId, body].join('.')],
      ['too many parts', [version, keyId, iv, body, 'x'].join('.')],
    ])('rejects a malformed value (%s) as malformed', (_what, value) => {
      const err = appErrorFrom(() => cipher.decrypt(value, here))
      expect(err.code).toBe('INTERNAL')
      expect(err.message).toMatch(/malformed/)
    })
  })

  describe('key ring', () => {
    it('encrypts with the first (newest) key and carries its id', () => {
      const cipher = createCipher(ring21)
      expect(cipher.currentKeyId).toBe('k2')
      const ct = cipher.encrypt('s', here)
      expect(ct.startsWith('v1.k2.')).toBe(true)
      expect(cipher.keyIdOf(ct)).toBe('k2')
    })

    it('decrypts what an older key wrote, as long as the ring still holds it', () => {
      const old = createCipher(ring1).encrypt('written under k1', here)
      expect(createCipher(ring21).keyIdOf(old)).toBe('k1')
      expect(createCipher(ring21).decrypt(old, here)).toBe('written under k1')
    })

    it('says which key is missing when the ring lacks it', () => {
      const underK2 = createCipher(ring21).encrypt('written under k2', here)
      const err = appErrorFrom(() => createCipher(ring1).decrypt(underK2, here))
      expect(err.message).toMatch(/"k2"/)
      expect(err.message).toMatch(/not in the key ring/)
      expect(err.message).not.toContain('written under k2')
    })

    it('does not decrypt with a different key under the same id', () => {
      const ct = createCipher(ring1).encrypt('s', here)
      const impostor = createCipher(parseKeyRing(`k1:${generateKey()}`))
      expect(() => impostor.decrypt(ct, here)).toThrow(/integrity/)
    })

    it('accepts bare keys and derives a stable id from the key', () => {
      const [a] = parseKeyRing(k1)
      const [b] = parseKeyRing(` ${k1} ,`)
      expect(a?.id).toMatch(/^[0-9a-f]{8}$/)
      expect(b?.id).toBe(a?.id)
      expect(a?.key.equals(Buffer.from(k1, 'base64'))).toBe(true)
    })

    it('keeps the order given: newest first', () => {
      expect(parseKeyRing(`new:${k2}, old:${k1}`).map((k) => k.id)).toEqual(['new', 'old'])
    })

    it.each([
      ['a 16-byte key', `k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
      ['a 33-byte key', `k1:${randomBytes(33).toString('base64')}`, /32 bytes/],
      ['an empty key', 'k1:', /32 bytes/],
      ['a key that is not base64 of 32 bytes', 'k1:hello-world', /32 bytes/],
      ['duplicate ids', `k1:${k1},k1:${k2}`, /unique/],
      ['the same bare key twice', `${k1},${k1}`, /unique/],
      ['an empty ring', '', /empty/],
      ['only commas', ' , ,', /empty/],
      ['an id with odd characters', `k 1:${k1}`, /Invalid encryption key id/],
      ['an over-long id', `${'k'.repeat(33)}:${k1}`, /Invalid encryption key id/],
    ])('rejects %s', (_what, value, message) => {
      expect(() => parseKeyRing(value)).toThrow(message)
    })

    it('never echoes key material in its errors', () => {
      const short = randomBytes(16).toString('base64')
      expect(() => parseKeyRing(`k1:${short}`)).toThrow()
      try {
        parseKeyRing(`k1:${short}`)
      } catch (e) {
        expect(String((e as Error).message)).not.toContain(short)
      }
    })

    it('refuses an empty ring when building a cipher', () => {
      expect(() => createCipher([])).toThrow(/empty/)
    })

    it('generates keys of 32 random bytes', () => {
      const a = generateKey()
      expect(Buffer.from(a, 'base64')).toHaveLength(32)
      expect(a).not.toBe(generateKey())
      expect(() => parseKeyRing(a)).not.toThrow()
    })
  })
})
