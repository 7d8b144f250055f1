import type { inferOutput } from '@trpc/tanstack-react-query'
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import type { trpc } from '../trpc.ts'

export type Workspace = inferOutput<typeof trpc.workspaces.list>[number]

const STORAGE_KEY = 'switchboard.workspaceId'

function readStoredId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function storeId(id: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, id)
  } catch {
    // Private mode or storage disabled: the choice lasts for this visit only.
  }
}

interface WorkspaceState {
  workspaces: Workspace[]
  /** The chosen workspace, or the first one when the stored choice no longer exists. */
  current: Workspace | null
  select(id: string): void
}

const WorkspaceContext = createContext<WorkspaceState | null>(null)

export function WorkspaceProvider({
  workspaces,
  children,
}: {
  workspaces: Workspace[]
  children: ReactNode
}) {
  const [selectedId, setSelectedId] = useState<string | null>(readStoredId)
  const select = useCallback((id: string) => {
    storeId(id)
    setSelectedId(id)
  }, [])
  const current = workspaces.find((w) => w.id === selectedId) ?? workspaces[0] ?? null
  const value = useMemo(() => ({ workspaces, current, select }), [workspaces, current, select])
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>
}

/** The workspace the dashboard is looking at (pages scope their lists by `current.id`). */
export function useWorkspace(): WorkspaceState {
  const state = useContext(WorkspaceContext)
  if (!state) throw new Error('useWorkspace() is used outside <WorkspaceProvider>')
  return state
}
