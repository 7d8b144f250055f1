import type { Plan } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'
import { insertApiKey } from './api-keys.ts'
import { createOrganization } from './organizations.ts'
import { createUser } from './users.ts'
import { insertWorkspace } from './workspaces.ts'

export interface BootstrapInput {
  organizationName: string
  plan: Plan
  workspaceName?: string
  email?: string
  password?: string
}

export interface BootstrapResult {
  organizationId: string
  workspaceId: string
  apiKey: string
  userId?: string
}

/** A new organization with a workspace, an API key and optionally its owner, in one transaction. */
export async function bootstrapOrganization(deps: CoreDeps, input: BootstrapInput): Promise<BootstrapResult> {
  return deps.db.transaction().execute(async (trx) => {
    const tx: CoreDeps = { ...deps, db: trx }
    const org = await createOrganization(tx, { name: input.organizationName, plan: input.plan })
    const workspace = await insertWorkspace(tx, org.id, input.workspaceName ?? 'Default')
    const { key } = await insertApiKey(tx, org.id, 'Bootstrap key')
    const result: BootstrapResult = { organizationId: org.id, workspaceId: workspace.id, apiKey: key }
    if (input.email !== undefined && input.password !== undefined) {
      const user = await createUser(tx, {
        organizationId: org.id,
        email: input.email,
        password: input.password,
        role: 'owner',
      })
      result.userId = user.id
    }
    return result
  })
}
