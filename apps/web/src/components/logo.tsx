import { useState } from 'react'

interface LogoProps {
  src: string | undefined
  /** Who the logo stands for; its first letter is shown when there is no image or it fails to load. */
  name: string
  size?: number
  /** Alt text; empty when the name is written next to the logo anyway. */
  alt?: string
  /** 'lazy' for long lists, so only logos on screen are fetched. */
  loading?: 'eager' | 'lazy'
}

/** An organization's or integration's logo (the only third-party resources the app loads). */
export function Logo({ src, name, size = 40, alt = '', loading = 'eager' }: LogoProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null)
  const style = { width: size, height: size }
  if (!src || failedSrc === src) {
    return (
      <span
        className="logo logo-fallback"
        style={{ ...style, fontSize: size * 0.45 }}
        {...(alt === '' ? { 'aria-hidden': true } : { role: 'img', 'aria-label': alt })}
      >
        {name.trim().charAt(0).toUpperCase() || '?'}
      </span>
    )
  }
  return (
    <img
      className="logo"
      src={src}
      alt={alt}
      width={size}
      height={size}
      style={style}
      referrerPolicy="no-referrer"
      loading={loading}
      onError={() => setFailedSrc(src)}
    />
  )
}
