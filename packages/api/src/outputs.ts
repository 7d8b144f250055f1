import { z } from 'zod'

// Declared outputs: a field that is not listed here cannot reach a caller by accident.

export const WorkspaceOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string() })

export const ApiKeyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

export const OrganizationOut = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(['FREE', 'TEAM', 'SCALE', 'ENTERPRISE']),
  allowedRedirectOrigins: z.array(z.string()),
  branding: z.object({ logoUrl: z.string().optional(), primaryColor: z.string().optional() }),
  createdAt: z.string(),
})

export const UserOut = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'admin', 'member']),
  isSuperuser: z.boolean(),
  organizationId: z.string(),
})
