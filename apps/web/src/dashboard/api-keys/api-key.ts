import type { inferOutput } from '@trpc/tanstack-react-query'
import type { trpc } from '../../trpc.ts'

/** An API key as the list shows it (never its secret). The page, its table and dialogs share it. */
export type ApiKey = inferOutput<typeof trpc.apiKeys.list>[number]
