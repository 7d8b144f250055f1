import * as core from '@switchboard/core'
import { z } from 'zod'
import {
  ConnectionEventOut,
  ConnectionOut,
  ConnectSessionOut,
  ConnectTokenOut,
  EndUserOut,
  IntegrationOut,
  ListedConnectionOut,
  OAuthAppOut,
  PollOut,
  SubmitOut,
} from '../outputs.ts'
import { errors, noContent, redirect } from './responses.ts'
import { HttpReply, route } from './route.ts'

const IdParam = z.object({ id: z.string().min(1).max(200) })
const str = z.string().max(4000).optional()
const OneEndUser = z.object({ endUser: EndUserOut })
const OneConnection = z.object({ connection: ConnectionOut })
const OneIntegration = z.object({ integration: IntegrationOut })

/** Seeds 000 and 001: the hosted connect flow, end users, connections. */
export const connectRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/connect/token',
    auth: 'required',
    access: 'connect:write',
    input: core.CreateConnectTokenInput,
    status: 201,
    responses: { 201: ConnectTokenOut, ...errors(404, 409) },
    run: (ctx, input) => core.createConnectToken(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connect/session/:sessionId',
    auth: 'required',
    access: 'connections:read',
    input: z.object({ sessionId: z.string().min(1).max(200) }),
    responses: { 200: z.object({ session: ConnectSessionOut }), ...errors(404) },
    run: async (ctx, input) => ({
      session: await core.getConnectSession(ctx.deps, ctx.principal, input.sessionId),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/connect/session/poll',
    auth: 'none',
    access: 'public',
    // The browser connect helper (@switchboard/connect) polls from the customer's page.
    crossOrigin: true,
    input: z.unknown(),
    responses: { 200: PollOut, ...errors(401) },
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
    // display=popup: the hosted page runs in a popup and wants the browser back after OAuth.
    input: z.object({ token: z.string().max(500).optional(), display: z.enum(['popup']).optional() }),
    responses: {
      302: redirect(
        "To the provider's consent page; on an error, back to the connect page with `result=error&code=…`",
      ),
    },
    run: async (ctx, input) => {
      try {
        const popup = input.display === 'popup'
        return HttpReply.redirect(
          (await core.startAuthorization(ctx.deps, input.token, { popup })).toString(),
        )
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
    responses: { 200: SubmitOut, ...errors(401, 404, 409, 502, 504) },
    run: (ctx, input) => core.submitCredentials(ctx.deps, input),
  }),
  route({
    method: 'GET',
    path: '/oauth2/callback',
    auth: 'none',
    access: 'public',
    input: z.object({ code: str, state: str, error: str, error_description: str, iss: str }),
    responses: {
      302: redirect('To the success or error redirect URI, or the hosted connect page with the result'),
    },
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
    responses: { 201: OneEndUser, 200: OneEndUser, ...errors(404) },
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
    responses: { 200: z.object({ endUsers: z.array(EndUserOut), nextCursor: z.string().nullable() }) },
    run: (ctx, input) => core.listEndUsers(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/end-users/:id',
    auth: 'required',
    access: 'end-users:read',
    input: IdParam,
    responses: { 200: OneEndUser, ...errors(404) },
    run: async (ctx, input) => ({ endUser: await core.getEndUser(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/end-users/:id',
    auth: 'required',
    access: 'end-users:write',
    input: core.UpdateEndUserInput.extend({ id: z.string().min(1).max(200) }),
    responses: { 200: OneEndUser, ...errors(404, 409) },
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
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.deleteEndUser(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'POST',
    path: '/api/v1/end-users/:id/connect-token',
    auth: 'required',
    access: 'connect:write',
    input: core.EndUserConnectTokenInput.extend({ id: z.string().min(1).max(200) }),
    status: 201,
    responses: { 201: ConnectTokenOut, ...errors(404, 409) },
    run: (ctx, { id, ...rest }) => core.createEndUserConnectToken(ctx.deps, ctx.principal, id, rest),
  }),

  route({
    method: 'POST',
    path: '/api/v1/connections',
    auth: 'required',
    access: 'connections:write',
    input: core.CreateConnectionInput,
    status: 201,
    responses: { 201: OneConnection, ...errors(404, 409, 502, 504) },
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
    responses: {
      200: z.object({ connections: z.array(ListedConnectionOut), nextCursor: z.string().nullable() }),
    },
    run: (ctx, input) => core.listConnections(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'POST',
    path: '/api/v1/connections/resolve',
    auth: 'required',
    access: 'connections:read',
    input: core.ResolveConnectionInput,
    responses: { 200: OneConnection, ...errors(404, 409) },
    run: async (ctx, input) => ({ connection: await core.resolveConnection(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connections/:id',
    auth: 'required',
    access: 'connections:read',
    input: IdParam,
    responses: { 200: OneConnection, ...errors(404) },
    run: async (ctx, input) => ({ connection: await core.getConnection(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connections/:id/events',
    auth: 'required',
    access: 'connections:read',
    input: IdParam,
    responses: { 200: z.object({ events: z.array(ConnectionEventOut) }), ...errors(404) },
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
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.deleteConnection(ctx.deps, ctx.principal, input.id),
  }),

  route({
    method: 'POST',
    path: '/api/v1/integrations',
    auth: 'required',
    access: 'integrations:write',
    input: z.record(z.string(), z.unknown()),
    status: 201,
    responses: { 201: OneIntegration, ...errors(409) },
    run: async (ctx, input) => ({
      integration: await core.createCustomIntegration(ctx.deps, ctx.principal, input as never),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/integrations',
    auth: 'required',
    access: 'integrations:read',
    input: z.object({}),
    responses: { 200: z.object({ integrations: z.array(IntegrationOut), nextCursor: z.null() }) },
    run: async (ctx) => ({
      integrations: await core.listIntegrations(ctx.deps, ctx.principal),
      nextCursor: null,
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/integrations/:id',
    auth: 'required',
    access: 'integrations:read',
    input: IdParam,
    responses: { 200: OneIntegration, ...errors(404) },
    run: async (ctx, input) => ({
      integration: await core.getIntegration(ctx.deps, ctx.principal, input.id),
    }),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/integrations/:id',
    auth: 'required',
    access: 'integrations:write',
    input: z.object({ id: z.string().min(1).max(200), definition: z.record(z.string(), z.unknown()) }),
    pick: (req) => ({ id: req.params.id, definition: req.body }),
    responses: { 200: OneIntegration, ...errors(404, 409) },
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
    access: 'integrations:write',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404, 409) },
    run: (ctx, input) => core.deleteCustomIntegration(ctx.deps, ctx.principal, input.id),
  }),

  route({
    method: 'POST',
    path: '/api/v1/oauth-apps',
    auth: 'required',
    access: 'integrations:write',
    input: core.CreateOAuthAppInput,
    status: 201,
    responses: { 201: z.object({ oauthApp: OAuthAppOut }), ...errors(404) },
    run: async (ctx, input) => ({ oauthApp: await core.createOAuthApp(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/oauth-apps',
    auth: 'required',
    access: 'integrations:read',
    input: z.object({}),
    responses: { 200: z.object({ oauthApps: z.array(OAuthAppOut), nextCursor: z.null() }) },
    run: async (ctx) => ({ oauthApps: await core.listOAuthApps(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/oauth-apps/:id',
    auth: 'required',
    access: 'integrations:write',
    input: z.object({
      id: z.string().min(1).max(200),
      clientId: z.string().trim().min(1).max(500).optional(),
      clientSecret: z.string().min(1).max(2000).optional(),
      scopes: z.array(z.string().min(1).max(200)).max(100).optional(),
    }),
    responses: { 200: z.object({ oauthApp: OAuthAppOut }), ...errors(404) },
    run: async (ctx, { id, ...rest }) => ({
      oauthApp: await core.updateOAuthApp(ctx.deps, ctx.principal, id, rest),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/oauth-apps/:id',
    auth: 'required',
    access: 'integrations:write',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.deleteOAuthApp(ctx.deps, ctx.principal, input.id),
  }),
]
