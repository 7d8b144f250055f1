import { connectRoutes } from './connect-routes.ts'
import { eventRoutes } from './event-routes.ts'
import { memberRoutes } from './member-routes.ts'
import { oauthServerRoutes } from './oauth-server-routes.ts'
import type { RestRoute } from './route.ts'
import { ssoRoutes } from './sso-routes.ts'
import { tenancyRoutes } from './tenancy-routes.ts'
import { usageRoutes } from './usage-routes.ts'
import { webhookRoutes } from './webhook-routes.ts'

/** Every REST route of Switchboard; the host mounts each with the one generic handler. */
export const restRoutes: RestRoute[] = [
  ...tenancyRoutes,
  ...memberRoutes,
  ...connectRoutes,
  ...usageRoutes,
  ...oauthServerRoutes,
  ...eventRoutes,
  ...webhookRoutes,
  ...ssoRoutes,
]
