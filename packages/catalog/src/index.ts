export { catalog, findCatalogIntegration } from './catalog.ts'
export * from './field-pattern.ts'
export * from './schema.ts'
