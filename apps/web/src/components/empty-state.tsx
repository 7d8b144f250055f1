import type { ReactNode } from 'react'

interface EmptyStateProps {
  title: string
  children?: ReactNode
  action?: ReactNode
}

/** Nothing here yet: say so, say why it matters, offer the first step. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
      {action}
    </div>
  )
}
