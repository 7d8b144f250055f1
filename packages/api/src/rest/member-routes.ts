import * as core from '@switchboard/core'
import { z } from 'zod'
import { CreatedInviteOut, InviteLookupOut, InviteOut, MemberOut, UserOut } from '../outputs.ts'
import { errors, noContent } from './responses.ts'
import { route } from './route.ts'

// Members and invites (docs/access.md), thin over core like their tRPC twins (routers/members.ts).

const UserIdParam = z.object({ userId: z.string().min(1).max(200) })
const IdParam = z.object({ id: z.string().min(1).max(200) })

export const memberRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/members',
    auth: 'required',
    access: 'members:read',
    input: z.object({}),
    responses: { 200: z.object({ members: z.array(MemberOut) }) },
    run: async (ctx) => ({ members: await core.listMembers(ctx.deps, ctx.principal) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/members/:userId',
    auth: 'required',
    access: 'members:write',
    input: core.UpdateMemberInput,
    responses: { 200: z.object({ member: MemberOut }), ...errors(404, 409) },
    run: async (ctx, input) => ({ member: await core.updateMember(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/members/:userId',
    auth: 'required',
    access: 'members:write',
    input: UserIdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404, 409) },
    run: (ctx, input) => core.removeMember(ctx.deps, ctx.principal, input.userId),
  }),
  route({
    method: 'POST',
    path: '/api/v1/invites',
    auth: 'required',
    access: 'members:write',
    input: core.CreateInviteInput,
    status: 201,
    responses: { 201: CreatedInviteOut, ...errors(404, 409) },
    run: (ctx, input) => core.createInvite(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/invites',
    auth: 'required',
    access: 'members:read',
    input: z.object({}),
    responses: { 200: z.object({ invites: z.array(InviteOut) }) },
    run: async (ctx) => ({ invites: await core.listInvites(ctx.deps, ctx.principal) }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/invites/:id',
    auth: 'required',
    access: 'members:write',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.revokeInvite(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'GET',
    path: '/api/v1/invites/accept/:token',
    auth: 'none',
    access: 'public',
    input: core.LookupInviteInput,
    responses: { 200: InviteLookupOut },
    run: (ctx, input) => core.lookupInvite(ctx.deps, input),
  }),
  route({
    method: 'POST',
    path: '/api/v1/invites/accept',
    auth: 'none',
    access: 'public',
    input: core.AcceptInviteInput,
    responses: { 200: z.object({ ok: z.literal(true), user: UserOut }), ...errors(401, 403) },
    run: async (ctx, input) => {
      const { user, organizationId, method } = await core.acceptInvite(ctx.deps, input, ctx.principal)
      const session = await core.openDashboardSession(ctx.deps, user, {
        sourceAddress: ctx.sourceAddress ?? 'unknown',
        userAgent: ctx.userAgent,
        method,
        organizationId,
      })
      ctx.session.set(session.sessionToken, session.expiresAt)
      return { ok: true as const, user: session.user }
    },
  }),
]
