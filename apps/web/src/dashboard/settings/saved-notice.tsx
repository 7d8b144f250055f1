/** The polite "Saved" after a successful save (a live region, so screen readers hear it too). */
export function SavedNotice({ visible }: { visible: boolean }) {
  return (
    <span className="saved-notice" role="status">
      {visible ? 'Saved' : ''}
    </span>
  )
}
