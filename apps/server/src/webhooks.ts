/**
 * For your webhook receivers: checks a Switchboard delivery's Standard Webhooks signature and
 * timestamp and returns its parsed body.
 *
 *   import { verifyWebhook } from '@switchboard/server/webhooks'
 *   const event = verifyWebhook(rawBody, req.headers, process.env.SWITCHBOARD_WEBHOOK_SECRET)
 *
 * Pass the raw body as received. See docs/webhooks.md. The implementation is core's, so the
 * SDK re-exports the very same function.
 */
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookVerificationError,
} from '@switchboard/core'
