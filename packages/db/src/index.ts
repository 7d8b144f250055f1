export { changeCount } from './change-counter.ts'
export * from './database.ts'
export { ensurePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files.ts'
export type * from './schema.ts'
