import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { z } from 'zod'
import { CreatedOAuthClientOut, OAuthClientOut, OAuthGrantOut } from '../outputs.ts'
import { protectedProcedure } from '../trpc.ts'

const Id = z.object({ id: z.string().min(1).max(200) })
const Ok = z.object({ ok: z.literal(true) })

/** Third-party apps the organization registered with Switchboard's authorization server. */
export const oauthClientsRouter = {
  list: protectedProcedure
    .meta({ access: 'settings:read' })
    .output(z.array(OAuthClientOut))
    .query(({ ctx }) => core.listOAuthClients(ctx.deps, ctx.principal)),
  create: protectedProcedure
    .meta({ access: 'settings:write' })
    .input(core.CreateOAuthClientInput)
    .output(CreatedOAuthClientOut)
    .mutation(({ ctx, input }) => core.createOAuthClient(ctx.deps, ctx.principal, input)),
  delete: protectedProcedure
    .meta({ access: 'settings:write' })
    .input(Id)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await core.deleteOAuthClient(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord

/**
 * Apps people of the organization authorized (grants); revoking ends their access at once.
 * Self-service for everyone who reads settings: core narrows members and viewers to their own.
 */
export const oauthGrantsRouter = {
  list: protectedProcedure
    .meta({ access: 'settings:read' })
    .output(z.array(OAuthGrantOut))
    .query(({ ctx }) => core.listOAuthGrants(ctx.deps, ctx.principal)),
  revoke: protectedProcedure
    .meta({ access: 'settings:read' })
    .input(Id)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await core.revokeOAuthGrant(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord
