import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { trpc } from '../../trpc.ts'

export type Organization = inferOutput<typeof trpc.organization.get>

/** organization.update, keeping the settings page and the shell (organization name) in step. */
export function useUpdateOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    ...trpc.organization.update.mutationOptions(),
    onSuccess: (organization) => {
      queryClient.setQueryData(trpc.organization.get.queryKey(), organization)
      void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })
    },
  })
}
