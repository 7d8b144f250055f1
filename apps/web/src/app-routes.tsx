import { lazy, Suspense } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { OutsideImagesAllowed } from './components/logo.tsx'
import { PageLoading } from './components/page-loading.tsx'

// Each surface is its own chunk: the public connect page never downloads the dashboard (or recharts).
const ConnectPage = lazy(() => import('./connect/connect-page.tsx').then((m) => ({ default: m.ConnectPage })))
const DashboardApp = lazy(() =>
  import('./dashboard/dashboard-app.tsx').then((m) => ({ default: m.DashboardApp })),
)
const AuthorizeLoginPage = lazy(() =>
  import('./oauth/authorize-login-page.tsx').then((m) => ({ default: m.AuthorizeLoginPage })),
)
const AuthorizeConsentPage = lazy(() =>
  import('./oauth/authorize-consent-page.tsx').then((m) => ({ default: m.AuthorizeConsentPage })),
)
const NotFoundPage = lazy(() =>
  import('./components/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })),
)

const InvitePage = lazy(() => import('./invite/invite-page.tsx').then((m) => ({ default: m.InvitePage })))

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/" element={<Navigate to="/app" replace />} />
        {/* The two pages whose CSP allows https images (apps/server/src/app.ts): tenants' logos. */}
        <Route
          path="/connect"
          element={
            <OutsideImagesAllowed value={true}>
              <ConnectPage />
            </OutsideImagesAllowed>
          }
        />
        <Route path="/app/*" element={<DashboardApp />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route path="/authorize/login" element={<AuthorizeLoginPage />} />
        <Route
          path="/authorize/consent"
          element={
            <OutsideImagesAllowed value={true}>
              <AuthorizeConsentPage />
            </OutsideImagesAllowed>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  )
}
