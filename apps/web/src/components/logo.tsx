import { createContext, useContext, useState } from 'react'

/**
 * Whether this page may load images from other origins. The server's Content-Security-Policy
 * allows them only on the pages whose point is an image a tenant chose (the hosted connect
 * page and the consent page; apps/server/src/app.ts), and app-routes.tsx says so for those
 * routes; elsewhere a logo from another origin is drawn as its initial, never requested.
 */
export const OutsideImagesAllowed = createContext(false)

/** A logo this page may load: ours (same origin, e.g. the catalog's /logos/…), a data: URI, or any when allowed. */
export function canLoadLogo(
  src: string,
  outsideAllowed: boolean,
  pageOrigin = window.location.origin,
): boolean {
  if (src.startsWith('data:image/')) return true
  try {
    const url = new URL(src, pageOrigin)
    return url.origin === pageOrigin || (outsideAllowed && url.protocol === 'https:')
  } catch {
    return false
  }
}

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

/** An organization's or integration's logo, or its initial. */
export function Logo({ src, name, size = 40, alt = '', loading = 'eager' }: LogoProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null)
  const outsideAllowed = useContext(OutsideImagesAllowed)
  const style = { width: size, height: size }
  if (!src || failedSrc === src || !canLoadLogo(src, outsideAllowed)) {
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
