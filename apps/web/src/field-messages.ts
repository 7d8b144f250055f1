/**
 * Sentences for people from the server's VALIDATION_ERROR details (`{path, message}` per field).
 * The server's own checks are written for people ("must be an origin like https://…"); zod's
 * built-in messages are not ("Too small: expected string to have >=1 characters"), so those
 * are recognised here and said again as what to do, naming the field.
 */

export interface FieldIssue {
  path: string
  message: string
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** zod 4's built-in messages → what to do, for a field called `label`. */
const ZOD_MESSAGES: Array<[RegExp, (label: string, m: RegExpExecArray) => string]> = [
  [/^Too small: expected string to have >=1 characters?$/, (l) => `Enter ${article(l)}.`],
  [
    /^Too small: expected string to have >=(\d+) characters$/,
    (l, m) => `${l} needs at least ${plural(Number(m[1]), 'character', 'characters')}.`,
  ],
  [
    /^Too big: expected string to have <=(\d+) characters$/,
    (l, m) => `${l} can be at most ${plural(Number(m[1]), 'character', 'characters')}; shorten it.`,
  ],
  [
    /^Too small: expected string to have exactly (\d+) characters$/,
    (l, m) => `${l} must be exactly ${plural(Number(m[1]), 'character', 'characters')}.`,
  ],
  [/^Too small: expected array to have >=1 items?$/, (l) => `${l}: add at least one.`],
  [/^Too small: expected array to have >=(\d+) items$/, (l, m) => `${l}: add at least ${m[1]}.`],
  [/^Too big: expected array to have <=(\d+) items$/, (l, m) => `${l}: at most ${m[1]}; remove some.`],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/, (l, m) => `${l} must be at least ${m[1]}.`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/, (l, m) => `${l} must be at most ${m[1]}.`],
  [/^Invalid input: expected \w+, received (undefined|null)$/, (l) => `Enter ${article(l)}.`],
  [/^Invalid input: expected int, received number$/, (l) => `${l} must be a whole number.`],
  [/^Invalid input: expected (\w+), received \w+$/, (l, m) => `${l} must be ${describeType(m[1] ?? '')}.`],
  [/^Invalid URL$/, (l) => `${l}: enter a full address starting with https://, like https://example.com.`],
  [/^Invalid UUID$/, (l) => `${l} is not a valid id; pick it from the list again.`],
  [/^Invalid email address$/, (l) => `${l}: enter an email address like name@example.com.`],
  [/^Invalid string: must match pattern /, (l) => `${l} contains characters that are not allowed here.`],
  [
    /^Invalid option: expected one of (.+)$/,
    (l, m) => `${l}: pick one of ${(m[1] ?? '').split('|').join(', ').replaceAll('"', '')}.`,
  ],
]

function describeType(type: string): string {
  if (type === 'number') return 'a number'
  if (type === 'boolean') return 'yes or no'
  if (type === 'array') return 'a list'
  if (type === 'object') return 'a group of fields'
  return 'text'
}

const lower = (label: string) =>
  /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
/** "a name", "an origin", "an API key", "a URL": abbreviations keep their case and their sound. */
function article(label: string): string {
  const l = lower(label)
  const first = l.split(' ')[0] ?? ''
  const vowelSound = /^[A-Z0-9]{2,}$/.test(first)
    ? 'AEFHILMNORSX'.includes(first.charAt(0))
    : /^[aeiou]/.test(l)
  return `${vowelSound ? 'an' : 'a'} ${l}`
}

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`)

/**
 * One issue as a sentence naming the field: zod's wording is replaced; the server's own
 * messages ("must be an origin like …") are kept, after the label when they start in lower case.
 */
export function describeIssue(issue: FieldIssue, label: string): string {
  for (const [pattern, say] of ZOD_MESSAGES) {
    const m = pattern.exec(issue.message)
    if (m) return say(label, m)
  }
  let message = issue.message.trim()
  if (message === '') return `Check ${lower(label)}.`
  // "logoUrl must be an https URL": the field's name in the API gives way to its label.
  const name = issue.path
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .pop()
  if (name && message.startsWith(`${name} `)) message = message.slice(name.length + 1)
  if (/^[a-z]/.test(message)) return sentence(`${label} ${message}`)
  return sentence(message)
}

/** A label for a path no form names: "branding.logoUrl" → "Logo URL", "redirectUris.0" → "Redirect URIs 1". */
export function labelForPath(path: string): string {
  const parts = path.split('.').filter((p) => p !== '')
  const last = parts[parts.length - 1]
  const index = last !== undefined && /^\d+$/.test(last) ? Number(last) + 1 : undefined
  const name = [...parts].reverse().find((p) => !/^\d+$/.test(p))
  if (name === undefined) return 'This field'
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\b(url|uri|id)(s?)\b/g, (_, w: string, s: string) => `${w.toUpperCase()}${s}`)
  const label = words.charAt(0).toUpperCase() + words.slice(1)
  return index === undefined ? label : `${label} ${index}`
}

/**
 * The form-level line for a refused save: each issue as a sentence, with the form's own labels
 * where it has them. Never the server's summary, which quotes zod.
 */
export function describeIssues(issues: readonly FieldIssue[], labels: Record<string, string> = {}): string {
  return issues.map((i) => describeIssue(i, labels[i.path] ?? labelForPath(i.path))).join(' ')
}
