interface LoadMoreProps {
  hasMore: boolean
  loading: boolean
  onLoadMore: () => void
  error: unknown
}

/** "Load more" under a paged list, with its own loading and error text. */
export function LoadMore({ hasMore, loading, onLoadMore, error }: LoadMoreProps) {
  if (!hasMore) return null
  return (
    <div className="load-more">
      <button type="button" className="button" onClick={onLoadMore} disabled={loading}>
        {loading ? 'Loading…' : 'Load more'}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          The next page could not be loaded. Try again.
        </p>
      ) : null}
    </div>
  )
}
