import { useQuery } from '@tanstack/react-query'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { trpc } from '../../trpc.ts'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { BrandingForm } from './branding-form.tsx'
import { OrganizationForm } from './organization-form.tsx'
import { RedirectOriginsForm } from './redirect-origins-form.tsx'
import { SsoSection } from './sso-section.tsx'
import { WorkspacesSection } from './workspaces-section.tsx'

export function SettingsPage() {
  useDocumentTitle('Settings')
  const { isAdmin } = useSession()
  const organization = useQuery(trpc.organization.get.queryOptions())

  return (
    <div className="page">
      <PageHeader
        title="Settings"
        description="Your organization and its workspaces, where the connect flow may send people back to, how the connect page looks, and who signs in with SSO."
      />
      {!isAdmin && (
        <div className="alert alert-info" role="status">
          You can view these settings. Only owners and admins can change them.
        </div>
      )}
      {organization.isPending && <LoadingState label="Loading settings…" />}
      {organization.isError && (
        <ErrorState
          title="Settings could not be loaded"
          error={organization.error}
          onRetry={() => void organization.refetch()}
        />
      )}
      {organization.isSuccess && (
        <div className="stack">
          <OrganizationForm organization={organization.data} readOnly={!isAdmin} />
          <WorkspacesSection readOnly={!isAdmin} />
          <RedirectOriginsForm organization={organization.data} readOnly={!isAdmin} />
          <BrandingForm organization={organization.data} readOnly={!isAdmin} />
          {isAdmin && <SsoSection />}
        </div>
      )}
    </div>
  )
}
