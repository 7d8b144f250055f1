/** The Switchboard mark (decorative; the product name is always written next to it). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M9 11h9M14 21h9" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <circle cx="21" cy="11" r="3" fill="#fff" />
      <circle cx="11" cy="21" r="3" fill="#fff" />
    </svg>
  )
}
