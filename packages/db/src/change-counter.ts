import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

/**
 * Tables whose rows no in-process read cache holds: writing them never makes a cached read
 * stale, so they do not count as changes (sessions, events, the authorization server's state).
 */
const UNCACHED_TABLES = new Set([
  'dashboardsessions',
  'connectsessions',
  'events',
  'oauthclients',
  'oauthservermodels',
  'oauthserversecrets',
])

/** Bookkeeping columns an update may touch without changing what a cached read returns. */
const BOOKKEEPING_COLUMNS = new Set(['lastusedat', 'refreshleaseowner', 'refreshleaseuntil'])

const norm = (name: string) => name.replaceAll('_', '').toLowerCase()

function identifierOf(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined
  const n = node as {
    kind: string
    table?: OperationNode
    identifier?: { name: string }
    node?: OperationNode
  }
  if (n.kind === 'TableNode') return identifierOf(n.table)
  if (n.kind === 'SchemableIdentifierNode') return n.identifier?.name
  if (n.kind === 'AliasNode') return identifierOf(n.node)
  return undefined
}

/** Whether a query can change what a cached read of another table would return. */
function isRelevantWrite(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'SelectQueryNode':
      return false
    case 'InsertQueryNode': {
      const table = identifierOf(node.into)
      return table === undefined || !UNCACHED_TABLES.has(norm(table))
    }
    case 'UpdateQueryNode': {
      const table = identifierOf(node.table)
      if (table !== undefined && UNCACHED_TABLES.has(norm(table))) return false
      const columns = (node.updates ?? []).map((u) => {
        const column = u.column as { column?: { name?: string } }
        return norm(column.column?.name ?? '')
      })
      return columns.length === 0 || columns.some((c) => !BOOKKEEPING_COLUMNS.has(c))
    }
    case 'DeleteQueryNode': {
      const tables = node.from.froms.map(identifierOf)
      return tables.some((t) => t === undefined || !UNCACHED_TABLES.has(norm(t)))
    }
    default:
      // Raw SQL, merges, schema changes: assume they changed something.
      return true
  }
}

/**
 * Counts this process's writes (a plain Kysely plugin), so a read cache can tell that what it
 * holds may be stale. It counts when a write is sent and again when it returns: after an
 * autocommit the new state is visible to every later read. Inside a transaction the commit
 * comes later: on SQLite every query of the process waits for the one connection, so a read
 * that starts after the write's count is served after the commit; on PostgreSQL a read on
 * another pooled connection in that window can see the old row, which a cache then holds no
 * longer than it holds another instance's change (SWITCHBOARD_READ_CACHE_MS). Other
 * processes' writes are not seen: caches bound those by time.
 */
export class ChangeCounterPlugin implements KyselyPlugin {
  count = 0
  readonly #writes = new WeakSet<object>()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (isRelevantWrite(args.node)) {
      this.count++
      this.#writes.add(args.queryId)
    }
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#writes.has(args.queryId)) this.count++
    return args.result
  }
}

const counters = new WeakMap<object, ChangeCounterPlugin>()

export function registerChangeCounter(db: object, plugin: ChangeCounterPlugin): void {
  counters.set(db, plugin)
}

/**
 * How many relevant writes this process has made through `db` (and its transactions), or
 * undefined when `db` was not opened by `openDatabase` (callers should then not cache).
 */
export function changeCount(db: object): number | undefined {
  return counters.get(db)?.count
}
