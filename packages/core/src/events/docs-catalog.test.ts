import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { resolutions } from '../connections/connection-health.ts'
import { eventTypes } from './types.ts'

// The catalogs in docs/webhooks.md and docs/events.md name every event type the log writes,
// and their JSON examples parse (issue 22: the webhooks catalog had left out member.* and
// invite.*, and an example used a reason code that does not exist).

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs')
const read = (name: string) => readFileSync(path.join(docs, name), 'utf8')
const reasonCodes = [
  'TOKEN_REJECTED',
  'CREDENTIALS_REJECTED',
  'EGRESS_REFUSED',
  'REFRESH_TOKEN_REJECTED',
  'OAUTH_APP_REJECTED',
  'REFRESH_IMPOSSIBLE',
]

describe('event docs', () => {
  it('docs/webhooks.md lists every event type in its catalog, and its examples are real', () => {
    const text = read('webhooks.md')
    const catalog = text.slice(text.indexOf('## Event catalog'), text.indexOf('## Verifying signatures'))
    const rows = new Set([...catalog.matchAll(/^\| `([a-z_]+\.[a-z_]+)`/gm)].map((m) => m[1]))
    for (const type of eventTypes) expect(rows, type).toContain(type)
    const examples = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map(
      (m) => JSON.parse(m[1] as string) as { type: string; data: Record<string, unknown> },
    )
    expect(examples.length).toBeGreaterThan(0)
    for (const e of examples) {
      expect([...eventTypes, 'webhook.test']).toContain(e.type)
      const reason = e.data.reason as { code?: string } | undefined
      if (reason?.code) expect(reasonCodes).toContain(reason.code)
      if (e.data.resolution) expect(resolutions).toContain(e.data.resolution)
    }
  })

  it('docs/events.md covers every event type, and each example data is JSON', () => {
    const text = read('events.md')
    const table = text.slice(text.indexOf('## Every type'), text.indexOf('## The audit API'))
    const named = new Set<string>()
    for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
      const cells = row.split(' | ')
      // "`oauth_app.created` / `updated` / `deleted`": the later names share the first's prefix.
      const names = [...(cells[0] ?? '').matchAll(/`([a-z_.]+)`/g)].map((m) => m[1] as string)
      const prefix = names[0]?.split('.')[0]
      for (const n of names) named.add(n.includes('.') ? n : `${prefix}.${n}`)
      for (const m of (cells[3] ?? '').matchAll(/`(\{.*?\})`/g))
        expect(() => JSON.parse(m[1] as string)).not.toThrow()
    }
    for (const type of eventTypes) expect(named, type).toContain(type)
  })
})
