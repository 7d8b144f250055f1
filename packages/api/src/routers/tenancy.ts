import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { z } from 'zod'
import {
  ApiKeyOut,
  MyOrganizationOut,
  OrganizationOut,
  SessionOut,
  UserOut,
  WorkspaceOut,
} from '../outputs.ts'
import { protectedProcedure, publicProcedure } from '../trpc.ts'

const SsoSettingsOut = z.object({
  available: z.boolean(),
  domains: z.array(z.string()),
  defaultRole: z.enum(['owner', 'admin', 'member', 'viewer']),
  enforced: z.boolean(),
})

export const authRouter = {
  login: publicProcedure
    .meta({ access: 'public' })
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
  logout: publicProcedure
    .meta({ access: 'public' })
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      if (ctx.session.token) await core.logout(ctx.deps, ctx.session.token)
      ctx.session.clear()
      return { ok: true as const }
    }),
  /** Whether the sign-in page offers "Sign in with SSO" (GET /api/v1/auth/sso/start). */
  sso: publicProcedure
    .meta({ access: 'public' })
    .output(z.object({ enabled: z.boolean(), startUrl: z.string() }))
    .query(({ ctx }) => ({ enabled: core.ssoAvailable(ctx.deps), startUrl: '/api/v1/auth/sso/start' })),
  me: publicProcedure
    .meta({ access: 'public' })
    .output(
      z.object({
        user: UserOut.nullable(),
        organization: OrganizationOut.nullable(),
        /** The organizations the signed-in user belongs to (empty for an API key). */
        organizations: z.array(MyOrganizationOut),
        /** The caller's role in the current organization (null for an API key). */
        role: z.enum(['owner', 'admin', 'member', 'viewer']).nullable(),
        /** What the caller may do here (docs/access.md): the dashboard hides what it cannot. */
        scopes: z.array(z.string()),
        /** The workspaces the caller is narrowed to; null: all of them (core.workspacesOf). */
        workspaceIds: z.array(z.string()).nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      // The dashboard's question; a third-party app's token reads no organization settings here.
      if (!ctx.principal || ctx.principal.kind === 'oauthToken')
        return { user: null, organization: null, organizations: [], role: null, scopes: [], workspaceIds: [] }
      const p = ctx.principal
      const user = await core.getCurrentUser(ctx.deps, p)
      const narrowedTo = core.workspacesOf(p)
      return {
        // The role shown is the one in the current organization.
        user: user && p.kind === 'user' ? { ...user, role: p.role, organizationId: p.organizationId } : user,
        organization: await core.getOrganization(ctx.deps, p),
        organizations: p.kind === 'user' ? await core.listMyOrganizations(ctx.deps, p.userId) : [],
        role: p.kind === 'user' ? p.role : null,
        scopes: [...core.scopesOf(p)],
        workspaceIds: narrowedTo && [...narrowedTo],
      }
    }),
} satisfies TRPCRouterRecord

export const organizationRouter = {
  get: protectedProcedure
    .meta({ access: 'settings:read' })
    .output(OrganizationOut)
    .query(({ ctx }) => core.getOrganization(ctx.deps, ctx.principal)),
  update: protectedProcedure
    .meta({ access: 'settings:write' })
    .input(core.UpdateOrganizationInput)
    .output(OrganizationOut)
    .mutation(({ ctx, input }) => core.updateOrganization(ctx.deps, ctx.principal, input)),
  sso: protectedProcedure
    .meta({ access: 'settings:read' })
    .output(SsoSettingsOut)
    .query(({ ctx }) => core.getSsoSettings(ctx.deps, ctx.principal)),
  updateSso: protectedProcedure
    .meta({ access: 'settings:write' })
    .input(core.UpdateSsoSettingsInput)
    .output(SsoSettingsOut)
    .mutation(({ ctx, input }) => core.updateSsoSettings(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord

export const workspacesRouter = {
  list: protectedProcedure
    .meta({ access: 'workspaces:read' })
    .output(z.array(WorkspaceOut))
    .query(({ ctx }) => core.listWorkspaces(ctx.deps, ctx.principal)),
  create: protectedProcedure
    .meta({ access: 'workspaces:write' })
    .input(core.CreateWorkspaceInput)
    .output(WorkspaceOut)
    .mutation(({ ctx, input }) => core.createWorkspace(ctx.deps, ctx.principal, input)),
  rename: protectedProcedure
    .meta({ access: 'workspaces:write' })
    .input(core.RenameWorkspaceInput)
    .output(WorkspaceOut)
    .mutation(({ ctx, input }) => core.renameWorkspace(ctx.deps, ctx.principal, input)),
  delete: protectedProcedure
    .meta({ access: 'workspaces:write' })
    .input(core.DeleteWorkspaceInput)
    .output(z.object({ revokedConnections: z.number().int() }))
    .mutation(({ ctx, input }) => core.deleteWorkspace(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord

export const accountRouter = {
  sessions: protectedProcedure
    .meta({ access: 'account' })
    .output(z.array(SessionOut))
    .query(({ ctx }) => core.listSessions(ctx.deps, ctx.principal)),
  revokeSession: protectedProcedure
    .meta({ access: 'account' })
    .input(core.SessionIdInput)
    .output(z.object({ current: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await core.revokeSession(ctx.deps, ctx.principal, input)
      if (result.current) ctx.session.clear()
      return result
    }),
  signOutOthers: protectedProcedure
    .meta({ access: 'account' })
    .output(z.object({ revoked: z.number().int() }))
    .mutation(({ ctx }) => core.revokeOtherSessions(ctx.deps, ctx.principal)),
  /** Moves the current session to another organization the user belongs to. */
  switchOrganization: protectedProcedure
    .meta({ access: 'account' })
    .input(core.SwitchOrganizationInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => core.switchOrganization(ctx.deps, ctx.principal, input)),
  changePassword: protectedProcedure
    .meta({ access: 'account' })
    .input(core.ChangePasswordInput)
    .output(z.object({ revokedSessions: z.number().int() }))
    .mutation(({ ctx, input }) =>
      core.changePassword(ctx.deps, ctx.principal, input, { sourceAddress: ctx.sourceAddress ?? 'unknown' }),
    ),
} satisfies TRPCRouterRecord

export const apiKeysRouter = {
  list: protectedProcedure
    .meta({ access: 'api-keys:read' })
    .output(z.array(ApiKeyOut))
    .query(({ ctx }) => core.listApiKeys(ctx.deps, ctx.principal)),
  create: protectedProcedure
    .meta({ access: 'api-keys:write' })
    .input(core.CreateApiKeyInput)
    .output(z.object({ apiKey: ApiKeyOut, key: z.string() }))
    .mutation(({ ctx, input }) => core.createApiKey(ctx.deps, ctx.principal, input)),
  revoke: protectedProcedure
    .meta({ access: 'api-keys:write' })
    .input(z.object({ id: z.string().min(1).max(100) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await core.revokeApiKey(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord
