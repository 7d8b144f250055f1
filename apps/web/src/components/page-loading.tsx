import { Spinner } from './spinner.tsx'

/** Whole-page placeholder while a route's code or first data loads. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-loading" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  )
}
