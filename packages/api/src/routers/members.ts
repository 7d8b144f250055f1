import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { z } from 'zod'
import { CreatedInviteOut, InviteLookupOut, InviteOut, MemberOut, UserOut } from '../outputs.ts'
import { protectedProcedure, publicProcedure } from '../trpc.ts'

const Ok = z.object({ ok: z.literal(true) })

/** The organization's members (docs/access.md); REST twins in rest/member-routes.ts. */
export const membersRouter = {
  list: protectedProcedure
    .meta({ access: 'members:read' })
    .output(z.array(MemberOut))
    .query(({ ctx }) => core.listMembers(ctx.deps, ctx.principal)),
  update: protectedProcedure
    .meta({ access: 'members:write' })
    .input(core.UpdateMemberInput)
    .output(MemberOut)
    .mutation(({ ctx, input }) => core.updateMember(ctx.deps, ctx.principal, input)),
  remove: protectedProcedure
    .meta({ access: 'members:write' })
    .input(z.object({ userId: z.string().min(1).max(200) }))
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await core.removeMember(ctx.deps, ctx.principal, input.userId)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord

export const invitesRouter = {
  create: protectedProcedure
    .meta({ access: 'members:write' })
    .input(core.CreateInviteInput)
    .output(CreatedInviteOut)
    .mutation(({ ctx, input }) => core.createInvite(ctx.deps, ctx.principal, input)),
  list: protectedProcedure
    .meta({ access: 'members:read' })
    .output(z.array(InviteOut))
    .query(({ ctx }) => core.listInvites(ctx.deps, ctx.principal)),
  revoke: protectedProcedure
    .meta({ access: 'members:write' })
    .input(z.object({ id: z.string().min(1).max(200) }))
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await core.revokeInvite(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
  /** The invite page's question: whose organization, which email, and whether to ask for a password. */
  lookup: publicProcedure
    .meta({ access: 'public' })
    .input(core.LookupInviteInput)
    .output(InviteLookupOut)
    .query(({ ctx, input }) => core.lookupInvite(ctx.deps, input)),
  /** Accepts, and signs the user in to the invite's organization (the session cookie). */
  accept: publicProcedure
    .meta({ access: 'public' })
    .input(core.AcceptInviteInput)
    .output(z.object({ ok: z.literal(true), user: UserOut }))
    .mutation(async ({ ctx, input }) => {
      const { user, organizationId, method } = await core.acceptInvite(ctx.deps, input, ctx.principal)
      const session = await core.openDashboardSession(ctx.deps, user, {
        sourceAddress: ctx.sourceAddress ?? 'unknown',
        userAgent: ctx.userAgent,
        method,
        organizationId,
      })
      ctx.session.set(session.sessionToken, session.expiresAt)
      return { ok: true as const, user: session.user }
    }),
} satisfies TRPCRouterRecord
