import type { CoreDeps } from '../deps.ts'
import { CONNECTING_STALE_MS, INTERRUPTED_ERROR } from './oauth-flow.ts'
import { heldTokens, revokeObtainedTokens } from './obtained-tokens.ts'

/**
 * Ends what a crashed flow left: sessions CONNECTING with no progress for CONNECTING_STALE_MS
 * become FAILED "interrupted", and tokens a session still holds (obtained by an exchange whose
 * connection was never stored, or whose revocation did not go through) are revoked at the
 * provider, then dropped. Runs at start-up and in every background pass; safe on several
 * instances: each session is claimed by a compare-and-swap before anything is done to it, so
 * only one instance revokes its tokens (background-jobs-three-processes.pg.test.ts).
 */
export async function recoverInterruptedConnectSessions(
  deps: CoreDeps,
  options: { batchSize?: number } = {},
): Promise<{ failed: number; revoked: number }> {
  const now = deps.clock.now()
  const stale = new Date(now.getTime() - CONNECTING_STALE_MS).toISOString()
  const rows = await deps.db
    .selectFrom('connectSessions')
    .selectAll()
    .where('updatedAt', '<', stale)
    .where((eb) => eb.or([eb('status', '=', 'CONNECTING'), eb('tokensCiphertext', 'is not', null)]))
    .orderBy('updatedAt')
    .limit(options.batchSize ?? 100)
    .execute()
  let failed = 0
  let revoked = 0
  for (const row of rows) {
    if (row.status === 'CONNECTING') {
      // FAILED first: a flow that is somehow still alive then cannot complete (its commit
      // checks for CONNECTING), so no connection ever holds the tokens revoked below.
      const ended = await deps.db
        .updateTable('connectSessions')
        .set({
          status: 'FAILED',
          error: INTERRUPTED_ERROR,
          pkceVerifierCiphertext: null,
          updatedAt: now.toISOString(),
        })
        .where('id', '=', row.id)
        .where('status', '=', 'CONNECTING')
        .where('updatedAt', '=', row.updatedAt)
        .executeTakeFirst()
      if (ended.numUpdatedRows === 0n) continue
      failed++
      deps.log.warn({ sessionId: row.id }, 'connect session interrupted (its flow stopped); marked FAILED')
    } else if (row.tokensCiphertext !== null) {
      // Claim the revocation before making it: the stale `updatedAt` moves to now, so another
      // instance's pass skips the session until it is stale again (CONNECTING_STALE_MS), which
      // is also when a revocation that failed here is tried again. Without the claim, every
      // instance reading the row in the same moment would revoke the same tokens.
      const claimed = await deps.db
        .updateTable('connectSessions')
        .set({ updatedAt: now.toISOString() })
        .where('id', '=', row.id)
        .where('updatedAt', '=', row.updatedAt)
        .where('tokensCiphertext', '=', row.tokensCiphertext)
        .executeTakeFirst()
      if (claimed.numUpdatedRows === 0n) continue
    }
    const tokens = heldTokens(deps, row)
    if (!tokens) continue
    const outcome = await revokeObtainedTokens(deps, row, tokens)
    // A provider that keeps failing is asked again on a later pass, until the session expires.
    if (outcome === 'failed' && row.expiresAt > now.toISOString()) {
      deps.log.warn({ sessionId: row.id }, 'could not revoke the tokens a connect session held; will retry')
      continue
    }
    const dropped = await deps.db
      .updateTable('connectSessions')
      .set({ tokensCiphertext: null })
      .where('id', '=', row.id)
      .where('tokensCiphertext', '=', row.tokensCiphertext)
      .executeTakeFirst()
    if (dropped.numUpdatedRows > 0n && outcome === 'revoked') revoked++
  }
  return { failed, revoked }
}
