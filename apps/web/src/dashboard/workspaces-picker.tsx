import { useSession } from './session-context.tsx'
import { useWorkspace } from './workspace-context.tsx'

/**
 * What a new key or invite starts with: all workspaces (null), or for a caller narrowed to some,
 * their own (the server refuses anything wider: 404 for "all", WIDER_THAN_YOURS for a member).
 */
export function useDefaultWorkspaceIds(): string[] | null {
  const { workspaceIds } = useSession()
  return workspaceIds === null ? null : [...workspaceIds]
}

interface WorkspacesPickerProps {
  /** Names the radio group (unique on the page). */
  name: string
  /** null = all workspaces (also ones made later); a list = only those. */
  value: string[] | null
  onChange: (value: string[] | null) => void
  /** Under the choices: what the choice means, or the server's complaint about it. */
  help: string
  invalid?: boolean
}

/**
 * All workspaces or some: the one control for API keys, invites and members. A caller narrowed to
 * some workspaces cannot hand on "all" (nor workspaces it does not see): it only picks among its own.
 */
export function WorkspacesPicker({ name, value, onChange, help, invalid = false }: WorkspacesPickerProps) {
  const { workspaces } = useWorkspace()
  const narrowed = useSession().workspaceIds !== null
  const helpId = `${name}-help`
  return (
    <fieldset className="field radio-group" aria-describedby={helpId}>
      <legend>Workspaces</legend>
      {!narrowed && (
        <>
          <label>
            <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
            All workspaces, also ones made later
          </label>
          <label>
            <input type="radio" name={name} checked={value !== null} onChange={() => onChange([])} />
            Only these
          </label>
        </>
      )}
      {value !== null &&
        workspaces.map((w) => (
          <label key={w.id} className="radio-group-nested">
            <input
              type="checkbox"
              checked={value.includes(w.id)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, w.id] : value.filter((id) => id !== w.id))
              }
            />
            {w.name}
          </label>
        ))}
      <p id={helpId} className={invalid ? 'field-error' : 'field-help'}>
        {help}
      </p>
    </fieldset>
  )
}
