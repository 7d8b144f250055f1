import type { OAuthServerModel } from '@switchboard/db'
import { sha256 } from '../crypto/random.ts'
import type { CoreDeps } from '../deps.ts'

/**
 * Storage of the authorization server's models (oidc-provider's adapter interface) in the
 * `oauth_server_models` table, on SQLite and PostgreSQL alike.
 *
 * Ids that are credentials are never stored: for every model but `Grant` the row id is the
 * SHA-256 of the value oidc-provider passes (an access token, refresh token, authorization
 * code, session cookie id…), and the payload's `jti` (the same value) is dropped and restored
 * from the argument on `find`. oidc-provider always looks models up by the value it was given,
 * so hashing is invisible to it, and a copy of the table yields no usable bearer token.
 */

/** A model's payload as oidc-provider reads and writes it. */
export type OAuthModelPayload = Record<string, unknown> & {
  jti?: string
  grantId?: string
  uid?: string
  userCode?: string
  clientId?: string
  accountId?: string
  consumed?: unknown
  exp?: number
}

/** The adapter interface oidc-provider expects (structurally; core does not import it). */
export interface OAuthModelAdapter {
  upsert(id: string, payload: OAuthModelPayload, expiresIn?: number): Promise<void>
  find(id: string): Promise<OAuthModelPayload | undefined>
  findByUid(uid: string): Promise<OAuthModelPayload | undefined>
  findByUserCode(userCode: string): Promise<OAuthModelPayload | undefined>
  consume(id: string): Promise<void>
  destroy(id: string): Promise<void>
  revokeByGrantId(grantId: string): Promise<void>
}

/** Models whose rows belong to a grant, to a client and to an account (user). */
const GRANT_MEMBERS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'ClientCredentials',
  'Grant',
])

/** Models whose id is not a credential (a grant id only names a row; it grants nothing). */
const PLAIN_ID_MODELS = new Set(['Grant'])

/** The row id of a model's value: its SHA-256, except for models whose id is no credential. */
export function storedModelId(model: string, id: string): string {
  return PLAIN_ID_MODELS.has(model) ? id : sha256(id)
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

function toPayload(model: string, id: string | undefined, row: OAuthServerModel): OAuthModelPayload {
  const payload = JSON.parse(row.payload) as OAuthModelPayload
  if (id !== undefined && !PLAIN_ID_MODELS.has(model)) payload.jti = id
  if (row.consumedAt !== null) payload.consumed = Math.floor(Date.parse(row.consumedAt) / 1000)
  return payload
}

export interface OAuthModelStoreOptions {
  /**
   * Builds the error thrown when a single-use model (an authorization code, a refresh token)
   * is consumed twice at the same moment: the loser must fail with `invalid_grant`. The grant
   * is revoked before it is thrown (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
   */
  replayError?: (model: string) => Error
}

/** Finds one model row by the value oidc-provider knows it by (hashed here), unexpired. */
export async function findOAuthModel(
  deps: CoreDeps,
  model: string,
  id: string,
): Promise<OAuthModelPayload | undefined> {
  const row = await deps.db
    .selectFrom('oauthServerModels')
    .selectAll()
    .where('model', '=', model)
    .where('id', '=', storedModelId(model, id))
    .executeTakeFirst()
  if (!row || isExpired(deps, row)) return undefined
  return toPayload(model, id, row)
}

function isExpired(deps: CoreDeps, row: { expiresAt: string | null }): boolean {
  return row.expiresAt !== null && row.expiresAt <= deps.clock.now().toISOString()
}

/** Deletes a grant with everything issued under it (codes, access and refresh tokens). */
export async function revokeOAuthGrantRows(deps: CoreDeps, grantId: string): Promise<void> {
  await deps.db.deleteFrom('oauthServerModels').where('grantId', '=', grantId).execute()
}

/** oidc-provider's adapter factory: `adapter: createOAuthModelAdapterFactory(deps)`. */
export function createOAuthModelAdapterFactory(deps: CoreDeps, options: OAuthModelStoreOptions = {}) {
  return (model: string): OAuthModelAdapter => {
    const byId = (id: string) =>
      deps.db
        .selectFrom('oauthServerModels')
        .selectAll()
        .where('model', '=', model)
        .where('id', '=', storedModelId(model, id))

    return {
      async upsert(id, payload, expiresIn) {
        const now = deps.clock.now()
        const { jti: _jti, consumed, ...rest } = payload
        const stored = PLAIN_ID_MODELS.has(model) ? { ...rest, jti: id } : rest
        const member = GRANT_MEMBERS.has(model)
        const values = {
          payload: JSON.stringify(stored),
          grantId: model === 'Grant' ? id : str(payload.grantId),
          uid: str(payload.uid),
          userCode: str(payload.userCode),
          clientId: member ? str(payload.clientId) : null,
          accountId: member ? str(payload.accountId) : null,
          expiresAt:
            typeof expiresIn === 'number' ? new Date(now.getTime() + expiresIn * 1000).toISOString() : null,
          consumedAt: consumed ? now.toISOString() : null,
        }
        await deps.db
          .insertInto('oauthServerModels')
          .values({ model, id: storedModelId(model, id), createdAt: now.toISOString(), ...values })
          .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values))
          .execute()
      },

      async find(id) {
        const row = await byId(id).executeTakeFirst()
        if (!row || isExpired(deps, row)) return undefined
        return toPayload(model, id, row)
      },

      async findByUid(uid) {
        const row = await deps.db
          .selectFrom('oauthServerModels')
          .selectAll()
          .where('model', '=', model)
          .where('uid', '=', uid)
          .executeTakeFirst()
        if (!row || isExpired(deps, row)) return undefined
        // The row id is a hash: the payload comes back without its jti (oidc-provider only
        // reads a session found by uid, never re-saves it under that id).
        return toPayload(model, undefined, row)
      },

      async findByUserCode(userCode) {
        const row = await deps.db
          .selectFrom('oauthServerModels')
          .selectAll()
          .where('model', '=', model)
          .where('userCode', '=', userCode)
          .executeTakeFirst()
        if (!row || isExpired(deps, row)) return undefined
        return toPayload(model, undefined, row)
      },

      async consume(id) {
        // Compare-and-set: of two simultaneous redemptions exactly one wins.
        const result = await deps.db
          .updateTable('oauthServerModels')
          .set({ consumedAt: deps.clock.now().toISOString() })
          .where('model', '=', model)
          .where('id', '=', storedModelId(model, id))
          .where('consumedAt', 'is', null)
          .executeTakeFirst()
        if (result.numUpdatedRows > 0n) return
        const row = await byId(id).executeTakeFirst()
        if (row?.grantId) await revokeOAuthGrantRows(deps, row.grantId)
        if (options.replayError) throw options.replayError(model)
      },

      async destroy(id) {
        await deps.db
          .deleteFrom('oauthServerModels')
          .where('model', '=', model)
          .where('id', '=', storedModelId(model, id))
          .execute()
      },

      async revokeByGrantId(grantId) {
        await deps.db
          .deleteFrom('oauthServerModels')
          .where('model', '=', model)
          .where('grantId', '=', grantId)
          .execute()
      },
    }
  }
}

/** Deletes expired rows (sessions, interactions, codes, tokens). Returns how many. */
export async function purgeExpiredOAuthModels(deps: CoreDeps): Promise<number> {
  const result = await deps.db
    .deleteFrom('oauthServerModels')
    .where('expiresAt', '<=', deps.clock.now().toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
