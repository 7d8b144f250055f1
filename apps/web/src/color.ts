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

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** WCAG AA: 4.5:1 for text, 3:1 for the parts of a graphic one must see (bars, lines, swatches). */
export const AA_TEXT = 4.5
export const AA_GRAPHIC = 3

/** White or near-black text, whichever reads better on the given background. */
export function readableTextOn(hex: string): string {
  return contrastRatio('#ffffff', hex) >= contrastRatio('#111827', hex) ? '#ffffff' : '#111827'
}

/** CSS custom properties that re-colour accent elements (buttons, focus rings, links) inside a subtree. */
export function accentStyle(hex: string | undefined): Record<string, string> | undefined {
  if (!hex || !isHexColor(hex)) return undefined
  return { '--accent': hex, '--accent-contrast': readableTextOn(hex) }
}
