export { catalog, findCatalogIntegration } from './catalog.ts'
export * from './field-pattern.ts'
export { catalogLogoDir, catalogLogoPath, LOGO_PATH_PREFIX } from './logos.ts'
export * from './schema.ts'
