import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'

const generateKeyPairAsync = promisify(generateKeyPair)

/** A private JSON Web Key (only the fields oidc-provider needs). */
export type PrivateJwk = Record<string, unknown> & { kid: string; kty: string }

export interface OAuthServerKeys {
  /** Signing keys of the authorization server (RS256). */
  jwks: { keys: PrivateJwk[] }
  /** Keys that sign oidc-provider's cookies, newest first. */
  cookieKeys: string[]
}

/** Reads a secret, creating it once (the first instance to insert wins; others read its value). */
async function loadOrCreate(deps: CoreDeps, id: string, create: () => Promise<string>): Promise<string> {
  const read = async () => {
    const row = await deps.db
      .selectFrom('oauthServerSecrets')
      .select('valueCiphertext')
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? deps.cipher.decrypt(row.valueCiphertext, secretAt.oauthServerSecret(id)) : undefined
  }
  const existing = await read()
  if (existing !== undefined) return existing
  const value = await create()
  await deps.db
    .insertInto('oauthServerSecrets')
    .values({
      id,
      valueCiphertext: deps.cipher.encrypt(value, secretAt.oauthServerSecret(id)),
      createdAt: deps.clock.now().toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  return (await read()) ?? value
}

/**
 * The authorization server's keys: generated on first start and stored in the database,
 * encrypted with the key ring (so every instance shares them and a database copy alone does
 * not reveal them). Key rotation (`rotateEncryptionKeys`) re-encrypts them like any secret.
 */
export async function loadOAuthServerKeys(deps: CoreDeps): Promise<OAuthServerKeys> {
  const jwks = await loadOrCreate(deps, 'jwks', async () => {
    const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 })
    const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>
    return JSON.stringify({ keys: [{ ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' }] })
  })
  const cookieKeys = await loadOrCreate(deps, 'cookie-keys', async () =>
    JSON.stringify([randomBytes(32).toString('base64url')]),
  )
  return {
    jwks: JSON.parse(jwks) as OAuthServerKeys['jwks'],
    cookieKeys: JSON.parse(cookieKeys) as string[],
  }
}
