import {
  connectionsRouter,
  connectRouter,
  endUsersRouter,
  integrationsRouter,
  oauthAppsRouter,
  statsRouter,
} from './routers/connect.ts'
import { eventsRouter } from './routers/events.ts'
import { invitesRouter, membersRouter } from './routers/members.ts'
import { oauthClientsRouter, oauthGrantsRouter } from './routers/oauth-server.ts'
import {
  accountRouter,
  apiKeysRouter,
  authRouter,
  organizationRouter,
  workspacesRouter,
} from './routers/tenancy.ts'
import { webhooksRouter } from './routers/webhooks.ts'
import { createCallerFactory, router } from './trpc.ts'

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  organization: organizationRouter,
  workspaces: workspacesRouter,
  apiKeys: apiKeysRouter,
  members: membersRouter,
  invites: invitesRouter,
  connect: connectRouter,
  connections: connectionsRouter,
  endUsers: endUsersRouter,
  integrations: integrationsRouter,
  oauthApps: oauthAppsRouter,
  stats: statsRouter,
  oauthClients: oauthClientsRouter,
  oauthGrants: oauthGrantsRouter,
  events: eventsRouter,
  webhooks: webhooksRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
