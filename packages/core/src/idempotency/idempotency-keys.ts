import { createHash } from 'node:crypto'
import { secretAt } from '../crypto/secret-location.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { AppError } from '../errors.ts'

/** How long a key's answer is replayed; older rows are pruned by the background job. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000
/**
 * A first request that has not finished after this long is taken to have died with its server
 * (no REST POST runs this long: the proxy routes, which may, ignore the header). A retry with
 * the key then runs the request again.
 */
export const IDEMPOTENCY_ABANDONED_MS = 5 * 60_000
/** Printable ASCII without spaces, 1–255 characters (a UUID v4 is the usual choice). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

/** The `Idempotency-Key` header's value, checked; undefined when the request has none. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new AppError(
      'VALIDATION_ERROR',
      'Idempotency-Key must be one value of 1 to 255 printable ASCII characters without spaces (a UUID, say)',
      [{ path: 'Idempotency-Key', message: 'Invalid idempotency key' }],
    )
  }
  return header
}

export interface IdempotentRequest {
  organizationId: string
  key: string
  method: string
  /** The request's path and query string. */
  path: string
  /** The parsed JSON body (undefined for none). */
  body: unknown
}

/** An answer as stored and replayed. */
export interface StoredAnswer {
  status: number
  body: unknown
  headers: Record<string, string | string[]>
}

export type IdempotencyClaim =
  /** This request is the first with its key: run it, then `completeIdempotencyKey` or `release…`. */
  | { kind: 'claimed'; id: string }
  /** The key's request already ran with this very request: its answer, to send again. */
  | { kind: 'replay'; answer: StoredAnswer }

function requestHash(req: IdempotentRequest): string {
  return createHash('sha256')
    .update(`${req.method.toUpperCase()}\n${req.path}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex')
}

/**
 * Claims an Idempotency-Key for one request of an organization (keys are per organization):
 * the first request with the key gets `claimed`; the same request again within 24 h gets the
 * first one's answer; another request with the key is 422 `IDEMPOTENCY_KEY_REUSED`; the same
 * request while the first still runs is 409 `IDEMPOTENCY_KEY_IN_PROGRESS`. Concurrent claims
 * are decided by the table's unique key, so exactly one of them runs.
 */
export async function claimIdempotencyKey(deps: CoreDeps, req: IdempotentRequest): Promise<IdempotencyClaim> {
  const hash = requestHash(req)
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clockMs(deps.clock)
    const id = deps.newId()
    const inserted = await deps.db
      .insertInto('idempotencyKeys')
      .values({
        id,
        organizationId: req.organizationId,
        idempotencyKey: req.key,
        requestHash: hash,
        responseStatus: null,
        responseCiphertext: null,
        createdAt: new Date(now).toISOString(),
        completedAt: null,
      })
      .onConflict((oc) => oc.columns(['organizationId', 'idempotencyKey']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'claimed', id }

    const row = await deps.db
      .selectFrom('idempotencyKeys')
      .selectAll()
      .where('organizationId', '=', req.organizationId)
      .where('idempotencyKey', '=', req.key)
      .executeTakeFirst()
    if (!row) continue // released or pruned meanwhile: claim again
    const age = now - Date.parse(row.createdAt)
    if (age >= IDEMPOTENCY_KEY_TTL_MS || (row.responseStatus === null && age >= IDEMPOTENCY_ABANDONED_MS)) {
      // Expired (not pruned yet), or left by a request that died: the key is free again.
      await deps.db.deleteFrom('idempotencyKeys').where('id', '=', row.id).execute()
      continue
    }
    if (row.requestHash !== hash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for another request (method, path or body) in the last 24 hours: send a new key for a new request',
      )
    }
    if (row.responseStatus === null || row.responseCiphertext === null) {
      throw new AppError(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'A request with this Idempotency-Key is still running: retry after it finishes to get its answer',
        { retryAfterSeconds: 1 },
      )
    }
    const stored = JSON.parse(
      deps.cipher.decrypt(row.responseCiphertext, secretAt.idempotentResponse(row.id)),
    ) as {
      body?: unknown
      headers: Record<string, string | string[]>
    }
    return {
      kind: 'replay',
      answer: { status: row.responseStatus, body: stored.body, headers: stored.headers },
    }
  }
  throw new AppError(
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'Requests with this Idempotency-Key keep racing: retry in a moment',
    { retryAfterSeconds: 1 },
  )
}

/** Stores the claimed request's answer, to be replayed for the same request for 24 h. */
export async function completeIdempotencyKey(
  deps: CoreDeps,
  claim: { id: string },
  answer: StoredAnswer,
): Promise<void> {
  const plaintext = JSON.stringify({ body: answer.body, headers: answer.headers })
  await deps.db
    .updateTable('idempotencyKeys')
    .set({
      responseStatus: answer.status,
      responseCiphertext: deps.cipher.encrypt(plaintext, secretAt.idempotentResponse(claim.id)),
      completedAt: deps.clock.now().toISOString(),
    })
    .where('id', '=', claim.id)
    .execute()
}

/** Frees the key of a request whose answer is not to be kept (a 5xx, a 429): a retry runs it again. */
export async function releaseIdempotencyKey(deps: CoreDeps, claim: { id: string }): Promise<void> {
  await deps.db.deleteFrom('idempotencyKeys').where('id', '=', claim.id).execute()
}

/** Deletes keys older than 24 h; the leased `idempotency-key-retention` job calls it hourly. Returns how many. */
export async function pruneIdempotencyKeys(deps: CoreDeps): Promise<number> {
  const before = new Date(clockMs(deps.clock) - IDEMPOTENCY_KEY_TTL_MS).toISOString()
  const result = await deps.db
    .deleteFrom('idempotencyKeys')
    .where('createdAt', '<=', before)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
