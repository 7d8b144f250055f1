import { EmptyState } from '../components/empty-state.tsx'

/** Shown by workspace-scoped pages when the organization has no workspace to show. */
export function NoWorkspaceNotice() {
  return (
    <EmptyState title="No workspace yet">
      Workspaces hold connections and end users. Create one with <code>POST /api/v1/workspaces</code>, then
      come back here.
    </EmptyState>
  )
}
