import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { NewConnectionState } from '../connections/new-connection-state.ts'

interface Steps {
  integrationChosen: boolean
  connectTokenCreated: boolean
  connectionCreated: boolean
}

interface Step {
  done: boolean
  title: string
  body: ReactNode
  action: ReactNode
}

const openNewConnection: NewConnectionState = { newConnection: true }

/**
 * The overview of a workspace with no connection yet: the three steps to a first one, each
 * ticked from what the server found (core getOverview's gettingStarted), each linking to where
 * it is done.
 */
export function GettingStarted({ steps }: { steps: Steps }) {
  const list: Step[] = [
    {
      done: steps.integrationChosen,
      title: 'Pick an integration',
      body: (
        <>
          A service from the catalog (OAuth ones need an OAuth app: yours or Switchboard’s shared one), or a
          custom integration for your own API.
        </>
      ),
      action: <Link to="/app/integrations">Open the catalog</Link>,
    },
    {
      done: steps.connectTokenCreated,
      title: 'Make a connect token',
      body: (
        <>
          Your backend asks for one with <code>POST /api/v1/connect/token</code> and an API key, and opens the
          connect page with it; <strong>New connection</strong> does the same from here.
        </>
      ),
      action: (
        <span className="getting-started-actions">
          <Link to="/app/connections" state={openNewConnection}>
            New connection
          </Link>
          <Link to="/app/api-keys">API keys</Link>
        </span>
      ),
    },
    {
      done: steps.connectionCreated,
      title: 'Connect a first account',
      body: <>Someone authorizes on the connect page, and the connection appears here.</>,
      action: <Link to="/app/connect-sessions">See connect sessions</Link>,
    },
  ]
  const doneCount = list.filter((s) => s.done).length
  return (
    <section className="card" aria-labelledby="getting-started-heading" data-testid="getting-started">
      <h2 id="getting-started-heading" className="card-title">
        Get started
      </h2>
      <p className="muted">
        No connections in this workspace yet. {doneCount} of {list.length} steps done.
      </p>
      <ol className="getting-started">
        {list.map((step) => (
          <li key={step.title} className="getting-started-step" data-done={step.done}>
            <span className="getting-started-mark" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <div className="getting-started-text">
              <p className="getting-started-title">
                {step.title}
                <span className="visually-hidden">{step.done ? ' (done)' : ' (to do)'}</span>
              </p>
              <p className="getting-started-body">{step.body}</p>
              <p className="getting-started-action">{step.action}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
