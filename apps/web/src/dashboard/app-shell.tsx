import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Outlet, useLocation } from 'react-router'
import { BrandMark } from '../components/brand-mark.tsx'
import { trpc } from '../trpc.ts'
import { SidebarNav } from './sidebar-nav.tsx'
import { UserPanel } from './user-panel.tsx'
import { WorkspaceProvider } from './workspace-context.tsx'
import { WorkspaceSwitcher } from './workspace-switcher.tsx'

/** Sidebar (brand, workspace, navigation, who is signed in) and the current page beside it. */
export function AppShell() {
  const workspaces = useQuery(trpc.workspaces.list.queryOptions())
  const [menuOpen, setMenuOpen] = useState(false)
  const location = useLocation()

  // On small screens the navigation is a drop-down; close it once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => setMenuOpen(false), [location.pathname])

  return (
    <WorkspaceProvider workspaces={workspaces.data ?? []}>
      <div className="shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <aside className="sidebar" data-open={menuOpen}>
          <div className="sidebar-top">
            <div className="brand">
              <BrandMark size={26} />
              <span>Switchboard</span>
            </div>
            <button
              type="button"
              className="button button-ghost menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="sidebar-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              Menu
            </button>
          </div>
          <div id="sidebar-menu" className="sidebar-menu">
            <WorkspaceSwitcher
              isLoading={workspaces.isPending}
              error={workspaces.error}
              onRetry={() => void workspaces.refetch()}
            />
            <SidebarNav />
            <UserPanel />
          </div>
        </aside>
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </WorkspaceProvider>
  )
}
