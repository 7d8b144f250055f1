import * as core from '@switchboard/core'
import { z } from 'zod'
import { WorkspaceOut } from '../outputs.ts'
import { route } from './route.ts'

const OneWorkspace = z.object({ workspace: WorkspaceOut })

const IdParam = z.object({ id: z.string().min(1).max(200) })

export const tenancyRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/workspaces',
    auth: 'required',
    access: 'first-party',
    input: core.CreateWorkspaceInput,
    status: 201,
    output: OneWorkspace,
    run: async (ctx, input) => ({ workspace: await core.createWorkspace(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/workspaces',
    auth: 'required',
    access: 'workspaces:read',
    input: z.object({}),
    output: z.object({ workspaces: z.array(WorkspaceOut), nextCursor: z.null() }),
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
    output: OneWorkspace,
    run: async (ctx, input) => ({ workspace: await core.getWorkspace(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/workspaces/:id',
    auth: 'required',
    access: 'first-party',
    input: core.RenameWorkspaceInput,
    output: OneWorkspace,
    run: async (ctx, input) => ({ workspace: await core.renameWorkspace(ctx.deps, ctx.principal, input) }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/workspaces/:id',
    auth: 'required',
    access: 'first-party',
    input: core.DeleteWorkspaceInput,
    status: 204,
    run: async (ctx, input) => {
      await core.deleteWorkspace(ctx.deps, ctx.principal, input)
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/account/sessions',
    auth: 'required',
    access: 'first-party',
    input: z.object({}),
    run: async (ctx) => ({ sessions: await core.listSessions(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/account/sessions/:id',
    auth: 'required',
    access: 'first-party',
    input: core.SessionIdInput,
    status: 204,
    run: async (ctx, input) => {
      const { current } = await core.revokeSession(ctx.deps, ctx.principal, input)
      if (current) ctx.session.clear()
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/account/sessions/revoke-others',
    auth: 'required',
    access: 'first-party',
    input: z.object({}),
    run: (ctx) => core.revokeOtherSessions(ctx.deps, ctx.principal),
  }),
  route({
    method: 'POST',
    path: '/api/v1/account/password',
    auth: 'required',
    access: 'first-party',
    input: core.ChangePasswordInput,
    run: (ctx, input) =>
      core.changePassword(ctx.deps, ctx.principal, input, { sourceAddress: ctx.sourceAddress ?? 'unknown' }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/organization',
    auth: 'required',
    access: 'first-party',
    input: z.object({}),
    run: async (ctx) => ({ organization: await core.getOrganization(ctx.deps, ctx.principal) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/organization',
    auth: 'required',
    access: 'first-party',
    input: core.UpdateOrganizationInput,
    run: async (ctx, input) => ({
      organization: await core.updateOrganization(ctx.deps, ctx.principal, input),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/api-keys',
    auth: 'required',
    access: 'first-party',
    input: core.CreateApiKeyInput,
    status: 201,
    run: (ctx, input) => core.createApiKey(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/api-keys',
    auth: 'required',
    access: 'first-party',
    input: z.object({}),
    run: async (ctx) => ({ apiKeys: await core.listApiKeys(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/api-keys/:id',
    auth: 'required',
    access: 'first-party',
    input: IdParam,
    status: 204,
    run: (ctx, input) => core.revokeApiKey(ctx.deps, ctx.principal, input.id),
  }),
]
