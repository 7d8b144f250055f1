import { useQuery } from '@tanstack/react-query'
import { trpc } from '../trpc.ts'

/** Who is signed in (user and organization both null when nobody is). */
export function useMe() {
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 })
}
