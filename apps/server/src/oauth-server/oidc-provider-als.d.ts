// oidc-provider's request-context storage, which ships without types (see request-context.ts).
declare module 'oidc-provider/lib/helpers/als.js' {
  import type { AsyncLocalStorage } from 'node:async_hooks'

  const als: AsyncLocalStorage<unknown>
  export default als
}
