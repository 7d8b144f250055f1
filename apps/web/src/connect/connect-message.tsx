import { type ReactNode, useEffect, useRef } from 'react'

interface ConnectMessageProps {
  tone: 'info' | 'success' | 'error'
  title: string
  children?: ReactNode
}

const icons = {
  info: 'M12 8v4m0 4h.01M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18',
  success: 'M8 12.5l2.5 2.5L16 9.5M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18',
  error: 'M15 9l-6 6m0-6l6 6M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18',
}

/**
 * A final or blocking state of the connect page (expired link, success, failure). Errors are
 * announced as alerts, the rest as status; the heading takes focus so keyboard users land on it.
 */
export function ConnectMessage({ tone, title, children }: ConnectMessageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])
  return (
    <div className={`connect-message connect-message-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <svg
        className="connect-message-icon"
        width="48"
        height="48"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d={icons[tone]} />
      </svg>
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  )
}
