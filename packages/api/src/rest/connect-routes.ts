import * as core from '@switchboard/core'
import { z } from 'zod'
import { HttpReply, route } from './route.ts'

const IdParam = z.object({ id: z.string().min(1).max(200) })
const str = z.string().max(4000).optional()

/** Seeds 000 and 001: the hosted connect flow, end users, connections. */
export const connectRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/connect/token',
    auth: 'required',
    access: 'connect:write',
    input: core.CreateConnectTokenInput,
    status: 201,
    run: (ctx, input) => core.createConnectToken(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connect/session/:sessionId',
    auth: 'required',
    access: 'connections:read',
    input: z.object({ sessionId: z.string().min(1).max(200) }),
    run: async (ctx, input) => ({
      session: await core.getConnectSession(ctx.deps, ctx.principal, input.sessionId),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/connect/session/poll',
    auth: 'none',
    access: 'public',
    input: z.unknown(),
    run: (ctx, input) => {
      const token =
        typeof input === 'object' && input !== null ? (input as { token?: unknown }).token : undefined
      if (token !== undefined && token !== null && typeof token !== 'string') {
        throw new core.AppError('INVALID_TOKEN', 'Token is invalid or expired')
      }
      return core.pollConnectSession(ctx.deps, token)
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/connect/authorize',
    auth: 'none',
    access: 'public',
    input: z.object({ token: z.string().max(500).optional() }),
    run: async (ctx, input) => {
      try {
        return HttpReply.redirect((await core.startAuthorization(ctx.deps, input.token)).toString())
      } catch (e) {
        // A person is on the other end: send them back to the page, which explains the problem.
        if (!(e instanceof core.AppError)) throw e
        const params = new URLSearchParams({ result: 'error', code: e.code })
        if (input.token) params.set('token', input.token)
        return HttpReply.redirect(`${ctx.deps.config.publicUrl}/connect?${params.toString()}`)
      }
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/connect/submit',
    auth: 'none',
    access: 'public',
    input: core.SubmitCredentialsInput,
    run: (ctx, input) => core.submitCredentials(ctx.deps, input),
  }),
  route({
    method: 'GET',
    path: '/oauth2/callback',
    auth: 'none',
    access: 'public',
    input: z.object({ code: str, state: str, error: str, error_description: str, iss: str }),
    run: async (ctx, input) =>
      HttpReply.redirect((await core.handleOAuthCallback(ctx.deps, input)).redirectTo),
  }),

  route({
    method: 'POST',
    path: '/api/v1/end-users',
    auth: 'required',
    access: 'end-users:write',
    input: core.CreateEndUserInput,
    status: 201,
    // Idempotent on externalId: 201 when this call created the end user, 200 when it existed.
    run: async (ctx, input) => {
      const { endUser, created } = await core.createEndUser(ctx.deps, ctx.principal, input)
      return created ? { endUser } : new HttpReply(200, { endUser })
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/end-users',
    auth: 'required',
    access: 'end-users:read',
    input: core.ListEndUsersInput,
    run: (ctx, input) => core.listEndUsers(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/end-users/:id',
    auth: 'required',
    access: 'end-users:read',
    input: IdParam,
    run: async (ctx, input) => ({ endUser: await core.getEndUser(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/end-users/:id',
    auth: 'required',
    access: 'end-users:write',
    input: core.UpdateEndUserInput.extend({ id: z.string().min(1).max(200) }),
    run: async (ctx, { id, ...rest }) => ({
      endUser: await core.updateEndUser(ctx.deps, ctx.principal, id, rest),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/end-users/:id',
    auth: 'required',
    access: 'end-users:write',
    input: IdParam,
    status: 204,
    run: (ctx, input) => core.deleteEndUser(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'POST',
    path: '/api/v1/end-users/:id/connect-token',
    auth: 'required',
    access: 'connect:write',
    input: core.EndUserConnectTokenInput.extend({ id: z.string().min(1).max(200) }),
    status: 201,
    run: (ctx, { id, ...rest }) => core.createEndUserConnectToken(ctx.deps, ctx.principal, id, rest),
  }),

  route({
    method: 'POST',
    path: '/api/v1/connections',
    auth: 'required',
    access: 'connections:write',
    input: core.CreateConnectionInput,
    status: 201,
    run: async (ctx, input) => ({
      connection: (await core.createConnection(ctx.deps, ctx.principal, input)).connection,
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connections',
    auth: 'required',
    access: 'connections:read',
    input: core.ListConnectionsInput,
    run: (ctx, input) => core.listConnections(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'POST',
    path: '/api/v1/connections/resolve',
    auth: 'required',
    access: 'connections:read',
    input: core.ResolveConnectionInput,
    run: async (ctx, input) => ({ connection: await core.resolveConnection(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connections/:id',
    auth: 'required',
    access: 'connections:read',
    input: IdParam,
    run: async (ctx, input) => ({ connection: await core.getConnection(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connections/:id/events',
    auth: 'required',
    access: 'connections:read',
    input: IdParam,
    run: async (ctx, input) => ({
      events: await core.listConnectionEvents(ctx.deps, ctx.principal, input.id),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/connections/:id',
    auth: 'required',
    access: 'connections:write',
    input: IdParam,
    status: 204,
    run: (ctx, input) => core.deleteConnection(ctx.deps, ctx.principal, input.id),
  }),

  route({
    method: 'POST',
    path: '/api/v1/integrations',
    auth: 'required',
    access: 'first-party',
    input: z.record(z.string(), z.unknown()),
    status: 201,
    run: async (ctx, input) => ({
      integration: await core.createCustomIntegration(ctx.deps, ctx.principal, input as never),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/integrations',
    auth: 'required',
    access: 'first-party',
    input: z.object({}),
    run: async (ctx) => ({
      integrations: await core.listIntegrations(ctx.deps, ctx.principal),
      nextCursor: null,
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/integrations/:id',
    auth: 'required',
    access: 'first-party',
    input: IdParam,
    run: async (ctx, input) => ({
      integration: await core.getIntegration(ctx.deps, ctx.principal, input.id),
    }),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/integrations/:id',
    auth: 'required',
    access: 'first-party',
    input: z.object({ id: z.string().min(1).max(200), definition: z.record(z.string(), z.unknown()) }),
    pick: (req) => ({ id: req.params.id, definition: req.body }),
    run: async (ctx, input) => ({
      integration: await core.updateCustomIntegration(
        ctx.deps,
        ctx.principal,
        input.id,
        input.definition as never,
      ),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/integrations/:id',
    auth: 'required',
    access: 'first-party',
    input: IdParam,
    status: 204,
    run: (ctx, input) => core.deleteCustomIntegration(ctx.deps, ctx.principal, input.id),
  }),

  route({
    method: 'POST',
    path: '/api/v1/oauth-apps',
    auth: 'required',
    access: 'first-party',
    input: core.CreateOAuthAppInput,
    status: 201,
    run: async (ctx, input) => ({ oauthApp: await core.createOAuthApp(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/oauth-apps',
    auth: 'required',
    access: 'first-party',
    input: z.object({}),
    run: async (ctx) => ({ oauthApps: await core.listOAuthApps(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/oauth-apps/:id',
    auth: 'required',
    access: 'first-party',
    input: z.object({
      id: z.string().min(1).max(200),
      clientId: z.string().trim().min(1).max(500).optional(),
      clientSecret: z.string().min(1).max(2000).optional(),
      scopes: z.array(z.string().min(1).max(200)).max(100).optional(),
    }),
    run: async (ctx, { id, ...rest }) => ({
      oauthApp: await core.updateOAuthApp(ctx.deps, ctx.principal, id, rest),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/oauth-apps/:id',
    auth: 'required',
    access: 'first-party',
    input: IdParam,
    status: 204,
    run: (ctx, input) => core.deleteOAuthApp(ctx.deps, ctx.principal, input.id),
  }),
]
