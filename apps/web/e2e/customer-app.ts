import { createServer, type Server } from 'node:http'

/** What the customer's page received from the connect popup. */
export interface ReceivedMessage {
  origin: string
  data: unknown
}

export interface CustomerApp {
  /** http://127.0.0.1:<port>: a different origin from Switchboard's, like a real customer app. */
  origin: string
  close(): Promise<void>
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer app</title>
<script>
  window.received = [];
  window.addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));
</script></head>
<body><h1>Customer app</h1></body></html>`

/** A stand-in for the product that embeds Switchboard: it opens the connect page as a popup. */
export async function startCustomerApp(): Promise<CustomerApp> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('The customer app has no TCP address')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  }
}
