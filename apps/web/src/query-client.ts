import { QueryCache, QueryClient } from '@tanstack/react-query'
import { appCodeOf, httpStatusOf } from './errors.ts'

const MAX_RETRIES = 2

/** Retries network hiccups and 5xx; a 4xx (bad input, signed out, not allowed) will not change by retrying. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = httpStatusOf(error)
  if (status !== undefined && status >= 400 && status < 500) return false
  return failureCount < MAX_RETRIES
}

/** The tRPC query key prefix of auth.me (see @trpc/tanstack-react-query's key format). */
const ME_KEY = [['auth', 'me']]

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A dashboard session that ends mid-use: re-ask who we are, and the auth guard sends people to sign in.
    onError(error, query) {
      if (appCodeOf(error) !== 'UNAUTHORIZED') return
      const [path] = query.queryKey
      if (Array.isArray(path) && path[0] === 'auth') return
      void queryClient.invalidateQueries({ queryKey: ME_KEY })
    },
  }),
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 15_000 },
    mutations: { retry: false },
  },
})
