import { lazy, type ReactNode, Suspense } from 'react'
import { Route, Routes } from 'react-router'
import { PageLoading } from '../components/page-loading.tsx'
import { AccountPage } from './account/account-page.tsx'
import { ApiKeysPage } from './api-keys/api-keys-page.tsx'
import { ConnectSessionsPage } from './connect-sessions/connect-sessions-page.tsx'
import { ConnectionDetailPage } from './connections/connection-detail-page.tsx'
import { ConnectionsPage } from './connections/connections-page.tsx'
import { EndUsersPage } from './end-users/end-users-page.tsx'
import { EventsPage } from './events/events-page.tsx'
import { IntegrationDetailPage } from './integrations/integration-detail-page.tsx'
import { IntegrationsPage } from './integrations/integrations-page.tsx'
import { LoginPage } from './login-page.tsx'
import { MembersPage } from './members/members-page.tsx'
import { OAuthClientsPage } from './oauth-clients/oauth-clients-page.tsx'
import { OverviewPage } from './pages/overview-page.tsx'
import { ShellNotFoundPage } from './pages/shell-not-found-page.tsx'
import { RequireAuth } from './require-auth.tsx'
import { SettingsPage } from './settings/settings-page.tsx'
import { WebhooksPage } from './webhooks/webhooks-page.tsx'

// The custom-integration form brings the catalog's zod schema; only people who open it load it.
const NewCustomIntegrationPage = lazy(() =>
  import('./integrations/custom-integration-pages.tsx').then((m) => ({
    default: m.NewCustomIntegrationPage,
  })),
)
const EditCustomIntegrationPage = lazy(() =>
  import('./integrations/custom-integration-pages.tsx').then((m) => ({
    default: m.EditCustomIntegrationPage,
  })),
)

/** A lazily loaded page, with the shell around it kept while its code loads. */
function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>
}

/** Everything under /app: the sign-in page, and the signed-in shell with its pages. */
export function DashboardApp() {
  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<OverviewPage />} />
        <Route path="connections" element={<ConnectionsPage />} />
        <Route path="connections/:id" element={<ConnectionDetailPage />} />
        <Route path="integrations" element={<IntegrationsPage />} />
        <Route
          path="integrations/new"
          element={
            <Lazy>
              <NewCustomIntegrationPage />
            </Lazy>
          }
        />
        <Route path="integrations/:name" element={<IntegrationDetailPage />} />
        <Route
          path="integrations/:name/edit"
          element={
            <Lazy>
              <EditCustomIntegrationPage />
            </Lazy>
          }
        />
        <Route path="end-users" element={<EndUsersPage />} />
        <Route path="connect-sessions" element={<ConnectSessionsPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="events" element={<EventsPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="oauth-clients" element={<OAuthClientsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<ShellNotFoundPage />} />
      </Route>
    </Routes>
  )
}
