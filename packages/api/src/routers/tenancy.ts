import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { z } from 'zod'
import { ApiKeyOut, OrganizationOut, UserOut, WorkspaceOut } from '../outputs.ts'
import { protectedProcedure, publicProcedure } from '../trpc.ts'

export const authRouter = {
  login: publicProcedure
    .input(core.LoginInput)
    .output(z.object({ user: UserOut }))
    .mutation(async ({ ctx, input }) => {
      const { sessionToken, expiresAt, user } = await core.login(ctx.deps, input, {
        sourceAddress: ctx.sourceAddress ?? 'unknown',
        userAgent: ctx.userAgent,
      })
      ctx.session.set(sessionToken, expiresAt)
      return { user }
    }),
  logout: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    if (ctx.session.token) await core.logout(ctx.deps, ctx.session.token)
    ctx.session.clear()
    return { ok: true as const }
  }),
  me: publicProcedure
    .output(z.object({ user: UserOut.nullable(), organization: OrganizationOut.nullable() }))
    .query(async ({ ctx }) => {
      if (!ctx.principal) return { user: null, organization: null }
      return {
        user: await core.getCurrentUser(ctx.deps, ctx.principal),
        organization: await core.getOrganization(ctx.deps, ctx.principal),
      }
    }),
} satisfies TRPCRouterRecord

export const organizationRouter = {
  get: protectedProcedure
    .output(OrganizationOut)
    .query(({ ctx }) => core.getOrganization(ctx.deps, ctx.principal)),
  update: protectedProcedure
    .input(core.UpdateOrganizationInput)
    .output(OrganizationOut)
    .mutation(({ ctx, input }) => core.updateOrganization(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord

export const workspacesRouter = {
  list: protectedProcedure
    .output(z.array(WorkspaceOut))
    .query(({ ctx }) => core.listWorkspaces(ctx.deps, ctx.principal)),
  create: protectedProcedure
    .input(core.CreateWorkspaceInput)
    .output(WorkspaceOut)
    .mutation(({ ctx, input }) => core.createWorkspace(ctx.deps, ctx.principal, input)),
  rename: protectedProcedure
    .input(core.RenameWorkspaceInput)
    .output(WorkspaceOut)
    .mutation(({ ctx, input }) => core.renameWorkspace(ctx.deps, ctx.principal, input)),
  delete: protectedProcedure
    .input(core.DeleteWorkspaceInput)
    .output(z.object({ revokedConnections: z.number().int() }))
    .mutation(({ ctx, input }) => core.deleteWorkspace(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord

const SessionOut = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
})

export const accountRouter = {
  sessions: protectedProcedure
    .output(z.array(SessionOut))
    .query(({ ctx }) => core.listSessions(ctx.deps, ctx.principal)),
  revokeSession: protectedProcedure
    .input(core.SessionIdInput)
    .output(z.object({ current: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await core.revokeSession(ctx.deps, ctx.principal, input)
      if (result.current) ctx.session.clear()
      return result
    }),
  signOutOthers: protectedProcedure
    .output(z.object({ revoked: z.number().int() }))
    .mutation(({ ctx }) => core.revokeOtherSessions(ctx.deps, ctx.principal)),
  changePassword: protectedProcedure
    .input(core.ChangePasswordInput)
    .output(z.object({ revokedSessions: z.number().int() }))
    .mutation(({ ctx, input }) =>
      core.changePassword(ctx.deps, ctx.principal, input, { sourceAddress: ctx.sourceAddress ?? 'unknown' }),
    ),
} satisfies TRPCRouterRecord

export const apiKeysRouter = {
  list: protectedProcedure
    .output(z.array(ApiKeyOut))
    .query(({ ctx }) => core.listApiKeys(ctx.deps, ctx.principal)),
  create: protectedProcedure
    .input(core.CreateApiKeyInput)
    .output(z.object({ apiKey: ApiKeyOut, key: z.string() }))
    .mutation(({ ctx, input }) => core.createApiKey(ctx.deps, ctx.principal, input)),
  revoke: protectedProcedure
    .input(z.object({ id: z.string().min(1).max(100) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await core.revokeApiKey(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord
