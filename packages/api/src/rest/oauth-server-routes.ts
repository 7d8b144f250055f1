import * as core from '@switchboard/core'
import { z } from 'zod'
import { CreatedOAuthClientOut, OAuthClientOut, OAuthGrantOut } from '../outputs.ts'
import { errors, noContent } from './responses.ts'
import { route } from './route.ts'

const IdParam = z.object({ id: z.string().min(1).max(200) })

/**
 * Seed 003: third-party apps registered with Switchboard's authorization server, and the
 * apps an organization has authorized. The protocol endpoints themselves live under /oauth.
 */
export const oauthServerRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/oauth-clients',
    auth: 'required',
    access: 'settings:write',
    input: core.CreateOAuthClientInput,
    status: 201,
    responses: { 201: z.object({ oauthClient: CreatedOAuthClientOut }) },
    run: async (ctx, input) => ({
      oauthClient: CreatedOAuthClientOut.parse(await core.createOAuthClient(ctx.deps, ctx.principal, input)),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/oauth-clients',
    auth: 'required',
    access: 'settings:read',
    input: z.object({}),
    responses: { 200: z.object({ oauthClients: z.array(OAuthClientOut), nextCursor: z.null() }) },
    run: async (ctx) => ({
      oauthClients: z.array(OAuthClientOut).parse(await core.listOAuthClients(ctx.deps, ctx.principal)),
      nextCursor: null,
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/oauth-clients/:id',
    auth: 'required',
    access: 'settings:write',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.deleteOAuthClient(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'GET',
    path: '/api/v1/oauth-grants',
    auth: 'required',
    access: 'settings:read',
    input: z.object({}),
    responses: { 200: z.object({ oauthGrants: z.array(OAuthGrantOut), nextCursor: z.null() }) },
    run: async (ctx) => ({
      oauthGrants: z.array(OAuthGrantOut).parse(await core.listOAuthGrants(ctx.deps, ctx.principal)),
      nextCursor: null,
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/oauth-grants/:id',
    auth: 'required',
    access: 'settings:read',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.revokeOAuthGrant(ctx.deps, ctx.principal, input.id),
  }),
]
