import { it } from 'vitest'

it('probe', async () => {
  const before = (globalThis as any)[Symbol.for('undici.globalDispatcher.1')]?.constructor?.name
  await import('./testing/harness.ts')
  const after = (globalThis as any)[Symbol.for('undici.globalDispatcher.1')]
  require('node:fs').writeFileSync(
    '/tmp/probe.txt',
    `${before} ${after?.constructor?.name} ${after?.constructor === (await import('undici')).Agent}`,
  )
})
