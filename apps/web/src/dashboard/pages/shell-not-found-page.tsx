import { Link } from 'react-router'
import { PageHeader } from '../../components/page-header.tsx'
import { useDocumentTitle } from '../use-document-title.ts'

export function ShellNotFoundPage() {
  useDocumentTitle('Page not found')
  return (
    <div className="page">
      <PageHeader
        title="Page not found"
        description="This dashboard address does not match any page. Pick a page from the menu, or go back to the overview."
      />
      <Link className="button" to="/app">
        Go to the overview
      </Link>
    </div>
  )
}
