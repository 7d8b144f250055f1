import { Link } from 'react-router'

export function NotFoundPage() {
  return (
    <main className="centered-page">
      <div className="card narrow-card">
        <h1>Page not found</h1>
        <p className="muted">This address does not match any page. Check the link, or go to the dashboard.</p>
        <Link className="button button-primary" to="/app">
          Go to the dashboard
        </Link>
      </div>
    </main>
  )
}
