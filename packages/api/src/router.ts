import { apiKeysRouter, authRouter, organizationRouter, workspacesRouter } from './routers/tenancy.ts'
import { createCallerFactory, router } from './trpc.ts'

export const appRouter = router({
  auth: authRouter,
  organization: organizationRouter,
  workspaces: workspacesRouter,
  apiKeys: apiKeysRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
