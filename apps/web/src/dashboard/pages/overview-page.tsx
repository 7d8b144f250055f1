import { PageHeader } from '../../components/page-header.tsx'
import { useDocumentTitle } from '../use-document-title.ts'

/** Filled in once its procedures exist in the API (see the web app's report). */
export function OverviewPage() {
  useDocumentTitle('Overview')
  return (
    <div className="page">
      <PageHeader title="Overview" />
    </div>
  )
}
