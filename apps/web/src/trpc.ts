import type { AppRouter } from '@switchboard/api'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { queryClient } from './query-client.ts'

/** The typed tRPC client. The session cookie rides along; the server sets it on auth.login. */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      fetch: (url, options) => fetch(url, { ...(options as RequestInit), credentials: 'include' }),
    }),
  ],
})

/** Query and mutation options for every procedure: `useQuery(trpc.apiKeys.list.queryOptions())`. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient })
