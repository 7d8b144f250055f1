// The startup bench's baseline: a bare Fastify app that opens the same SQLite file (WAL, as
// Switchboard does) and answers GET /healthz from it. Plain JS, like the compiled server.
import Database from 'better-sqlite3'
import Fastify from 'fastify'

const db = new Database(process.env.BENCH_SQLITE_FILE)
db.pragma('journal_mode = WAL')
const select = db.prepare('select 1 as ok')
const app = Fastify()
app.get('/healthz', async () => ({ status: select.get().ok === 1 ? 'ok' : 'down' }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
const stop = () =>
  app.close().then(() => {
    db.close()
    process.exit(0)
  })
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
