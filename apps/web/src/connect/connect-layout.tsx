import type { ReactNode } from 'react'
import { accentStyle } from '../color.ts'
import type { Translate } from './i18n.ts'

interface ConnectLayoutProps {
  t: Translate
  /** The organization's primary colour re-colours buttons, links and focus rings. */
  primaryColor?: string | undefined
  children: ReactNode
}

export function ConnectLayout({ t, primaryColor, children }: ConnectLayoutProps) {
  return (
    <div className="connect-page themed" style={accentStyle(primaryColor)}>
      <main className="connect-card">{children}</main>
      <footer className="connect-footer">
        <svg
          width="14"
          height="14"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V7a4 4 0 0 1 8 0v4" />
        </svg>
        <span>{t('securedBy')}</span>
      </footer>
    </div>
  )
}
