import { completeAuthorization } from '@switchboard/testing'
import type { Harness } from './harness.ts'

/** Runs the hosted flow over HTTP for "acme-idp" and returns the new connection's id. */
export async function connectAcme(
  h: Harness,
  input: { externalId?: string; connectionId?: string; workspaceId?: string; endUserId?: string } = {},
): Promise<{ connectionId: string; token: string }> {
  const res = await h.api('/api/v1/connect/token', {
    method: 'POST',
    json: {
      integrationName: 'acme-idp',
      connectionName: 'Acme',
      externalId: input.externalId ?? `ext-${Math.random().toString(36).slice(2)}`,
      workspaceId: input.workspaceId ?? h.org.workspaceId,
      ...(input.connectionId && { connectionId: input.connectionId }),
      ...(input.endUserId && { endUserId: input.endUserId }),
    },
  })
  if (res.status !== 201) throw new Error(`connect token: ${res.status} ${await res.text()}`)
  const { token } = (await res.json()) as { token: string }
  const { callbackUrl } = await completeAuthorization(`${h.url}/api/v1/connect/authorize?token=${token}`, {
    stopAt: `${h.url}/oauth2/callback`,
  })
  const cb = await fetch(callbackUrl, { redirect: 'manual' })
  await cb.body?.cancel()
  const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
  const result = (await poll.json()) as { status: string; connectionId: string | null; error: string | null }
  if (result.status !== 'COMPLETED' || !result.connectionId)
    throw new Error(`connect failed: ${JSON.stringify(result)}`)
  return { connectionId: result.connectionId, token }
}
