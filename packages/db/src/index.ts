export { changeCount } from './change-counter.ts'
export * from './database.ts'
export type * from './schema.ts'
