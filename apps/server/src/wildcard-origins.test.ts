import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 21 item 19: a wildcard in an allowed redirect origin or an OAuth client's redirect URI
// was stored as a literal that never matches anything. Both are matched exactly (docs), so a
// wildcard is refused at input with a message that says to list each one.

describe('wildcard redirect origins and redirect URIs', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ integration: false })
  })
  afterAll(async () => {
    await h.close()
  })

  it.each(['https://*.example.com', 'https://app.*.example.com', 'https://*'])(
    'an allowed redirect origin %s is refused with 400 VALIDATION_ERROR, and nothing is stored',
    async (origin) => {
      const res = await h.api('/api/v1/organization', {
        method: 'PATCH',
        json: { allowedRedirectOrigins: ['https://app.example.com', origin] },
      })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { error: { code: string; message: string; details: unknown } }
      expect(body.error.code).toBe('VALIDATION_ERROR')
      expect(JSON.stringify(body.error.details)).toMatch(/wildcards are not supported/)
      const org = (await (await h.api('/api/v1/organization')).json()) as {
        organization?: { allowedRedirectOrigins: string[] }
        allowedRedirectOrigins?: string[]
      }
      const stored = org.organization?.allowedRedirectOrigins ?? org.allowedRedirectOrigins
      expect(stored).not.toContain(origin)
    },
  )

  it('an OAuth client redirect URI with a wildcard host is refused with 400 VALIDATION_ERROR', async () => {
    const res = await h.api('/api/v1/oauth-clients', {
      method: 'POST',
      json: { name: 'Wild', redirectUris: ['https://*.example.com/callback'], scopes: ['connections:read'] },
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: unknown } }
    expect(body.error.code).toBe('VALIDATION_ERROR')
    expect(JSON.stringify(body.error.details)).toMatch(/wildcards are not supported/)
  })

  it('exact origins and redirect URIs are still accepted', async () => {
    const org = await h.api('/api/v1/organization', {
      method: 'PATCH',
      json: { allowedRedirectOrigins: ['https://app.example.com', 'http://localhost:5173'] },
    })
    expect(org.status).toBe(200)
    const client = await h.api('/api/v1/oauth-clients', {
      method: 'POST',
      json: {
        name: 'Exact',
        redirectUris: ['https://app.example.com/callback'],
        scopes: ['connections:read'],
      },
    })
    expect(client.status).toBe(201)
  })
})
