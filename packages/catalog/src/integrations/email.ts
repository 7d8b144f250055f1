import type { IntegrationInput } from '../schema.ts'
import { apiKeyHeader, bearerApiKey } from './helpers.ts'

/**
 * Mailchimp data centres. An API key ends in its account's data centre (`…-us21`) and the Marketing
 * API is only served from that data centre's host, https://<dc>.api.mailchimp.com.
 */
const mailchimpOrigins = Array.from({ length: 21 }, (_, i) => `https://us${i + 1}.api.mailchimp.com`)

/** Email delivery, email marketing and SMS APIs (all typed-in credentials). */
export const emailIntegrations: IntegrationInput[] = [
  {
    name: 'sendgrid',
    displayName: 'SendGrid',
    description: 'Twilio SendGrid Web API v3 with an API key.',
    categories: ['email', 'marketing'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.sendgrid.com', auth: bearerApiKey },
    fields: [{ key: 'apiKey', label: 'API key', secret: true, pattern: '^SG\\.', placeholder: 'SG.…' }],
    verify: { method: 'GET', path: '/v3/scopes', expectStatus: 200 },
    docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
  },
  {
    name: 'twilio',
    displayName: 'Twilio',
    description: 'Twilio REST APIs with the account SID and auth token (HTTP Basic).',
    categories: ['communication'],
    authType: 'BASIC',
    api: {
      baseUrl: 'https://api.twilio.com',
      allowedOrigins: [
        'https://api.twilio.com',
        'https://messaging.twilio.com',
        'https://verify.twilio.com',
        'https://conversations.twilio.com',
        'https://lookups.twilio.com',
      ],
      auth: { in: 'basic', username: '{accountSid}', password: '{authToken}' },
    },
    fields: [
      {
        key: 'accountSid',
        label: 'Account SID',
        secret: false,
        pattern: '^AC[0-9a-fA-F]{32}$',
        placeholder: 'AC…',
      },
      { key: 'authToken', label: 'Auth token', secret: true },
    ],
    verify: { method: 'GET', path: '/2010-04-01/Accounts.json', expectStatus: 200 },
    docsUrl: 'https://www.twilio.com/docs/usage/api#authenticate-with-http',
  },
  {
    name: 'mailchimp',
    displayName: 'Mailchimp',
    description:
      'Mailchimp Marketing API 3.0 with an API key. The key\'s suffix (e.g. "-us21") names its data centre: ' +
      'accounts outside us1 must call https://<dc>.api.mailchimp.com/3.0/… by absolute URL.',
    categories: ['marketing', 'email'],
    authType: 'SECRET_TEXT',
    api: {
      baseUrl: 'https://us1.api.mailchimp.com/3.0',
      allowedOrigins: mailchimpOrigins,
      auth: { in: 'basic', username: 'anystring', password: '{apiKey}' },
    },
    fields: [
      {
        key: 'apiKey',
        label: 'API key',
        secret: true,
        pattern: '^[0-9a-f]{32}-[a-z]+[0-9]+$',
        placeholder: '0123456789abcdef0123456789abcdef-us21',
      },
    ],
    // No verify request: it would have to go to the key's own data centre, which a fixed path can't express.
    docsUrl: 'https://mailchimp.com/developer/marketing/docs/fundamentals/#api-structure',
  },
  {
    name: 'resend',
    displayName: 'Resend',
    description: 'Resend email API with an API key.',
    categories: ['email'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.resend.com', auth: bearerApiKey },
    fields: [{ key: 'apiKey', label: 'API key', secret: true, pattern: '^re_', placeholder: 're_…' }],
    // No verify request: "sending access" keys are valid but may read nothing.
    docsUrl: 'https://resend.com/docs/api-reference/introduction',
  },
  {
    name: 'postmark',
    displayName: 'Postmark',
    description: 'Postmark email API with a server API token.',
    categories: ['email'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.postmarkapp.com', auth: apiKeyHeader('X-Postmark-Server-Token') },
    fields: [{ key: 'apiKey', label: 'Server API token', secret: true }],
    verify: { method: 'GET', path: '/server', expectStatus: 200 },
    docsUrl: 'https://postmarkapp.com/developer/api/overview',
  },
  {
    name: 'mailgun',
    displayName: 'Mailgun',
    description:
      'Mailgun API with a private API key (HTTP Basic as "api"); EU domains use api.eu.mailgun.net.',
    categories: ['email'],
    authType: 'SECRET_TEXT',
    api: {
      baseUrl: 'https://api.mailgun.net',
      allowedOrigins: ['https://api.mailgun.net', 'https://api.eu.mailgun.net'],
      auth: { in: 'basic', username: 'api', password: '{apiKey}' },
    },
    fields: [{ key: 'apiKey', label: 'Private API key', secret: true }],
    // No verify request: a key of an EU account is rejected by the US host and vice versa.
    docsUrl: 'https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/',
  },
  {
    name: 'brevo',
    displayName: 'Brevo',
    description: 'Brevo (formerly Sendinblue) API v3 with an API key.',
    categories: ['email', 'marketing'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.brevo.com/v3', auth: apiKeyHeader('api-key') },
    fields: [
      { key: 'apiKey', label: 'API key', secret: true, pattern: '^xkeysib-', placeholder: 'xkeysib-…' },
    ],
    verify: { method: 'GET', path: '/account', expectStatus: 200 },
    docsUrl: 'https://developers.brevo.com/docs/getting-started',
  },
]
