import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** Node keeps the answer being written on a connection here (what its own closeIdleConnections reads). */
type ServerSocket = Socket & { _httpMessage?: ServerResponse | null }

/** How long a closing connection may take to flush what was written to a client that stopped reading. */
const FLUSH_MS = 5_000

/** Closes the connection once no answer is under way on it, after what was written is sent. */
function closeWhenIdle(socket: ServerSocket): void {
  const res = socket._httpMessage
  if (res && !res.writableFinished) {
    res.once('close', () => closeWhenIdle(socket))
    // Fully written by the handler but not taken by the client (it stopped reading): give up.
    if (res.writableEnded) setTimeout(() => socket.destroy(), FLUSH_MS).unref()
    return
  }
  socket.end(() => socket.destroy())
  setTimeout(() => socket.destroy(), FLUSH_MS).unref()
}

/**
 * Lets `app.close()` finish while clients hold connections open. Node's `server.close()`
 * waits for every connection, and closes by itself only those that served a request and are
 * idle — not one that a client opened and never used (browsers and HTTP clients pre-connect),
 * which would hold a stopping server until its grace period runs out. The returned function
 * closes each connection with no request under way at once, and the others as soon as their
 * answer is sent. Costs nothing per request: connections are tracked, not requests.
 */
export function closeConnectionsWhenIdle(server: Server): () => void {
  const open = new Set<ServerSocket>()
  let closing = false
  server.on('connection', (socket: ServerSocket) => {
    if (closing) {
      socket.destroy()
      return
    }
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  })
  return () => {
    closing = true
    for (const socket of open) closeWhenIdle(socket)
  }
}
