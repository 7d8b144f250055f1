import { fieldPatternProblem } from '@switchboard/catalog/field-pattern'
import { type AuthType, IntegrationDefinition, type IntegrationInput } from '../../catalog-schema.ts'

/**
 * The custom-integration form as people fill it in (strings, checkboxes, text lists), and its
 * translation to the catalog's definition. Validation runs the catalog's own zod schema on the
 * translated definition, so the form and the server agree on every rule.
 */

export type InjectIn = 'header' | 'query' | 'basic'

export interface FieldDraft {
  /** A stable React key; not sent. */
  id: number
  key: string
  label: string
  secret: boolean
  optional: boolean
  pattern: string
  placeholder: string
  help: string
}

export interface Draft {
  name: string
  displayName: string
  description: string
  logoUrl: string
  docsUrl: string
  categories: string[]
  authType: AuthType
  authorizationUrl: string
  tokenUrl: string
  revocationUrl: string
  introspectionUrl: string
  /** Space- or comma-separated. */
  scopes: string
  scopeSeparator: string
  pkce: boolean
  clientAuth: 'basic' | 'body'
  grantType: 'authorization_code' | 'client_credentials'
  /** One `name=value` a line. */
  authorizationParams: string
  issuer: string
  baseUrl: string
  /** One origin a line. */
  allowedOrigins: string
  injectIn: InjectIn
  injectName: string
  injectValue: string
  injectUsername: string
  injectPassword: string
  fields: FieldDraft[]
  verify: boolean
  verifyMethod: 'GET' | 'POST' | 'HEAD'
  verifyPath: string
  verifyStatus: string
}

let nextFieldId = 1

export function newField(values: Partial<Omit<FieldDraft, 'id'>> = {}): FieldDraft {
  return {
    id: nextFieldId++,
    key: '',
    label: '',
    secret: false,
    optional: false,
    pattern: '',
    placeholder: '',
    help: '',
    ...values,
  }
}

/** How credentials usually reach an API, per auth type: what a new form starts with. */
export function defaultInjection(
  authType: AuthType,
): Pick<Draft, 'injectIn' | 'injectName' | 'injectValue' | 'injectUsername' | 'injectPassword'> {
  const blank = { injectUsername: '', injectPassword: '' }
  switch (authType) {
    case 'OAUTH2':
      return {
        injectIn: 'header',
        injectName: 'Authorization',
        injectValue: 'Bearer {accessToken}',
        ...blank,
      }
    case 'SECRET_TEXT':
      return { injectIn: 'header', injectName: 'Authorization', injectValue: 'Bearer {apiKey}', ...blank }
    case 'BASIC':
      return {
        injectIn: 'basic',
        injectName: '',
        injectValue: '',
        injectUsername: '{username}',
        injectPassword: '{password}',
      }
    case 'CUSTOM':
      return { injectIn: 'header', injectName: '', injectValue: '', ...blank }
  }
}

export function emptyDraft(): Draft {
  return {
    name: '',
    displayName: '',
    description: '',
    logoUrl: '',
    docsUrl: '',
    categories: [],
    authType: 'OAUTH2',
    authorizationUrl: '',
    tokenUrl: '',
    revocationUrl: '',
    introspectionUrl: '',
    scopes: '',
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    grantType: 'authorization_code',
    authorizationParams: '',
    issuer: '',
    baseUrl: '',
    allowedOrigins: '',
    ...defaultInjection('OAUTH2'),
    fields: [],
    verify: false,
    verifyMethod: 'GET',
    verifyPath: '',
    verifyStatus: '200',
  }
}

/** A stored definition (as the server returns it) back into the form; null if it does not parse. */
export function draftFromDefinition(raw: unknown): Draft | null {
  const parsed = IntegrationDefinition.safeParse(raw)
  if (!parsed.success) return null
  const def = parsed.data
  const auth = def.api.auth
  return {
    ...emptyDraft(),
    name: def.name,
    displayName: def.displayName,
    description: def.description ?? '',
    logoUrl: def.logoUrl ?? '',
    docsUrl: def.docsUrl ?? '',
    categories: [...def.categories],
    authType: def.authType,
    ...(def.oauth2 && {
      authorizationUrl: def.oauth2.authorizationUrl,
      tokenUrl: def.oauth2.tokenUrl,
      revocationUrl: def.oauth2.revocationUrl ?? '',
      introspectionUrl: def.oauth2.introspectionUrl ?? '',
      scopes: def.oauth2.scopes.join(' '),
      scopeSeparator: def.oauth2.scopeSeparator,
      pkce: def.oauth2.pkce,
      clientAuth: def.oauth2.clientAuth,
      grantType: def.oauth2.grantType,
      authorizationParams: Object.entries(def.oauth2.authorizationParams)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      issuer: def.oauth2.issuer ?? '',
    }),
    baseUrl: def.api.baseUrl,
    allowedOrigins: def.api.allowedOrigins.join('\n'),
    injectIn: auth.in,
    injectName: auth.in === 'basic' ? '' : auth.name,
    injectValue: auth.in === 'basic' ? '' : auth.value,
    injectUsername: auth.in === 'basic' ? auth.username : '',
    injectPassword: auth.in === 'basic' ? auth.password : '',
    fields: def.fields.map((f) =>
      newField({
        key: f.key,
        label: f.label,
        secret: f.secret,
        optional: f.optional,
        pattern: f.pattern ?? '',
        placeholder: f.placeholder ?? '',
        help: f.help ?? '',
      }),
    ),
    ...(def.verify && {
      verify: true,
      verifyMethod: def.verify.method,
      verifyPath: def.verify.path,
      verifyStatus: String(def.verify.expectStatus),
    }),
  }
}

const words = (text: string) => text.split(/[\s,]+/).filter((w) => w !== '')
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
/** Optional text: left out when empty, so the schema's defaults apply. */
const optional = <K extends string>(key: K, value: string) =>
  (value.trim() === '' ? {} : { [key]: value.trim() }) as Partial<Record<K, string>>

/** What the form sends: the definition in the catalog's shape. */
export function draftToInput(d: Draft): IntegrationInput {
  const oauth2 = d.authType === 'OAUTH2'
  return {
    name: d.name.trim(),
    displayName: d.displayName.trim(),
    ...optional('description', d.description),
    ...optional('logoUrl', d.logoUrl),
    ...optional('docsUrl', d.docsUrl),
    categories: d.categories as IntegrationInput['categories'],
    authType: d.authType,
    ...(oauth2 && {
      oauth2: {
        authorizationUrl: d.authorizationUrl.trim(),
        tokenUrl: d.tokenUrl.trim(),
        ...optional('revocationUrl', d.revocationUrl),
        ...optional('introspectionUrl', d.introspectionUrl),
        scopes: words(d.scopes),
        scopeSeparator: d.scopeSeparator,
        pkce: d.pkce,
        clientAuth: d.clientAuth,
        grantType: d.grantType,
        authorizationParams: Object.fromEntries(
          lines(d.authorizationParams).map((line) => {
            const at = line.indexOf('=')
            return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()]
          }),
        ),
        ...optional('issuer', d.issuer),
      },
    }),
    api: {
      baseUrl: d.baseUrl.trim(),
      allowedOrigins: lines(d.allowedOrigins),
      auth:
        d.injectIn === 'basic'
          ? { in: 'basic', username: d.injectUsername, password: d.injectPassword }
          : { in: d.injectIn, name: d.injectName.trim(), value: d.injectValue },
    },
    fields: oauth2
      ? []
      : d.fields.map((f) => ({
          key: f.key.trim(),
          label: f.label.trim(),
          secret: f.secret,
          optional: f.optional,
          ...optional('pattern', f.pattern),
          ...optional('placeholder', f.placeholder),
          ...optional('help', f.help),
        })),
    ...(!oauth2 &&
      d.verify && {
        verify: {
          method: d.verifyMethod,
          path: d.verifyPath.trim(),
          expectStatus: d.verifyStatus.trim() === '' ? Number.NaN : Number(d.verifyStatus),
        },
      }),
  }
}

type Issue = NonNullable<ReturnType<typeof IntegrationDefinition.safeParse>['error']>['issues'][number]

/** Zod's default messages are written for developers; these say what to type instead. */
function messageOf(issue: Issue): string {
  const path = issue.path.join('.')
  const { code } = issue
  if (path === 'fields' && code === 'custom') return 'Add at least one field people fill in.'
  if (code === 'invalid_format' && issue.format === 'url') {
    return 'Enter a full URL starting with https://, such as https://api.example.com.'
  }
  if (code === 'invalid_format' && issue.format === 'regex' && /^fields\.\d+\.key$/.test(path)) {
    return 'Start with a letter; then letters, digits or underscores only (e.g. apiKey).'
  }
  if (code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) return 'Required.'
  if (code === 'too_big' && issue.origin === 'string') return `At most ${issue.maximum} characters.`
  if ((code === 'too_small' || code === 'too_big') && issue.origin === 'number') {
    return 'Enter a status code between 100 and 599.'
  }
  if (code === 'invalid_type' && issue.expected === 'number') return 'Enter a number.'
  if (code === 'invalid_type' && issue.expected === 'int') return 'Enter a whole number.'
  if (code === 'invalid_type') return 'Required.'
  // Messages the schema writes itself (e.g. the name's) are already for people.
  const text = issue.message
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.)]$/.test(text) ? '' : '.'}`
}

/** Problems by dotted path ("api.baseUrl", "fields.0.key"); empty when the definition is valid. */
export type DraftIssues = Map<string, string>

export function validateDraft(d: Draft, takenNames: ReadonlySet<string>): DraftIssues {
  const issues: DraftIssues = new Map()
  const add = (path: string, message: string) => {
    if (!issues.has(path)) issues.set(path, message)
  }
  const result = IntegrationDefinition.safeParse(draftToInput(d))
  if (!result.success) for (const issue of result.error.issues) add(issue.path.join('.'), messageOf(issue))
  // What the schema cannot know: names in use, and lines of the text lists that do not parse.
  if (takenNames.has(d.name.trim())) add('name', 'This name is taken; pick another one.')
  if (d.authType === 'OAUTH2') {
    const bad = lines(d.authorizationParams).find((l) => !/^[^=\s]+\s*=/.test(l))
    if (bad) add('oauth2.authorizationParams', `Write each parameter as name=value (“${bad}” is not).`)
  }
  if (d.authType === 'CUSTOM' && d.fields.length === 0)
    add('fields', 'Add at least one field people fill in.')
  // OAuth 2.0 integrations send no fields (the form hides them), so they cannot hold it up.
  if (d.authType !== 'OAUTH2') {
    // The server's own check (linear-time engine, its limits): the pattern is never a RegExp.
    d.fields.forEach((f, i) => {
      const problem = f.pattern.trim() === '' ? undefined : fieldPatternProblem(f.pattern.trim())
      if (problem) add(`fields.${i}.pattern`, `This pattern ${problem}.`)
    })
    const keys = d.fields.map((f) => f.key.trim())
    keys.forEach((key, i) => {
      if (key !== '' && keys.indexOf(key) !== i)
        add(`fields.${i}.key`, 'Another field already uses this key.')
    })
  }
  // The server wants bare origins here, as the proxy compares origins.
  lines(d.allowedOrigins).forEach((line, i) => {
    try {
      if (new URL(line).origin === line) return
    } catch {
      // not a URL at all: the schema's own message covers it
      return
    }
    add(
      `api.allowedOrigins.${i}`,
      'Enter an origin only: scheme://host[:port], with no path or trailing slash (e.g. https://uploads.acme.example).',
    )
  })
  return issues
}

/** The first problem at a path or below it (a text list's lines are `path.0`, `path.1`, …). */
export function issueAt(issues: DraftIssues, path: string): string | undefined {
  const exact = issues.get(path)
  if (exact) return exact
  for (const [key, message] of issues) if (key.startsWith(`${path}.`)) return message
  return undefined
}

/** The placeholders a credential template may use, for the auth type and fields chosen. */
export function placeholdersFor(d: Draft): string[] {
  const fieldKeys = d.fields.map((f) => f.key.trim()).filter((k) => k !== '')
  switch (d.authType) {
    case 'OAUTH2':
      return ['{accessToken}']
    case 'SECRET_TEXT':
      return fieldKeys.length > 0 ? fieldKeys.map((k) => `{${k}}`) : ['{apiKey}']
    case 'BASIC':
      return fieldKeys.length > 0 ? fieldKeys.map((k) => `{${k}}`) : ['{username}', '{password}']
    case 'CUSTOM':
      return fieldKeys.map((k) => `{${k}}`)
  }
}
