import type { BadgeTone } from '../../components/status-badge.tsx'

export type ConnectionStatus = 'ACTIVE' | 'REFRESH_FAILED' | 'UNHEALTHY'

export const connectionStatuses: ReadonlyArray<{ value: ConnectionStatus; label: string; tone: BadgeTone }> =
  [
    { value: 'ACTIVE', label: 'Active', tone: 'success' },
    { value: 'REFRESH_FAILED', label: 'Refresh failed', tone: 'danger' },
    { value: 'UNHEALTHY', label: 'Unhealthy', tone: 'warning' },
  ]

export function connectionStatus(value: ConnectionStatus) {
  return connectionStatuses.find((s) => s.value === value) ?? { value, label: value, tone: 'muted' as const }
}

export const scopeLabels = { ORGANIZATION: 'Organization', WORKSPACE: 'Workspace', USER: 'End user' } as const
