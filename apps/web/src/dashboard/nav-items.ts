import type { NavIconName } from './nav-icon.tsx'

export interface NavItem {
  /** Relative to /app; '' is the overview. */
  path: string
  label: string
  icon: NavIconName
  /** Hidden from members (role 'member'); the page itself also explains why. */
  adminOnly?: boolean
}

export const navItems: readonly NavItem[] = [
  { path: '', label: 'Overview', icon: 'overview' },
  { path: 'connections', label: 'Connections', icon: 'connections' },
  { path: 'integrations', label: 'Integrations', icon: 'integrations' },
  { path: 'end-users', label: 'End users', icon: 'end-users' },
  { path: 'connect-sessions', label: 'Connect sessions', icon: 'connect-sessions' },
  { path: 'members', label: 'Members', icon: 'end-users' },
  { path: 'api-keys', label: 'API keys', icon: 'api-keys', adminOnly: true },
  { path: 'events', label: 'Events', icon: 'events', adminOnly: true },
  { path: 'webhooks', label: 'Webhooks', icon: 'webhooks', adminOnly: true },
  { path: 'oauth-clients', label: 'OAuth clients', icon: 'oauth-clients' },
  { path: 'settings', label: 'Settings', icon: 'settings' },
]
