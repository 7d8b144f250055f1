export * from './database.ts'
export type * from './schema.ts'
