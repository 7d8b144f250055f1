import * as core from '@switchboard/core'
import { z } from 'zod'
import { ApiKeyOut, CreatedApiKeyOut, OrganizationOut, SessionOut, WorkspaceOut } from '../outputs.ts'
import { errors, noContent } from './responses.ts'
import { route } from './route.ts'

const OneWorkspace = z.object({ workspace: WorkspaceOut })
const OneOrganization = z.object({ organization: OrganizationOut })

const IdParam = z.object({ id: z.string().min(1).max(200) })

export const tenancyRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/workspaces',
    auth: 'required',
    access: 'workspaces:write',
    input: core.CreateWorkspaceInput,
    status: 201,
    responses: { 201: OneWorkspace },
    run: async (ctx, input) => ({ workspace: await core.createWorkspace(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/workspaces',
    auth: 'required',
    access: 'workspaces:read',
    input: z.object({}),
    responses: { 200: z.object({ workspaces: z.array(WorkspaceOut), nextCursor: z.null() }) },
    run: async (ctx) => ({
      workspaces: await core.listWorkspaces(ctx.deps, ctx.principal),
      nextCursor: null,
    }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/workspaces/:id',
    auth: 'required',
    access: 'workspaces:read',
    input: IdParam,
    responses: { 200: OneWorkspace, ...errors(404) },
    run: async (ctx, input) => ({ workspace: await core.getWorkspace(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/workspaces/:id',
    auth: 'required',
    access: 'workspaces:write',
    input: core.RenameWorkspaceInput,
    responses: { 200: OneWorkspace, ...errors(404) },
    run: async (ctx, input) => ({ workspace: await core.renameWorkspace(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/workspaces/:id',
    auth: 'required',
    access: 'workspaces:write',
    input: core.DeleteWorkspaceInput,
    status: 204,
    responses: { 204: noContent, ...errors(404, 409) },
    run: async (ctx, input) => {
      await core.deleteWorkspace(ctx.deps, ctx.principal, input)
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/account/sessions',
    auth: 'required',
    access: 'account',
    input: z.object({}),
    responses: { 200: z.object({ sessions: z.array(SessionOut), nextCursor: z.null() }) },
    run: async (ctx) => ({ sessions: await core.listSessions(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/account/sessions/:id',
    auth: 'required',
    access: 'account',
    input: core.SessionIdInput,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: async (ctx, input) => {
      const { current } = await core.revokeSession(ctx.deps, ctx.principal, input)
      if (current) ctx.session.clear()
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/account/sessions/revoke-others',
    auth: 'required',
    access: 'account',
    input: z.object({}),
    responses: { 200: z.object({ revoked: z.number().int() }) },
    run: (ctx) => core.revokeOtherSessions(ctx.deps, ctx.principal),
  }),
  route({
    method: 'POST',
    path: '/api/v1/account/password',
    auth: 'required',
    access: 'account',
    input: core.ChangePasswordInput,
    responses: { 200: z.object({ revokedSessions: z.number().int() }), ...errors(429) },
    run: (ctx, input) =>
      core.changePassword(ctx.deps, ctx.principal, input, { sourceAddress: ctx.sourceAddress ?? 'unknown' }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organization',
    auth: 'required',
    access: 'settings:read',
    input: z.object({}),
    responses: { 200: OneOrganization },
    run: async (ctx) => ({ organization: await core.getOrganization(ctx.deps, ctx.principal) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/organization',
    auth: 'required',
    access: 'settings:write',
    input: core.UpdateOrganizationInput,
    responses: { 200: OneOrganization },
    run: async (ctx, input) => ({
      organization: await core.updateOrganization(ctx.deps, ctx.principal, input),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/api-keys',
    auth: 'required',
    access: 'api-keys:write',
    input: core.CreateApiKeyInput,
    status: 201,
    responses: { 201: CreatedApiKeyOut, ...errors(404) },
    run: (ctx, input) => core.createApiKey(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/api-keys',
    auth: 'required',
    access: 'api-keys:read',
    input: z.object({}),
    responses: { 200: z.object({ apiKeys: z.array(ApiKeyOut), nextCursor: z.null() }) },
    run: async (ctx) => ({ apiKeys: await core.listApiKeys(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/api-keys/:id',
    auth: 'required',
    access: 'api-keys:write',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.revokeApiKey(ctx.deps, ctx.principal, input.id),
  }),
]
