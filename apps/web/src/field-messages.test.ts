import { describe, expect, it } from 'vitest'
import { describeIssue, describeIssues, labelForPath } from './field-messages.ts'

describe('describeIssue', () => {
  // zod 4's own wording, as the server passes it on in VALIDATION_ERROR details.
  it.each([
    ['Too small: expected string to have >=1 characters', 'Name', 'Enter a name.'],
    ['Too small: expected string to have >=1 characters', 'Client ID', 'Enter a client ID.'],
    ['Invalid input: expected string, received undefined', 'Email', 'Enter an email.'],
    ['Invalid input: expected string, received undefined', 'API key', 'Enter an API key.'],
    ['Invalid input: expected string, received undefined', 'URL', 'Enter a URL.'],
    [
      'Too big: expected string to have <=200 characters',
      'Name',
      'Name can be at most 200 characters; shorten it.',
    ],
    [
      'Too small: expected string to have >=12 characters',
      'Password',
      'Password needs at least 12 characters.',
    ],
    ['Too small: expected array to have >=1 items', 'Redirect URIs', 'Redirect URIs: add at least one.'],
    [
      'Too big: expected array to have <=10 items',
      'Redirect URIs',
      'Redirect URIs: at most 10; remove some.',
    ],
    [
      'Invalid URL',
      'Logo URL',
      'Logo URL: enter a full address starting with https://, like https://example.com.',
    ],
    ['Invalid email address', 'Email', 'Email: enter an email address like name@example.com.'],
    ['Invalid UUID', 'Workspace', 'Workspace is not a valid id; pick it from the list again.'],
    [
      'Invalid option: expected one of "PER_USER"|"SHARED"',
      'Sharing',
      'Sharing: pick one of PER_USER, SHARED.',
    ],
    ['Invalid input: expected int, received number', 'Days', 'Days must be a whole number.'],
    [
      'Invalid string: must match pattern /^[a-z]+$/',
      'Key',
      'Key contains characters that are not allowed here.',
    ],
  ])('%s (%s) → %s', (message, label, expected) => {
    expect(describeIssue({ path: 'x', message }, label)).toBe(expected)
  })

  it('keeps the server’s own sentences, after the label when they start in lower case', () => {
    expect(
      describeIssue(
        {
          path: 'allowedRedirectOrigins.0',
          message: 'must be an origin like https://app.example.com (http only for localhost)',
        },
        'Origin 1',
      ),
    ).toBe('Origin 1 must be an origin like https://app.example.com (http only for localhost).')
    expect(describeIssue({ path: 'logoUrl', message: 'logoUrl must be an https URL' }, 'Logo URL')).toBe(
      'Logo URL must be an https URL.',
    )
    expect(describeIssue({ path: 'name', message: 'This name is taken.' }, 'Name')).toBe(
      'This name is taken.',
    )
  })

  it('never lets zod’s "Too small: expected" wording through for any label', () => {
    for (const label of ['Name', 'Client secret', 'Redirect URIs 1']) {
      const text = describeIssue(
        { path: 'p', message: 'Too small: expected string to have >=1 characters' },
        label,
      )
      expect(text).not.toMatch(/expected|Too small|>=/)
    }
  })
})

describe('labelForPath', () => {
  it.each([
    ['name', 'Name'],
    ['branding.logoUrl', 'Logo URL'],
    ['redirectUris.0', 'Redirect URIs 1'],
    ['clientId', 'Client ID'],
    ['', 'This field'],
  ])('%s → %s', (path, label) => {
    expect(labelForPath(path)).toBe(label)
  })
})

describe('describeIssues', () => {
  it('uses the form’s labels where it has them, and a label from the path elsewhere', () => {
    expect(
      describeIssues(
        [
          { path: 'clientId', message: 'Too small: expected string to have >=1 characters' },
          { path: 'scopes.2', message: 'Too big: expected string to have <=200 characters' },
        ],
        { clientId: 'Client ID' },
      ),
    ).toBe('Enter a client ID. Scopes 3 can be at most 200 characters; shorten it.')
  })
})
