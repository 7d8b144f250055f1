/** History entries in plain words; unknown kinds fall back to a readable form of the code. */
const eventLabels: Record<string, string> = {
  CREATED: 'Connected',
  REFRESHED: 'Access token refreshed',
  REFRESH_FAILED: 'Token refresh failed',
  RECONNECTED: 'Reconnected',
  REVOKED: 'Revoked at the provider',
  REVOKE_FAILED: 'Revoking at the provider failed',
  DELETED: 'Deleted',
  UNHEALTHY: 'Marked unhealthy',
}

export function eventLabel(kind: string): string {
  const known = eventLabels[kind]
  if (known) return known
  const words = kind.toLowerCase().replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function eventTone(kind: string): 'success' | 'danger' | 'warning' | 'muted' | 'info' {
  if (kind === 'REFRESH_FAILED' || kind === 'REVOKE_FAILED') return 'danger'
  if (kind === 'UNHEALTHY') return 'warning'
  if (kind === 'REVOKED' || kind === 'DELETED') return 'muted'
  if (kind === 'CREATED' || kind === 'RECONNECTED') return 'success'
  return 'info'
}
