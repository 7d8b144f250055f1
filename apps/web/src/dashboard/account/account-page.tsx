import { PageHeader } from '../../components/page-header.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { ChangePasswordForm } from './change-password-form.tsx'
import { SessionsSection } from './sessions-section.tsx'

/** The signed-in user's own account: password and where they are signed in. */
export function AccountPage() {
  useDocumentTitle('Account')
  const { user } = useSession()
  return (
    <div className="page">
      <PageHeader
        title="Account"
        description={`Signed in as ${user.email}. Your password and your sessions.`}
      />
      <div className="stack">
        <ChangePasswordForm />
        <SessionsSection />
      </div>
    </div>
  )
}
