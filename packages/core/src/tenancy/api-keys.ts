import { z } from 'zod'
import {
  apiKeyScopes,
  mayHandleOwners,
  type Principal,
  requireScope,
  requireWithinOwnAccess,
  requireWithinSeenWorkspaces,
  scopesOf,
} from '../auth/principal.ts'
import { randomToken, sha256 } from '../crypto/random.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { touchDue } from '../util/last-used.ts'
import { cachedRead } from '../util/read-cache.ts'
import { type ApiKeyView, toApiKeyView } from './views.ts'
import { requireWorkspace } from './workspaces.ts'

const API_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(200).default('API key'),
  /** The scopes the key holds (docs/access.md); left out: a full-access key. */
  scopes: z
    .array(z.enum(apiKeyScopes as [string, ...string[]]))
    .min(1)
    .max(apiKeyScopes.length)
    .transform((s) => [...new Set(s)])
    .optional(),
  /** The workspaces the key may touch; left out: all of them. */
  workspaceIds: z
    .array(z.uuid())
    .min(1)
    .max(100)
    .transform((s) => [...new Set(s)])
    .optional(),
  /** When the key stops working (ISO 8601, in the future); left out: never. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
})
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>

export interface ApiKeyLimits {
  scopes?: readonly string[] | null | undefined
  workspaceIds?: readonly string[] | null | undefined
  expiresAt?: string | null | undefined
  /** Whether the maker could touch owners (mayHandleOwners); left out: yes (the CLI, an operator). */
  ownerGrade?: boolean | undefined
}

/** Makes a key for an organization. The plaintext is returned once and never stored. */
export async function insertApiKey(
  deps: CoreDeps,
  organizationId: string,
  name: string,
  limits: ApiKeyLimits = {},
) {
  const key = `sk_${randomToken(32)}`
  const row = {
    id: deps.newId(),
    organizationId,
    name,
    keyHash: sha256(key),
    prefix: `${key.slice(0, 7)}…`,
    createdAt: deps.clock.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    scopes: limits.scopes ? JSON.stringify(limits.scopes) : null,
    workspaceIds: limits.workspaceIds ? JSON.stringify(limits.workspaceIds) : null,
    expiresAt: limits.expiresAt ? new Date(limits.expiresAt).toISOString() : null,
    ownerGrade: limits.ownerGrade === false ? 0 : 1,
  }
  await deps.db.insertInto('apiKeys').values(row).execute()
  return { apiKey: toApiKeyView(row), key }
}

export async function createApiKey(
  deps: CoreDeps,
  principal: Principal,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKeyView; key: string }> {
  requireScope(principal, 'api-keys:write')
  const { name, scopes, workspaceIds, expiresAt } = CreateApiKeyInput.parse(input)
  if (expiresAt !== undefined && Date.parse(expiresAt) <= clockMs(deps.clock)) {
    throw new AppError('VALIDATION_ERROR', 'expiresAt must be in the future', { field: 'expiresAt' })
  }
  // No one makes a key that can do more than they can: a narrower creator names its scopes.
  const held = scopesOf(principal)
  const wanted = scopes ?? apiKeyScopes
  const missing = wanted.find((s) => !held.includes(s))
  if (missing !== undefined) {
    throw new AppError('INSUFFICIENT_SCOPE', `You cannot give a key the "${missing}" scope you do not hold`, {
      requiredScope: missing,
    })
  }
  requireWithinSeenWorkspaces(principal, workspaceIds, 'this key')
  for (const w of workspaceIds ?? []) await requireWorkspace(deps, principal.organizationId, w)
  return inTransaction(deps, async (tx) => {
    const created = await insertApiKey(tx, principal.organizationId, name, {
      scopes,
      workspaceIds,
      expiresAt,
      ownerGrade: mayHandleOwners(principal),
    })
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      type: 'api_key.created',
      actor: actorOf(principal),
      data: {
        apiKeyId: created.apiKey.id,
        name,
        prefix: created.apiKey.prefix,
        scopes: created.apiKey.scopes,
        workspaceIds: created.apiKey.workspaceIds,
        expiresAt: created.apiKey.expiresAt,
      },
    })
    return created
  })
}

export async function listApiKeys(deps: CoreDeps, principal: Principal): Promise<ApiKeyView[]> {
  requireScope(principal, 'api-keys:read')
  const rows = await deps.db
    .selectFrom('apiKeys')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(toApiKeyView)
}

export async function revokeApiKey(deps: CoreDeps, principal: Principal, id: string): Promise<void> {
  requireScope(principal, 'api-keys:write')
  const result = await inTransaction(deps, async (tx) => {
    // No one revokes a key that does more than they can (members and invites: the same rule).
    const target = await tx.db
      .selectFrom('apiKeys')
      .select(['scopes', 'workspaceIds'])
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .executeTakeFirst()
    if (target) {
      const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as string[]))
      requireWithinOwnAccess(
        principal,
        { scopes: parse(target.scopes), workspaceIds: parse(target.workspaceIds) },
        'this key',
      )
    }
    const revoked = await tx.db
      .updateTable('apiKeys')
      .set({ revokedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .where('revokedAt', 'is', null)
      .returning(['name', 'prefix'])
      .executeTakeFirst()
    if (revoked) {
      await appendEvent(tx, {
        organizationId: principal.organizationId,
        type: 'api_key.revoked',
        actor: actorOf(principal),
        data: { apiKeyId: id, name: revoked.name, prefix: revoked.prefix },
      })
    }
    return { numUpdatedRows: revoked ? 1n : 0n }
  })
  if (result.numUpdatedRows === 0n) {
    const exists = await deps.db
      .selectFrom('apiKeys')
      .select('id')
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .executeTakeFirst()
    if (!exists) throw new AppError('NOT_FOUND', 'API key not found')
  }
}

const API_KEY_LENGTH = 46

function malformedKey(): AppError {
  return new AppError('UNAUTHORIZED', 'Invalid API key: expected "Bearer sk_…"', undefined, 2036)
}

/** Resolves `sk_…` to its organization, or throws UNAUTHORIZED (legacy 2036). */
export async function authenticateApiKey(deps: CoreDeps, key: string): Promise<Principal> {
  // Only a key of the right length is looked up, so the cache holds nothing larger; its
  // characters are checked when it is first read, not on every call.
  if (key.length !== API_KEY_LENGTH) throw malformedKey()
  // Keyed by the key itself: hashing it on every call cost more than the cached lookup.
  const found = await cachedRead(deps, 'apiKey', key, async () => {
    if (!API_KEY_PATTERN.test(key)) return 'malformed' as const
    const row = await deps.db
      .selectFrom('apiKeys')
      .select([
        'id',
        'organizationId',
        'revokedAt',
        'lastUsedAt',
        'scopes',
        'workspaceIds',
        'expiresAt',
        'ownerGrade',
      ])
      .where('keyHash', '=', sha256(key))
      .executeTakeFirst()
    if (!row || row.revokedAt !== null) return null
    // One frozen principal per cached read: what is read from it is cached under it.
    const principal: Principal = Object.freeze({
      kind: 'apiKey',
      organizationId: row.organizationId,
      apiKeyId: row.id,
      scopes: row.scopes === null ? null : Object.freeze(JSON.parse(row.scopes) as string[]),
      workspaceIds:
        row.workspaceIds === null ? null : Object.freeze(JSON.parse(row.workspaceIds) as string[]),
      ownerGrade: Number(row.ownerGrade) === 1,
    })
    return { row, principal }
  })
  if (found === 'malformed') throw malformedKey()
  if (!found) throw new AppError('UNAUTHORIZED', 'Invalid or revoked API key', undefined, 2036)
  const { row, principal } = found
  if (row.expiresAt !== null && Date.parse(row.expiresAt) <= clockMs(deps.clock)) {
    throw new AppError('UNAUTHORIZED', 'This API key has expired', undefined, 2036)
  }
  if (touchDue(row, clockMs(deps.clock))) {
    await deps.db
      .updateTable('apiKeys')
      .set({ lastUsedAt: row.lastUsedAt })
      .where('id', '=', row.id)
      .execute()
  }
  return principal
}
