/**
 * The catalog's zod schema, so the custom-integration form checks a definition with the very
 * rules the server applies. Only the schema is imported: the package's index also brings the
 * whole built-in catalog, which the SPA loads from the server instead.
 */
export { AuthType, Category, IntegrationDefinition, type IntegrationInput } from '@switchboard/catalog/schema'
