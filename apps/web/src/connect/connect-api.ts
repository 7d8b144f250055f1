import type { inferInput, inferOutput } from '@trpc/tanstack-react-query'
import { trpc, trpcClient } from '../trpc.ts'

/** What connect.describe returns for a cst_ token (public: the token is the credential). */
export type DescribeOutput = inferOutput<typeof trpc.connect.describe>
export type ConnectSession = DescribeOutput['session']
export type ConnectSessionStatus = ConnectSession['status']
export type ConnectField = ConnectSession['integration']['fields'][number]
export type SubmitInput = inferInput<typeof trpc.connect.submit>
export type SubmitOutput = inferOutput<typeof trpc.connect.submit>

export function describeQueryOptions(token: string) {
  return trpc.connect.describe.queryOptions({ token })
}

export function describeKey(token: string) {
  return trpc.connect.describe.queryKey({ token })
}

export function submitCredentials(input: SubmitInput): Promise<SubmitOutput> {
  return trpcClient.connect.submit.mutate(input)
}

/** Where the OAuth2 flow starts: the server answers with a redirect to the provider. */
/** `popup`: this page reports to an opener, so the server sends the browser back here after OAuth. */
export function authorizeUrl(token: string, popup = false): string {
  return `/api/v1/connect/authorize?token=${encodeURIComponent(token)}${popup ? '&display=popup' : ''}`
}
