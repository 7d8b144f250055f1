import type { Readable } from 'node:stream'
import * as core from '@switchboard/core'
import { z } from 'zod'
import type { ApiContext } from '../context.ts'
import { AccessTokenOut, Seed002ConnectionListOut, Seed002ConnectionOut, SharingModeOut } from '../outputs.ts'
import { errors, json, noContent, type Responses, redirect, upstream } from './responses.ts'
import { HttpReply, type RestRequest, route } from './route.ts'

const IntegrationParam = z.object({ id: z.string().min(1).max(200) })

/**
 * The proxy's answers: the upstream's, whatever its status, and Switchboard's own errors (no
 * connection, scope mismatch, the organization's rate limit, egress refused, a refresh that
 * failed, an upstream that could not be reached or timed out).
 */
const ProxyResponses: Responses = { default: upstream, ...errors(404, 409, 429, 502, 503, 504) }

function header(req: RestRequest, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

function actor(ctx: ApiContext & { principal: core.Principal }, req: RestRequest) {
  return core.actorFor(ctx.deps, ctx.principal, {
    workspaceId: header(req, 'x-workspace-id'),
    endUserId: header(req, 'x-end-user-id'),
  })
}

/**
 * Request headers that are the broker's, not the upstream's. The proxy drops them, with the
 * auth and per-hop ones, as it builds the upstream request (no copy of the headers here).
 */
const OWN_HEADERS: ReadonlySet<string> = new Set(['x-workspace-id', 'x-end-user-id'])

/** The proxy stops waiting on the upstream when the caller goes away. */
function cancelWith(req: RestRequest): { signal?: NonNullable<RestRequest['signal']> } {
  const signal = req.signal
  return signal ? { signal } : {}
}

function proxied(result: core.ProxyResult): HttpReply {
  return new HttpReply(result.status, result.body ?? undefined, result.headers)
}

/** Seed 002 (acting for a user or end user), the proxy and token endpoints of issue 4. */
export const usageRoutes = [
  route({
    method: 'GET',
    path: '/api/integrations/:id/connect',
    auth: 'required',
    access: 'connections:write',
    input: IntegrationParam.extend(core.DirectConnectQuery.shape),
    responses: { 302: redirect("To the provider's consent page"), ...errors(404, 409) },
    run: async (ctx, { id, ...query }, req) =>
      HttpReply.redirect(
        (await core.startDirectConnect(ctx.deps, ctx.principal, await actor(ctx, req), id, query)).toString(),
      ),
  }),
  route({
    method: 'POST',
    path: '/api/integrations/:id/connect',
    auth: 'required',
    access: 'connections:write',
    input: z.record(z.string(), z.unknown()),
    status: 201,
    responses: { 201: Seed002ConnectionOut, ...errors(404, 409, 502, 504) },
    run: async (ctx, input, req) => {
      const { id: _id, ...body } = input
      return core.createDirectConnection(
        ctx.deps,
        ctx.principal,
        await actor(ctx, req),
        req.params.id ?? '',
        body,
      )
    },
  }),
  route({
    method: 'GET',
    path: '/api/integrations/:id/connection',
    auth: 'required',
    access: 'connections:read',
    input: IntegrationParam,
    responses: { 200: Seed002ConnectionOut, ...errors(404) },
    run: async (ctx, input, req) =>
      core.getCurrentConnection(ctx.deps, ctx.principal, await actor(ctx, req), input.id),
  }),
  route({
    method: 'DELETE',
    path: '/api/integrations/:id/connection',
    auth: 'required',
    access: 'connections:write',
    input: IntegrationParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: async (ctx, input, req) =>
      core.deleteCurrentConnection(ctx.deps, ctx.principal, await actor(ctx, req), input.id),
  }),
  route({
    method: 'GET',
    path: '/api/integration-connections',
    auth: 'required',
    access: 'connections:read',
    input: z.object({
      start: z.coerce.number().int().min(0).max(1_000_000).default(0),
      count: z.coerce.number().int().min(1).max(200).default(50),
    }),
    // 404: the X-Workspace-Id or end user the actor names is not the organization's.
    responses: { 200: json('application/hal+json', Seed002ConnectionListOut), ...errors(404) },
    run: async (ctx, input, req) =>
      new HttpReply(
        200,
        await core.listActorConnections(ctx.deps, ctx.principal, await actor(ctx, req), input),
        {
          'content-type': 'application/hal+json',
        },
      ),
  }),
  route({
    method: 'POST',
    path: '/api/integrations/:id/request',
    auth: 'required',
    access: 'proxy',
    proxied: true,
    input: core.ProxyCall.extend({ id: z.string().min(1).max(200) }),
    responses: ProxyResponses,
    run: async (ctx, { id, ...call }, req) =>
      proxied(
        await core.proxyForActor(ctx.deps, ctx.principal, await actor(ctx, req), id, call, cancelWith(req)),
      ),
  }),
  // The request routes with a path: the caller's method, headers and (streamed) body go
  // upstream as they are, minus what is ours (auth, cookies, the X-Workspace-Id and
  // X-End-User-Id headers) and what is per hop. HEAD is its own route (declared before GET,
  // so the host does not answer it by running GET): it goes upstream as HEAD.
  ...(['HEAD', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) =>
    route({
      method,
      path: '/api/integrations/:id/request/*',
      auth: 'required',
      access: 'proxy',
      proxied: true,
      rawBody: method !== 'GET' && method !== 'HEAD',
      input: z.object({ id: z.string().min(1).max(200), '*': z.string().max(8000).default('') }),
      pick: (req) => req.params,
      responses: ProxyResponses,
      run: async (ctx, input, req) => {
        const raw = req.url ?? ''
        const q = raw.indexOf('?')
        const url = `/${input['*']}${q >= 0 ? raw.slice(q) : ''}`
        return proxied(
          await core.proxyForActor(
            ctx.deps,
            ctx.principal,
            await actor(ctx, req),
            input.id,
            new core.ForwardedCall(
              method,
              url,
              req.headers,
              method === 'GET' || method === 'HEAD' ? undefined : (req.body as Readable),
              OWN_HEADERS,
            ),
            cancelWith(req),
          ),
        )
      },
    }),
  ),
  route({
    method: 'POST',
    path: '/api/v1/proxy',
    auth: 'required',
    access: 'proxy',
    proxied: true,
    input: core.ProxyInput,
    responses: ProxyResponses,
    run: async (ctx, input, req) =>
      proxied(await core.proxyRequest(ctx.deps, ctx.principal, input, cancelWith(req))),
  }),
  route({
    method: 'GET',
    path: '/api/v1/connections/:id/token',
    auth: 'required',
    access: 'connections:token',
    input: z.object({ id: z.string().min(1).max(200) }),
    responses: { 200: AccessTokenOut, ...errors(404, 502, 503, 504) },
    run: async (ctx, input) =>
      new HttpReply(200, await core.getConnectionAccessToken(ctx.deps, ctx.principal, input.id), {
        'cache-control': 'no-store',
        pragma: 'no-cache',
      }),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/integrations/:id/sharing',
    auth: 'required',
    access: 'integrations:write',
    input: core.SharingModeInput.extend({ id: z.string().min(1).max(200) }),
    responses: { 200: SharingModeOut, ...errors(404) },
    run: (ctx, input) => core.setSharingMode(ctx.deps, ctx.principal, input.id, input.sharingMode),
  }),
]
