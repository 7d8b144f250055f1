import { Link } from 'react-router'
import { messageOf } from '../errors.ts'
import { useWorkspace } from './workspace-context.tsx'

interface WorkspaceSwitcherProps {
  isLoading: boolean
  error: unknown
  onRetry: () => void
}

/** Which workspace the pages show; the choice is remembered in this browser. */
export function WorkspaceSwitcher({ isLoading, error, onRetry }: WorkspaceSwitcherProps) {
  const { workspaces, current, select } = useWorkspace()

  if (error) {
    return (
      <div className="workspace-switcher" role="alert">
        <span className="field-error">Workspaces could not be loaded. {messageOf(error)}</span>
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      </div>
    )
  }
  return (
    <div className="workspace-switcher">
      <div className="workspace-switcher-label">
        <label htmlFor="workspace-select">Workspace</label>
        <Link to="/app/settings#workspaces" className="small">
          Manage
        </Link>
      </div>
      <select
        id="workspace-select"
        value={current?.id ?? ''}
        disabled={isLoading || workspaces.length === 0}
        onChange={(e) => select(e.target.value)}
      >
        {isLoading && <option value="">Loading…</option>}
        {!isLoading && workspaces.length === 0 && <option value="">No workspaces</option>}
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </div>
  )
}
