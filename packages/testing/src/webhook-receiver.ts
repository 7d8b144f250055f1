import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: string
  at: number
}

export interface ReceiverAnswer {
  status: number
  headers?: Record<string, string>
  body?: string
}

export interface WebhookReceiver {
  url: string
  received: ReceivedWebhook[]
  /** What the next requests get, in order; once used up, `fallback` answers. */
  answers: ReceiverAnswer[]
  fallback: ReceiverAnswer
  /** Resolves once `count` requests arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>
  close(): Promise<void>
}

/** A real HTTP receiver on 127.0.0.1:0 that records every webhook and answers as told. */
export async function startWebhookReceiver(options: { port?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  const waiters: Array<() => void> = []
  const receiver: WebhookReceiver = {
    url: '',
    close: async () => {},
    received,
    answers: [],
    fallback: { status: 204 },
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer)
            resolve(received.slice())
            return true
          }
          return false
        }
        const timer = setTimeout(
          () => reject(new Error(`only ${received.length} of ${count} webhooks arrived`)),
          timeoutMs,
        )
        // Each arrival runs every waiter once: one still short of its count waits again.
        const waiter = () => {
          if (!check()) waiters.push(waiter)
        }
        if (!check()) waiters.push(waiter)
      })
    },
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() })
      const answer = receiver.answers.shift() ?? receiver.fallback
      res.writeHead(answer.status, answer.headers ?? {})
      res.end(answer.body ?? '')
      for (const w of waiters.splice(0)) w()
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  receiver.url = `http://127.0.0.1:${port}/hooks`
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return receiver
}
