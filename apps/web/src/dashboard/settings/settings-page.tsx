import { useQuery } from '@tanstack/react-query'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { trpc } from '../../trpc.ts'
import { MissingScopeNotice } from '../missing-scope-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { BrandingForm } from './branding-form.tsx'
import { OrganizationForm } from './organization-form.tsx'
import { RedirectOriginsForm } from './redirect-origins-form.tsx'
import { SsoSection } from './sso-section.tsx'
import { WorkspacesSection } from './workspaces-section.tsx'

export function SettingsPage() {
  useDocumentTitle('Settings')
  const { can, workspaceIds } = useSession()
  const readOnly = !can('settings:write')
  const organization = useQuery({ ...trpc.organization.get.queryOptions(), enabled: can('settings:read') })

  return (
    <div className="page">
      <PageHeader
        title="Settings"
        description="Your organization and its workspaces, where the connect flow may send people back to, how the connect page looks, and who signs in with SSO."
      />
      {!can('settings:read') && <MissingScopeNotice what="the settings" scope="settings:read" />}
      {can('settings:read') && readOnly && (
        <div className="alert alert-info" role="status">
          {/* One paragraph: .alert is a grid, so bare inline children would each take a row. */}
          <p>
            You can view these settings. Changing them needs the <code>settings:write</code> scope, which
            owners and admins hold.
          </p>
        </div>
      )}
      {can('settings:read') && organization.isPending && <LoadingState label="Loading settings…" />}
      {organization.isError && (
        <ErrorState
          title="Settings could not be loaded"
          error={organization.error}
          onRetry={() => void organization.refetch()}
        />
      )}
      {organization.isSuccess && (
        <div className="stack">
          <OrganizationForm organization={organization.data} readOnly={readOnly} />
          <WorkspacesSection
            readOnly={!can('workspaces:write')}
            // The server refuses a workspace to a membership narrowed to some (it would not see it).
            canCreate={can('workspaces:write') && workspaceIds === null}
          />
          <RedirectOriginsForm organization={organization.data} readOnly={readOnly} />
          <BrandingForm organization={organization.data} readOnly={readOnly} />
          <SsoSection readOnly={readOnly} />
        </div>
      )}
    </div>
  )
}
