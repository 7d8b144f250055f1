import { Spinner } from './spinner.tsx'

/** Inline loading state for a section of a page. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  )
}
