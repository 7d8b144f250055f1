import type { ApiKey, Organization, User, Workspace } from '@switchboard/db'

export interface WorkspaceView {
  id: string
  name: string
  createdAt: string
}
export const toWorkspaceView = (w: Workspace): WorkspaceView => ({
  id: w.id,
  name: w.name,
  createdAt: w.createdAt,
})

export interface ApiKeyView {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  /** null: a full-access key. */
  scopes: string[] | null
  /** null: every workspace. */
  workspaceIds: string[] | null
  expiresAt: string | null
}
export const toApiKeyView = (k: ApiKey): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
  scopes: k.scopes === null ? null : (JSON.parse(k.scopes) as string[]),
  workspaceIds: k.workspaceIds === null ? null : (JSON.parse(k.workspaceIds) as string[]),
  expiresAt: k.expiresAt,
})

export interface Branding {
  logoUrl?: string | undefined
  primaryColor?: string | undefined
}

export interface OrganizationView {
  id: string
  name: string
  plan: Organization['plan']
  allowedRedirectOrigins: string[]
  branding: Branding
  createdAt: string
}
export const toOrganizationView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.name,
  plan: o.plan,
  allowedRedirectOrigins: JSON.parse(o.allowedRedirectOrigins) as string[],
  branding: JSON.parse(o.branding) as Branding,
  createdAt: o.createdAt,
})

export interface UserView {
  id: string
  email: string
  role: User['role']
  isSuperuser: boolean
  organizationId: string
}
export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  role: u.role,
  isSuperuser: u.isSuperuser === 1,
  organizationId: u.organizationId,
})
