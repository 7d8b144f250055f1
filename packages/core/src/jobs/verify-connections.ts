import type { Connection } from '@switchboard/db'
import { decryptCredentials } from '../connections/credentials.ts'
import {
  CREDENTIALS_REJECTED_REASON,
  EGRESS_REFUSED_REASON,
  markConnectionRecovered,
  markConnectionUnhealthy,
} from '../connections/health.ts'
import { verifyCredentials } from '../connections/verify-credentials.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { findIntegration } from '../integrations/integrations.ts'

/** What one probe found. */
export type ProbeOutcome = 'ok' | 'rejected' | 'egress_refused' | 'unavailable' | 'skipped'

/** Reasons the probe writes (a connection UNHEALTHY for another reason is not its to heal). */
const PROBE_CODES = ['CREDENTIALS_REJECTED', 'EGRESS_REFUSED']

/**
 * Scheduled verification (SWITCHBOARD_VERIFY_INTERVAL): runs the integration's catalog `verify`
 * request for the API-key, basic and custom-field connections not verified for `intervalMs`,
 * oldest first. Each connection is claimed by a compare-and-swap on `lastVerifiedAt` before its
 * probe, so N instances probe it once per interval. The network call is outside any transaction.
 * A rejection (the provider answers other than `expectStatus`, not 5xx/429) turns the connection
 * UNHEALTHY (CREDENTIALS_REJECTED, END_USER_RECONNECT) with one connection.unhealthy; a refused
 * egress turns it UNHEALTHY (EGRESS_REFUSED, ADMIN_CONFIG); an outage or rate limit says nothing
 * about the credentials and changes nothing. The next success emits connection.recovered.
 */
export async function verifyDueConnections(
  deps: CoreDeps,
  options: { intervalMs: number; batchSize?: number; signal?: AbortSignal },
): Promise<Record<ProbeOutcome, number>> {
  const now = deps.clock.now()
  const nowIso = now.toISOString()
  const stale = new Date(now.getTime() - options.intervalMs).toISOString()
  const due = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('type', 'in', ['SECRET_TEXT', 'BASIC', 'CUSTOM'])
    .where((eb) => eb.or([eb('lastVerifiedAt', 'is', null), eb('lastVerifiedAt', '<=', stale)]))
    .orderBy('lastVerifiedAt')
    .orderBy('id')
    .limit(options.batchSize ?? 100)
    .execute()
  const counts: Record<ProbeOutcome, number> = {
    ok: 0,
    rejected: 0,
    egress_refused: 0,
    unavailable: 0,
    skipped: 0,
  }
  for (const c of due) {
    if (options.signal?.aborted) break
    const claimed = await deps.db
      .updateTable('connections')
      .set({ lastVerifiedAt: nowIso })
      .where('id', '=', c.id)
      .where((eb) =>
        c.lastVerifiedAt === null
          ? eb('lastVerifiedAt', 'is', null)
          : eb('lastVerifiedAt', '=', c.lastVerifiedAt),
      )
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) continue
    const outcome = await probeConnection(deps, c)
    counts[outcome]++
  }
  return counts
}

/** One verification probe and the health change it proves. */
export async function probeConnection(deps: CoreDeps, c: Connection): Promise<ProbeOutcome> {
  const integration = await findIntegration(deps, c.organizationId, c.integrationName)
  if (!integration?.definition.verify) return 'skipped'
  const creds = decryptCredentials(deps, c)
  try {
    await verifyCredentials(deps, integration.definition, creds)
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    if (e.code === 'INVALID_CREDENTIALS') {
      const status = (e.details as { status?: number } | undefined)?.status ?? 0
      await markConnectionUnhealthy(deps, c, {
        reason: CREDENTIALS_REJECTED_REASON(status),
        detail: `verification probe: HTTP ${status}`,
      })
      return 'rejected'
    }
    if (e.code === 'EGRESS_DENIED') {
      await markConnectionUnhealthy(deps, c, {
        reason: EGRESS_REFUSED_REASON(e.message),
        detail: 'verification probe: egress refused',
      })
      return 'egress_refused'
    }
    deps.log.warn({ connectionId: c.id, code: e.code }, 'verification probe could not reach the provider')
    return 'unavailable'
  }
  const code = /^([A-Z_]+):/.exec(c.statusReason ?? '')?.[1]
  if (c.status === 'UNHEALTHY' && code !== undefined && PROBE_CODES.includes(code)) {
    await markConnectionRecovered(deps, c, {
      via: 'verification_probe',
      detail: 'The scheduled verification request succeeded',
    })
  }
  return 'ok'
}
