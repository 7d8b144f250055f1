import { type FormEvent, type RefObject, useEffect, useMemo, useRef, useState } from 'react'
import type { AuthType, IntegrationInput } from '../../catalog-schema.ts'
import { appCodeOf, fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue, type FieldIssue, labelForPath } from '../../field-messages.ts'
import {
  type Draft,
  defaultInjection,
  draftToInput,
  type FieldDraft,
  issueAt,
  validateDraft,
} from './custom-integration-draft.ts'

export interface IntegrationFormOptions {
  mode: 'create' | 'edit'
  initial: Draft
  /** Names the new integration may not take (the catalog's and the organization's own). */
  takenNames: ReadonlySet<string>
  /** The last failed save, if any; cleared by the caller through `onEdit`. */
  saveError: unknown
  onEdit: () => void
  onSubmit: (input: IntegrationInput) => void
}

/** What the form's sections read and change: the draft, its problems, and the ways to edit it. */
export interface IntegrationForm {
  mode: 'create' | 'edit'
  draft: Draft
  formRef: RefObject<HTMLFormElement | null>
  /** The problem to show at a field (or inside it): the schema's once edited or submitted, else the server's. */
  problem: (path: string) => string | undefined
  /** A problem of a list itself (the credential fields), not of one of its items. */
  listProblem: (path: string) => string | undefined
  change: (path: string, changes: Partial<Draft>) => void
  changeDisplayName: (displayName: string) => void
  changeAuthType: (authType: AuthType) => void
  changeField: (id: number, path: string, changes: Partial<FieldDraft>) => void
  /** Typing a name of one's own stops it following the display name. */
  nameTyped: () => void
  submit: (event: FormEvent) => void
  /** How many fields the schema finds wrong, once a submit has shown them. */
  shownIssueCount: number
  /** The server refused some fields (marked at them). */
  serverRefusedFields: boolean
  /** A refusal that belongs to no field (a taken name, a conflicting auth type, anything else). */
  saveMessage: string | null
}

/** "Acme CRM" → "acme-crm": a suggestion for the name while nobody has typed one. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
}

/**
 * The server's word for a field, for people: zod's own wording described (field-messages.ts),
 * and the dotted path a server check names ("The api.baseUrl must use https") as plain words.
 */
function serverMessage(issue: FieldIssue): string {
  const described = describeIssue(issue, labelForPath(issue.path))
  return described.replace(`The ${issue.path} `, 'This URL ')
}

/**
 * The first marked control gets focus, so keyboard and screen-reader users land on it; when
 * the problem belongs to no single control (the field list, the auth type), the control its
 * message describes.
 */
function focusFirstProblem(form: HTMLFormElement | null) {
  requestAnimationFrame(() => {
    const marked = form?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (marked) return marked.focus()
    const described = form?.querySelector<HTMLElement>(
      'button[aria-describedby], fieldset[aria-describedby] input:checked',
    )
    described?.focus()
  })
}

/**
 * The state of the custom-integration form: the draft, checked on every change with the same
 * zod schema the server uses (validateDraft). A field shows its problem once it has been
 * edited, and every problem shows after a submit; the server's refusals show at their fields.
 */
export function useIntegrationForm({
  mode,
  initial,
  takenNames,
  saveError,
  onEdit,
  onSubmit,
}: IntegrationFormOptions): IntegrationForm {
  const [draft, setDraft] = useState(initial)
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [nameEdited, setNameEdited] = useState(mode === 'edit')
  const formRef = useRef<HTMLFormElement>(null)
  const issues = useMemo(() => validateDraft(draft, takenNames), [draft, takenNames])

  const serverIssues = fieldIssuesOf(saveError)
  const saveCode = appCodeOf(saveError)
  const serverIssueAt = (path: string) => {
    const found = serverIssues.find((i) => i.path === path || i.path.startsWith(`${path}.`))
    if (found) return serverMessage(found)
    if (path === 'name' && saveCode === 'ALREADY_EXISTS') return messageOf(saveError)
    if (path === 'authType' && saveCode === 'CONFLICT') return messageOf(saveError)
    return undefined
  }
  const problem = (path: string): string | undefined => {
    const shown = submitted || [...touched].some((t) => t === path || t.startsWith(`${path}.`))
    return (shown ? issueAt(issues, path) : undefined) ?? serverIssueAt(path)
  }
  const listProblem = (path: string): string | undefined => {
    if (submitted || touched.has(path)) {
      const own = issues.get(path)
      if (own) return own
    }
    const fromServer = serverIssues.find((i) => i.path === path)
    return fromServer ? serverMessage(fromServer) : undefined
  }

  function change(path: string, changes: Partial<Draft>) {
    onEdit()
    setTouched((current) => new Set(current).add(path))
    setDraft((current) => ({ ...current, ...changes }))
  }

  function changeDisplayName(displayName: string) {
    change('displayName', nameEdited ? { displayName } : { displayName, name: slugOf(displayName) })
  }

  function changeAuthType(authType: AuthType) {
    // Keep a customized injection; swap the previous type's default for the new type's.
    const before = defaultInjection(draft.authType)
    const untouched = (Object.keys(before) as Array<keyof typeof before>).every((k) => draft[k] === before[k])
    change('authType', { authType, ...(untouched ? defaultInjection(authType) : {}) })
  }

  function changeField(id: number, path: string, changes: Partial<FieldDraft>) {
    change(path, { fields: draft.fields.map((f) => (f.id === id ? { ...f, ...changes } : f)) })
  }

  // The same when the server refuses fields the schema alone could not judge (e.g. egress rules).
  useEffect(() => {
    if (fieldIssuesOf(saveError).length > 0) focusFirstProblem(formRef.current)
  }, [saveError])

  function submit(event: FormEvent) {
    event.preventDefault()
    setSubmitted(true)
    if (issues.size > 0) {
      focusFirstProblem(formRef.current)
      return
    }
    onSubmit(draftToInput(draft))
  }

  const fieldless = saveError && serverIssues.length === 0
  return {
    mode,
    draft,
    formRef,
    problem,
    listProblem,
    change,
    changeDisplayName,
    changeAuthType,
    changeField,
    nameTyped: () => setNameEdited(true),
    submit,
    shownIssueCount: submitted ? issues.size : 0,
    serverRefusedFields: serverIssues.length > 0,
    saveMessage: fieldless ? messageOf(saveError) : null,
  }
}
