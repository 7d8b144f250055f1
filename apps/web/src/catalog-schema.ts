/**
 * The catalog's zod schema, so the custom-integration form checks a definition with the very
 * rules the server applies. Only schema.ts is imported: the package's index also brings the
 * whole built-in catalog, which the SPA loads from the server instead.
 *
 * A relative path rather than `@switchboard/catalog` because the web app does not list that
 * package yet (adding it means a lockfile change); when it does, this becomes an import of a
 * `@switchboard/catalog/schema` export.
 */
export {
  AuthType,
  Category,
  IntegrationDefinition,
  type IntegrationInput,
} from '../../../packages/catalog/src/schema.ts'
