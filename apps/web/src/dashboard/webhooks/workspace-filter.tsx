import { useWorkspace } from '../workspace-context.tsx'

/**
 * An endpoint's workspace filter: "All" (every workspace's and the organization's own events),
 * or the workspaces by name (one this caller cannot see is counted, not named).
 */
export function WorkspaceFilter({ ids }: { ids: string[] | null }) {
  const { workspaces } = useWorkspace()
  if (ids === null) return <span title="Every workspace's events, and the organization's own">All</span>
  const names = workspaces.filter((w) => ids.includes(w.id)).map((w) => w.name)
  const others = ids.length - names.length
  return <>{[...names, ...(others > 0 ? [`${others} other`] : [])].join(', ')}</>
}
