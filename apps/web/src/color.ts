const HEX = /^#[0-9a-fA-F]{6}$/

export function isHexColor(value: string): boolean {
  return HEX.test(value)
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** White or near-black text, whichever reads better on the given background. */
export function readableTextOn(hex: string): string {
  const l = luminance(hex)
  const contrastWhite = 1.05 / (l + 0.05)
  const contrastDark = (l + 0.05) / (0.0144 + 0.05)
  return contrastWhite >= contrastDark ? '#ffffff' : '#111827'
}

/** CSS custom properties that re-colour accent elements (buttons, focus rings, links) inside a subtree. */
export function accentStyle(hex: string | undefined): Record<string, string> | undefined {
  if (!hex || !isHexColor(hex)) return undefined
  return { '--accent': hex, '--accent-contrast': readableTextOn(hex) }
}
