import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { type ConnectionStatus, connectionStatuses, scopeLabels } from './connection-status.ts'

export type ConnectionScope = keyof typeof scopeLabels

export interface ConnectionFilters {
  search: string
  status: ConnectionStatus | ''
  /** The integration's name (slug). */
  integration: string
  scope: ConnectionScope | ''
  /** An end user's externalId (or Switchboard id). */
  endUser: string
}

export type FilterName = keyof ConnectionFilters

/** The URL parameter of each filter: /app/connections?integration=github&scope=USER is a link worth sharing. */
const params: Record<FilterName, string> = {
  search: 'q',
  status: 'status',
  integration: 'integration',
  scope: 'scope',
  endUser: 'endUser',
}

export const filterNames = Object.keys(params) as FilterName[]

function isStatus(value: string): value is ConnectionStatus {
  return connectionStatuses.some((s) => s.value === value)
}

function isScope(value: string): value is ConnectionScope {
  return Object.hasOwn(scopeLabels, value)
}

/**
 * The connections list's filters, kept in the URL search params so a filtered list can be
 * linked to, reloaded and reached with the back button. Unknown values are ignored.
 */
export function useConnectionFilters() {
  const [searchParams, setSearchParams] = useSearchParams()
  const read = (name: FilterName) => searchParams.get(params[name]) ?? ''
  const status = read('status')
  const scope = read('scope')
  const filters: ConnectionFilters = {
    search: read('search'),
    status: isStatus(status) ? status : '',
    integration: read('integration'),
    scope: isScope(scope) ? scope : '',
    endUser: read('endUser'),
  }

  /** Sets (or with '' clears) filters; replaces the history entry, so typing is not one entry per key. */
  const update = useCallback(
    (changes: Partial<ConnectionFilters>) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          for (const [name, value] of Object.entries(changes) as Array<[FilterName, string]>) {
            if (value === '') next.delete(params[name])
            else next.set(params[name], value)
          }
          return next
        },
        { replace: true },
      )
    },
    [setSearchParams],
  )

  const clearAll = useCallback(
    () => update(Object.fromEntries(filterNames.map((n) => [n, ''])) as Partial<ConnectionFilters>),
    [update],
  )

  return { filters, update, clearAll }
}
