import * as core from '@switchboard/core'
import { z } from 'zod'
import type { ApiContext } from '../context.ts'
import { errors, redirect } from './responses.ts'
import { HttpReply, type RestRoute, route } from './route.ts'

/** GET|PATCH /api/v1/organization/sso's answer (core's SsoSettingsView). */
const SsoSettingsAnswer = z.object({
  sso: z.object({
    available: z.boolean(),
    domains: z.array(z.string()),
    defaultRole: z.enum(['owner', 'admin', 'member', 'viewer']),
    enforced: z.boolean(),
  }),
})

/** The cookie that binds a started SSO sign-in to the browser that started it. */
export const SSO_BINDING_COOKIE = 'sb_sso'
const SSO_PATH = '/api/v1/auth/sso'

function bindingCookie(ctx: ApiContext, value: string, expires: Date): string {
  const secure = ctx.deps.config.publicUrl.startsWith('https://') ? '; Secure' : ''
  // SameSite=Lax: sent on the provider's top-level redirect back to the callback, not on
  // cross-site subrequests. Only the SSO routes see it.
  return `${SSO_BINDING_COOKIE}=${value}; Path=${SSO_PATH}; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax${secure}`
}

function readBinding(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers.cookie
  const raw = Array.isArray(header) ? header.join('; ') : header
  if (!raw) return undefined
  for (const part of raw.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === SSO_BINDING_COOKIE) return rest.join('=') || undefined
  }
  return undefined
}

/** A person is on the other end: back to the sign-in page, which explains the code. */
function toLoginPage(ctx: ApiContext, e: unknown, headers: Record<string, string> = {}): HttpReply {
  if (!(e instanceof core.AppError)) throw e
  const params = new URLSearchParams({ sso_error: e.code })
  const reply = HttpReply.redirect(`${ctx.deps.config.publicUrl}/app/login?${params.toString()}`)
  Object.assign(reply.headers, headers)
  return reply
}

export const ssoRoutes: RestRoute[] = [
  route({
    method: 'GET',
    path: `${SSO_PATH}/start`,
    auth: 'none',
    access: 'public',
    input: z.object({ returnTo: z.string().max(2000).optional() }),
    summary: 'Starts dashboard SSO: 302 to the OpenID provider (the dashboard\'s "Sign in with SSO")',
    responses: { 302: redirect('To the OpenID provider; on an error, to the sign-in page with `sso_error`') },
    run: async (ctx, input) => {
      try {
        const started = await core.startSsoLogin(ctx.deps, input)
        const reply = HttpReply.redirect(started.redirectTo)
        reply.headers['set-cookie'] = bindingCookie(ctx, started.binding, new Date(started.bindingExpiresAt))
        return reply
      } catch (e) {
        return toLoginPage(ctx, e)
      }
    },
  }),
  route({
    method: 'GET',
    path: `${SSO_PATH}/callback`,
    auth: 'none',
    access: 'public',
    // Read from the URL itself: openid-client checks every parameter (code, state, iss, error).
    input: z.looseObject({}),
    summary: "The OpenID provider's redirect back: signs in and 302s to the dashboard",
    responses: {
      302: redirect('To the dashboard, signed in; on an error, to the sign-in page with `sso_error`'),
    },
    run: async (ctx, _input, req) => {
      const cleared = { 'set-cookie': bindingCookie(ctx, '', new Date(0)) }
      try {
        const callbackUrl = new URL(req.url ?? SSO_PATH, ctx.deps.config.publicUrl)
        const { sessionToken, expiresAt, returnTo } = await core.completeSsoLogin(
          ctx.deps,
          { callbackUrl, binding: readBinding(req.headers) },
          { sourceAddress: ctx.sourceAddress ?? 'unknown', userAgent: ctx.userAgent },
        )
        ctx.session.set(sessionToken, expiresAt)
        const reply = HttpReply.redirect(`${ctx.deps.config.publicUrl}${returnTo}`)
        Object.assign(reply.headers, cleared)
        return reply
      } catch (e) {
        return toLoginPage(ctx, e, cleared)
      }
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/organization/sso',
    auth: 'required',
    access: 'settings:read',
    input: z.object({}),
    summary: "The organization's SSO settings (owners and admins)",
    responses: { 200: SsoSettingsAnswer },
    run: async (ctx) => ({ sso: await core.getSsoSettings(ctx.deps, ctx.principal) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/organization/sso',
    auth: 'required',
    access: 'settings:write',
    input: core.UpdateSsoSettingsInput,
    summary: 'Changes the SSO settings: allowed email domains, default role, enforce SSO',
    responses: { 200: SsoSettingsAnswer, ...errors(409) },
    run: async (ctx, input) => ({ sso: await core.updateSsoSettings(ctx.deps, ctx.principal, input) }),
  }),
]
