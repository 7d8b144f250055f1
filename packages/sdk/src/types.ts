import type { paths } from './schema.d.ts'

/**
 * Request and answer types of each REST operation, read from the generated `paths` (the
 * OpenAPI document): a route whose output changes changes these types, so code written
 * against the old shape stops compiling until `src/schema.d.ts` is regenerated.
 */
export type Paths = paths
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

type Op<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never

/**
 * A route that does not declare its output yet is documented as an open object; its answer
 * is typed loosely (any field) instead of not at all, and becomes exact once the route
 * declares its output and the file is regenerated.
 */
// biome-ignore lint/suspicious/noExplicitAny: the answer of a route without a declared output
export type Untyped = { [key: string]: any }
type Loosen<T> = [T] extends [never]
  ? undefined
  : string extends keyof T
    ? unknown extends T[string & keyof T]
      ? Untyped
      : T
    : T

type Responses<P extends keyof paths, M extends HttpMethod> =
  Op<P, M> extends { responses: infer R } ? R : never

/** The JSON body of the operation's success answer (200, 201 or 202); `undefined` for a 204. */
export type Answer<P extends keyof paths, M extends HttpMethod> = Loosen<
  {
    [S in keyof Responses<P, M>]: S extends 200 | 201 | 202 ? JsonOf<Responses<P, M>[S]> : never
  }[keyof Responses<P, M>]
>

/** The operation's JSON request body. */
export type Body<P extends keyof paths, M extends HttpMethod> =
  Op<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } }
  }
    ? B
    : never

/** The operation's query parameters. */
export type Query<P extends keyof paths, M extends HttpMethod> =
  Op<P, M> extends {
    parameters: { query?: infer Q }
  }
    ? NonNullable<Q>
    : never
