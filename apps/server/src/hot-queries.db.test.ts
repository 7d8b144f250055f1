import {
  authenticateApiKey,
  bootstrapOrganization,
  type CoreDeps,
  createConnection,
  createCustomIntegration,
  getConnection,
  listConnections,
  type Principal,
  pollConnectSession,
  refreshDueConnections,
  resolveConnectionRow,
} from '@switchboard/core'
import { createTestDeps, type TestDeps } from '@switchboard/testing'
import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type RootOperationNode,
  sql,
} from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The hot queries (issue #25's `resolve` bench: resolve, get-by-id, session poll, the list's
 * first page; the principal lookup by API key hash; the background refresher's claim of due
 * connections) never scan a table. The queries are the core functions' own, caught as they
 * run (a Kysely plugin), then EXPLAINed on the suite's dialect: SQLite's EXPLAIN QUERY PLAN
 * must show no `SCAN <table>` without an index (nor a temporary B-tree for the first page's
 * order); PostgreSQL's EXPLAIN, with sequential scans priced out (`enable_seqscan = off`, so
 * the tiny test tables do not make one cheapest), must show no `Seq Scan`.
 */
class Capture implements KyselyPlugin {
  nodes: RootOperationNode[] = []
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node)
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result
  }
}

describe('hot queries use an index', () => {
  let t: TestDeps
  let principal: Principal
  let apiKey: string
  let workspaceId: string
  let connectionId: string

  beforeAll(async () => {
    t = await createTestDeps({ egressAllow: ['127.0.0.1'] })
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Plans', plan: 'TEAM' })
    apiKey = org.apiKey
    workspaceId = org.workspaceId
    principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'plans' }
    await createCustomIntegration(t.deps, principal, {
      name: 'plans-api',
      displayName: 'Plans API',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: 'http://127.0.0.1:9',
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' },
      },
    })
    const { connection } = await createConnection(t.deps, principal, {
      type: 'SECRET_TEXT',
      integrationName: 'plans-api',
      workspaceId,
      externalId: 'plans',
      secretText: 'secret',
    })
    connectionId = connection.id
  })
  afterAll(async () => {
    await t.close()
  })

  /** The SQL `run` sends (no read cache: every read goes to the database). */
  async function queriesOf(run: (deps: CoreDeps) => Promise<unknown>): Promise<CompiledQuery[]> {
    const capture = new Capture()
    const deps: CoreDeps = { ...t.deps, db: t.deps.db.withPlugin(capture), readCache: undefined }
    await run(deps).catch(() => undefined)
    const executor = t.deps.db.getExecutor()
    return capture.nodes
      .filter((n) => n.kind === 'SelectQueryNode')
      .map((n) => executor.compileQuery(n, { queryId: 'explain' }))
  }

  /**
   * `ordered`: the query is read in its index's order. On PostgreSQL the tiny test tables make a
   * bitmap scan and a sort cheapest, so bitmap scans are priced out too: the plan left must then
   * read the index in order, or sort (and fail the check).
   */
  async function plan(query: CompiledQuery, ordered = false): Promise<string[]> {
    if (t.deps.dialect === 'sqlite') {
      const { rows } = await t.deps.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
      )
      return rows.map((r) => r.detail)
    }
    return t.deps.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      if (ordered) await sql`set local enable_bitmapscan = off`.execute(trx)
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
      )
      return rows.map((r) => r['QUERY PLAN'])
    })
  }

  /** The plan lines that read a whole table (or sort a first page in a temporary B-tree). */
  function scans(lines: string[], sorted = false): string[] {
    return lines.filter((l) =>
      t.deps.dialect === 'sqlite'
        ? (/^SCAN \w+$/.test(l.trim()) && !/USING (COVERING )?INDEX/.test(l)) ||
          (sorted && /TEMP B-TREE/.test(l))
        : /Seq Scan/.test(l) || (sorted && /^\s*(->\s*)?Sort\b/.test(l)),
    )
  }

  const hot: [string, (deps: CoreDeps) => Promise<unknown>][] = [
    [
      'connection resolve',
      (deps) =>
        resolveConnectionRow(deps, principal.organizationId, {
          integrationName: 'plans-api',
          workspaceId,
          externalId: 'plans',
        }),
    ],
    ['get by id', (deps) => getConnection(deps, principal, connectionId)],
    ['session poll', (deps) => pollConnectSession(deps, 'cst_no-such-session-token-0123456789')],
    ["the list's first page", (deps) => listConnections(deps, principal, {})],
    ['principal lookup by API key hash', (deps) => authenticateApiKey(deps, apiKey)],
    // One range of connections_refresh_due_at (refresh_due_at <= now, migration 0021), read in
    // its order: a pass reads the due connections' entries only, not every OAuth2 connection's.
    ['refresh-due claim', (deps) => refreshDueConnections(deps)],
  ]

  for (const [name, run] of hot) {
    it(`${name}: no full scan`, async () => {
      const queries = await queriesOf(run)
      expect(queries.length).toBeGreaterThan(0)
      // The first page and the refresh claim are read in index order, no sort.
      const sorted = name === "the list's first page" || name === 'refresh-due claim'
      for (const q of queries) {
        const lines = await plan(q, sorted)
        // SHOW_PLANS=1 prints each plan (docs/performance.md, "How to profile").
        if (process.env.SHOW_PLANS) console.log(`${name}\n  ${q.sql}\n  ${lines.join('\n  ')}`)
        expect(lines.length).toBeGreaterThan(0)
        expect({ sql: q.sql, scans: scans(lines, sorted) }).toEqual({ sql: q.sql, scans: [] })
        // An index on the organization alone is a scan of its rows: the resolve must seek by
        // externalId too (connections_org_integration_external, migration 0020).
        if (name === 'connection resolve' && /from "connections"/.test(q.sql)) {
          expect(lines.join('\n')).toMatch(/external_id/)
        }
        if (name === 'refresh-due claim') expect(lines.join('\n')).toMatch(/connections_refresh_due_at/)
      }
    })
  }

  it('the check sees a full scan when there is one', async () => {
    const [q] = await queriesOf((deps) =>
      deps.db.selectFrom('connections').selectAll().where('displayName', '=', 'x').execute(),
    )
    expect(scans(await plan(q as CompiledQuery)).length).toBeGreaterThan(0)
  })
})
