/**
 * The overview charts' colours, checked against WCAG AA in chart-colors.test.ts: legend and
 * axis text 4.5:1 on the card, each series (bar, line, legend swatch) 3:1.
 */

/** The card the charts sit on (--surface in styles.css). */
export const CHART_SURFACE = '#ffffff'

/** Legend labels and axis ticks (--text-muted). Recharts would colour a legend label like its series. */
export const CHART_TEXT = '#5b5b66'

export const SERIES_COLORS = {
  accent: '#4f46e5',
  completed: '#15803d',
  failed: '#dc2626',
  pending: '#71717a',
  refresh: '#b45309',
  /** Proxy traffic: answered below 400, 4xx, 5xx or no answer, and the p95 line. */
  ok: '#4f46e5',
  clientErrors: '#b45309',
  serverErrors: '#dc2626',
  p95: '#0e7490',
} as const
