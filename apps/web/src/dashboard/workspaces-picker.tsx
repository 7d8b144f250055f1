import { useWorkspace } from './workspace-context.tsx'

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

/** All workspaces or some: the one control for API keys, invites and members. */
export function WorkspacesPicker({ name, value, onChange, help, invalid = false }: WorkspacesPickerProps) {
  const { workspaces } = useWorkspace()
  const helpId = `${name}-help`
  return (
    <fieldset className="field radio-group" aria-describedby={helpId}>
      <legend>Workspaces</legend>
      <label>
        <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
        All workspaces, also ones made later
      </label>
      <label>
        <input type="radio" name={name} checked={value !== null} onChange={() => onChange([])} />
        Only these
      </label>
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
