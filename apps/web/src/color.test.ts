import { describe, expect, it } from 'vitest'
import { AA_GRAPHIC, AA_TEXT, contrastRatio, readableTextOn } from './color.ts'
import { CHART_SURFACE, CHART_TEXT, SERIES_COLORS } from './dashboard/pages/chart-colors.ts'

describe('contrastRatio', () => {
  it('gives WCAG’s values for known pairs, whichever comes first', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5)
    // #767676 is the lightest grey that passes AA on white (4.54:1).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(AA_TEXT)
  })
})

describe('overview chart colours (WCAG AA on the card)', () => {
  it('legend and axis text reach 4.5:1', () => {
    expect(contrastRatio(CHART_TEXT, CHART_SURFACE)).toBeGreaterThanOrEqual(AA_TEXT)
  })

  it.each(Object.entries(SERIES_COLORS))('series %s (%s) reaches 3:1', (_name, color) => {
    expect(contrastRatio(color, CHART_SURFACE)).toBeGreaterThanOrEqual(AA_GRAPHIC)
  })
})

describe('readableTextOn', () => {
  it('picks the text colour that reaches more contrast on a brand colour', () => {
    for (const bg of ['#4f46e5', '#0f766e', '#ffde00', '#f6f6f7', '#111111']) {
      const text = readableTextOn(bg)
      const other = text === '#ffffff' ? '#111827' : '#ffffff'
      expect(contrastRatio(text, bg)).toBeGreaterThanOrEqual(contrastRatio(other, bg))
    }
  })
})
