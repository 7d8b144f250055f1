export type BadgeTone = 'success' | 'danger' | 'warning' | 'info' | 'muted'

interface StatusBadgeProps {
  tone: BadgeTone
  label: string
  /** Extra detail on hover and for assistive technology (e.g. why a connection failed). */
  detail?: string | null | undefined
}

export function StatusBadge({ tone, label, detail }: StatusBadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={detail ?? undefined}>
      {label}
      {detail && <span className="visually-hidden">: {detail}</span>}
    </span>
  )
}
