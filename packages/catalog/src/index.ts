export { catalog, findCatalogIntegration } from './catalog.ts'
export * from './schema.ts'
