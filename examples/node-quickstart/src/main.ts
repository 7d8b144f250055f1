// docs/quickstart.md, step by step, through @switchboard/sdk: an API-key integration whose API
// is a small server on this machine, an end user, a connect token, the connect page (its form
// submitted the way the hosted page does), the poll, and a proxied call.
//
//   SWITCHBOARD_URL=http://localhost:3000 SWITCHBOARD_API_KEY=sk_… SWITCHBOARD_WORKSPACE_ID=… pnpm start
//
// The server must be allowed to reach 127.0.0.1 (SWITCHBOARD_EGRESS_ALLOW=127.0.0.1).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Switchboard, SwitchboardError } from '@switchboard/sdk'

function env(name: string): string {
  const value = process.env[name]
  if (!value) {
    console.error(`${name} is not set (see docs/quickstart.md, step 2)`)
    process.exit(2)
  }
  return value
}

const baseUrl = env('SWITCHBOARD_URL')
const apiKey = env('SWITCHBOARD_API_KEY')
const workspaceId = env('SWITCHBOARD_WORKSPACE_ID')
const UPSTREAM_KEY = 'sk-demo-weather-key'

// The third-party API: answers only requests carrying its API key.
const upstream = createServer((req, res) => {
  const ok = req.headers['x-api-key'] === UPSTREAM_KEY
  res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
  res.end(JSON.stringify(ok ? { city: 'Lisbon', forecast: 'sunny', path: req.url } : { error: 'bad key' }))
})
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`

const client = new Switchboard({ baseUrl, apiKey })

try {
  // 1. An API-key integration (a custom one: its API is the server above).
  const definition = {
    name: 'demo-weather',
    displayName: 'Demo Weather',
    authType: 'SECRET_TEXT',
    api: { baseUrl: upstreamUrl, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
    fields: [{ key: 'apiKey', label: 'API key', secret: true }],
  }
  const existing = await client.integrations.get('demo-weather').catch((e: unknown) => {
    if (e instanceof SwitchboardError && e.status === 404) return undefined
    throw e
  })
  const { integration } = existing
    ? await client.integrations.update('demo-weather', definition)
    : await client.integrations.create(definition)
  console.log(`1. integration  ${integration.name} → ${upstreamUrl}`)

  // 2. An end user (seed 001).
  const { endUser } = await client.endUsers.create({
    workspaceId,
    externalId: 'user_456',
    displayName: 'Alice Johnson',
  })
  console.log(`2. end user     ${endUser.id} (${endUser.externalId})`)

  // 3. A connect token and its hosted page.
  const { connectUrl, token } = await client.endUsers.createConnectToken(endUser.id, {
    integrationName: 'demo-weather',
  })
  console.log(`3. connect page ${connectUrl}`)

  // 4. The user types the API key on that page; the page sends it like this.
  await client.connect.submit({ token, credentials: { apiKey: UPSTREAM_KEY } })
  console.log('4. submitted    the API key, as the connect page does')

  // 5. Poll until the session ends.
  let session = await client.connect.poll(token)
  for (let i = 0; session.status !== 'COMPLETED' && session.status !== 'FAILED' && i < 30; i++) {
    await new Promise((r) => setTimeout(r, 1000))
    session = await client.connect.poll(token)
  }
  const connectionId = session.connectionId
  if (session.status !== 'COMPLETED' || !connectionId) {
    throw new Error(`the session ended ${session.status}: ${session.error}`)
  }
  console.log(`5. polled       ${session.status}, connection ${session.connectionId}`)

  // 6. A proxied call: Switchboard adds the key; this program never sends it.
  const answer = await client.proxy.request<{ city: string; forecast: string }>({
    connectionId,
    method: 'GET',
    url: '/forecast?city=lisbon',
  })
  if (answer.status !== 200 || answer.data.forecast !== 'sunny') {
    throw new Error(`unexpected answer ${answer.status} ${JSON.stringify(answer.data)}`)
  }
  console.log(`6. proxied      GET /forecast → ${answer.status} ${JSON.stringify(answer.data)}`)
} catch (error) {
  console.error(error instanceof SwitchboardError ? `${error.status} ${error.code}: ${error.message}` : error)
  process.exitCode = 1
} finally {
  upstream.close()
}
