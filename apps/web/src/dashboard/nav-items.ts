import type { NavIconName } from './nav-icon.tsx'
import type { Scope } from './session-context.tsx'

export interface NavItem {
  /** Relative to /app; '' is the overview. */
  path: string
  label: string
  icon: NavIconName
  /**
   * The scope the page's list needs (the `access` of its list procedure): the entry is hidden from
   * a principal without it, and the page itself says why.
   */
  reads: Scope
}

export const navItems: readonly NavItem[] = [
  { path: '', label: 'Overview', icon: 'overview', reads: 'connections:read' },
  { path: 'connections', label: 'Connections', icon: 'connections', reads: 'connections:read' },
  { path: 'integrations', label: 'Integrations', icon: 'integrations', reads: 'integrations:read' },
  { path: 'end-users', label: 'End users', icon: 'end-users', reads: 'end-users:read' },
  {
    path: 'connect-sessions',
    label: 'Connect sessions',
    icon: 'connect-sessions',
    reads: 'connections:read',
  },
  { path: 'members', label: 'Members', icon: 'end-users', reads: 'members:read' },
  { path: 'api-keys', label: 'API keys', icon: 'api-keys', reads: 'api-keys:read' },
  { path: 'events', label: 'Events', icon: 'events', reads: 'events:read' },
  { path: 'webhooks', label: 'Webhooks', icon: 'webhooks', reads: 'webhooks:read' },
  { path: 'oauth-clients', label: 'OAuth clients', icon: 'oauth-clients', reads: 'settings:read' },
  { path: 'settings', label: 'Settings', icon: 'settings', reads: 'settings:read' },
]
