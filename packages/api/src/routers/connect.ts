import type { IntegrationInput } from '@switchboard/catalog'
import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { z } from 'zod'
import {
  ConnectionEventOut,
  ConnectionOut,
  ConnectPageOut,
  ConnectSessionOut,
  ConnectTokenOut,
  EndUserOut,
  IntegrationOut,
  ListedConnectionOut,
  OAuthAppOut,
  OverviewOut,
} from '../outputs.ts'
import { protectedProcedure, publicProcedure } from '../trpc.ts'

const Id = z.object({ id: z.string().min(1).max(200) })
const Ok = z.object({ ok: z.literal(true) })

export const connectRouter = {
  /** The hosted connect page: the cst_ token is the credential. */
  describe: publicProcedure
    .meta({ access: 'public' })
    .input(z.object({ token: z.string().max(500) }))
    .output(ConnectPageOut)
    .query(({ ctx, input }) => core.describeConnectSession(ctx.deps, input.token)),
  submit: publicProcedure
    .meta({ access: 'public' })
    .input(core.SubmitCredentialsInput)
    .output(z.object({ status: z.literal('COMPLETED'), connectionId: z.string() }))
    .mutation(({ ctx, input }) => core.submitCredentials(ctx.deps, input)),
  createToken: protectedProcedure
    .meta({ access: 'connect:write' })
    .input(core.CreateConnectTokenInput)
    .output(ConnectTokenOut)
    .mutation(({ ctx, input }) => core.createConnectToken(ctx.deps, ctx.principal, input)),
  session: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(Id)
    .output(ConnectSessionOut)
    .query(({ ctx, input }) => core.getConnectSession(ctx.deps, ctx.principal, input.id)),
  sessions: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(core.ListConnectSessionsInput)
    .output(z.array(ConnectSessionOut))
    .query(({ ctx, input }) => core.listConnectSessions(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord

export const connectionsRouter = {
  list: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(core.ListConnectionsInput)
    .output(
      z.object({
        connections: z.array(ListedConnectionOut),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => core.listConnections(ctx.deps, ctx.principal, input)),
  get: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(Id)
    .output(ConnectionOut)
    .query(({ ctx, input }) => core.getConnection(ctx.deps, ctx.principal, input.id)),
  events: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(Id)
    .output(z.array(ConnectionEventOut))
    .query(({ ctx, input }) => core.listConnectionEvents(ctx.deps, ctx.principal, input.id)),
  create: protectedProcedure
    .meta({ access: 'connections:write' })
    .input(core.CreateConnectionInput)
    .output(z.object({ connection: ConnectionOut, created: z.boolean() }))
    .mutation(({ ctx, input }) => core.createConnection(ctx.deps, ctx.principal, input)),
  resolve: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(core.ResolveConnectionInput)
    .output(ConnectionOut)
    .query(({ ctx, input }) => core.resolveConnection(ctx.deps, ctx.principal, input)),
  delete: protectedProcedure
    .meta({ access: 'connections:write' })
    .input(Id)
    .output(z.object({ revocation: z.string() }))
    .mutation(({ ctx, input }) => core.deleteConnection(ctx.deps, ctx.principal, input.id)),
} satisfies TRPCRouterRecord

export const endUsersRouter = {
  list: protectedProcedure
    .meta({ access: 'end-users:read' })
    .input(core.ListEndUsersInput)
    .output(z.object({ endUsers: z.array(EndUserOut), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => core.listEndUsers(ctx.deps, ctx.principal, input)),
  get: protectedProcedure
    .meta({ access: 'end-users:read' })
    .input(Id)
    .output(EndUserOut)
    .query(({ ctx, input }) => core.getEndUser(ctx.deps, ctx.principal, input.id)),
  create: protectedProcedure
    .meta({ access: 'end-users:write' })
    .input(core.CreateEndUserInput)
    .output(EndUserOut)
    .mutation(async ({ ctx, input }) => (await core.createEndUser(ctx.deps, ctx.principal, input)).endUser),
  update: protectedProcedure
    .meta({ access: 'end-users:write' })
    .input(core.UpdateEndUserInput.extend({ id: z.string().min(1).max(200) }))
    .output(EndUserOut)
    .mutation(({ ctx, input: { id, ...rest } }) => core.updateEndUser(ctx.deps, ctx.principal, id, rest)),
  delete: protectedProcedure
    .meta({ access: 'end-users:write' })
    .input(Id)
    .output(z.object({}))
    .mutation(async ({ ctx, input }) => {
      await core.deleteEndUser(ctx.deps, ctx.principal, input.id)
      return {}
    }),
  createConnectToken: protectedProcedure
    .meta({ access: 'connect:write' })
    .input(core.EndUserConnectTokenInput.extend({ endUserId: z.string().min(1).max(200) }))
    .output(ConnectTokenOut)
    .mutation(({ ctx, input: { endUserId, ...rest } }) =>
      core.createEndUserConnectToken(ctx.deps, ctx.principal, endUserId, rest),
    ),
} satisfies TRPCRouterRecord

export const integrationsRouter = {
  list: protectedProcedure
    .meta({ access: 'integrations:read' })
    .output(z.array(IntegrationOut))
    .query(({ ctx }) => core.listIntegrations(ctx.deps, ctx.principal)),
  get: protectedProcedure
    .meta({ access: 'integrations:read' })
    .input(Id)
    .output(IntegrationOut)
    .query(({ ctx, input }) => core.getIntegration(ctx.deps, ctx.principal, input.id)),
  create: protectedProcedure
    .meta({ access: 'integrations:write' })
    .input(z.record(z.string(), z.unknown()))
    .output(IntegrationOut)
    .mutation(({ ctx, input }) => core.createCustomIntegration(ctx.deps, ctx.principal, input as never)),
  /** Replaces a custom integration's definition; its name stays (the dashboard's edit form). */
  update: protectedProcedure
    .meta({ access: 'integrations:write' })
    .input(z.object({ id: z.string().min(1).max(200), definition: z.record(z.string(), z.unknown()) }))
    .output(IntegrationOut)
    .mutation(({ ctx, input }) =>
      core.updateCustomIntegration(ctx.deps, ctx.principal, input.id, input.definition as IntegrationInput),
    ),
  delete: protectedProcedure
    .meta({ access: 'integrations:write' })
    .input(Id)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await core.deleteCustomIntegration(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord

export const oauthAppsRouter = {
  list: protectedProcedure
    .meta({ access: 'integrations:read' })
    .output(z.array(OAuthAppOut))
    .query(({ ctx }) => core.listOAuthApps(ctx.deps, ctx.principal)),
  create: protectedProcedure
    .meta({ access: 'integrations:write' })
    .input(core.CreateOAuthAppInput)
    .output(OAuthAppOut)
    .mutation(({ ctx, input }) => core.createOAuthApp(ctx.deps, ctx.principal, input)),
  update: protectedProcedure
    .meta({ access: 'integrations:write' })
    .input(
      z.object({
        id: z.string().min(1).max(200),
        clientId: z.string().trim().min(1).max(500).optional(),
        clientSecret: z.string().min(1).max(2000).optional(),
        scopes: z.array(z.string().min(1).max(200)).max(100).optional(),
      }),
    )
    .output(OAuthAppOut)
    .mutation(({ ctx, input: { id, ...rest } }) => core.updateOAuthApp(ctx.deps, ctx.principal, id, rest)),
  delete: protectedProcedure
    .meta({ access: 'integrations:write' })
    .input(Id)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await core.deleteOAuthApp(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
} satisfies TRPCRouterRecord

export const statsRouter = {
  overview: protectedProcedure
    .meta({ access: 'connections:read' })
    .input(core.OverviewInput)
    .output(OverviewOut)
    .query(({ ctx, input }) => core.getOverview(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord
