import { describe, expect, it } from 'vitest'
import { CHART_SURFACE, CHART_TEXT, SERIES_COLORS } from './chart-colors.ts'

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

describe('overview chart colours (WCAG AA)', () => {
  it('legend and axis text reach 4.5:1 on the card', () => {
    expect(contrast(CHART_TEXT, CHART_SURFACE)).toBeGreaterThanOrEqual(4.5)
  })
  it.each(Object.entries(SERIES_COLORS))('series %s reaches 3:1 on the card', (_name, color) => {
    expect(contrast(color, CHART_SURFACE)).toBeGreaterThanOrEqual(3)
  })
  it('the contrast function is right on known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5)
  })
})
