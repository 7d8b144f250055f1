import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyWebhook } from '../../../packages/core/src/index.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../../../packages/testing/src/webhook-receiver.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite, OWNER } from './suite.ts'

// The Webhooks page (issue 22) in Chromium against the real server and a loopback receiver:
// add an endpoint (secret shown once), send a test, see the delivery arrive and turn Delivered
// with its attempt, then retry it, rotate the secret, disable and delete the endpoint.

describe('webhooks page', () => {
  let receiver: WebhookReceiver
  beforeAll(async () => {
    receiver = await startWebhookReceiver()
  })
  afterAll(async () => {
    await receiver?.close()
  })
  const t = browserSuite({ clipboard: true, server: { egressAllow: '127.0.0.1' } })

  it('adds an endpoint, shows the secret once, sends a test and shows its delivery', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.getByRole('link', { name: 'Webhooks' }).click()
    await t.page.getByText('No webhook endpoints yet').waitFor()
    await screenshot(t.page, 'webhooks-empty')

    await t.page.getByRole('button', { name: 'Add endpoint' }).first().click()
    const dialog = t.page.getByRole('dialog')
    // A URL the egress rules refuse is explained in the dialog.
    await dialog.getByLabel('URL').fill('http://10.0.0.1/hooks')
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    await dialog.getByRole('alert').waitFor()
    expect(await dialog.getByRole('alert').textContent()).toMatch(/internal|https/)

    // zod's own wording never reaches the field: it names the field and says what to enter.
    await dialog.getByLabel('URL').fill('example')
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    const refusal = dialog.locator('.field-error, [role=alert]').first()
    await refusal.waitFor()
    expect(await refusal.textContent()).not.toMatch(/Invalid (input|URL)|expected/)

    await dialog.getByLabel('URL').fill(receiver.url)
    await dialog.getByLabel('Event types (optional)').fill('connection.created, connection.unhealthy')
    await dialog.getByLabel('Description (optional)').fill('CRM sync')
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    const secretText = dialog.getByTestId('new-webhook-secret')
    await secretText.waitFor()
    const secret = (await secretText.textContent()) ?? ''
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(await dialog.textContent()).toContain('only time the signing secret is shown')
    await screenshot(t.page, 'webhook-created')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const row = t.page.getByRole('row', { name: /CRM sync/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('connection.created, connection.unhealthy')
    expect(await t.page.content()).not.toContain(secret)

    await row.getByRole('button', { name: `Send a test event to ${receiver.url}` }).click()
    const [got] = await receiver.waitFor(1, 10_000)
    const body = verifyWebhook(got?.body ?? '', got?.headers as Record<string, string>, secret)
    expect(body.type).toBe('webhook.test')
    const panel = t.page.getByRole('region', { name: `Deliveries to ${receiver.url}` })
    const delivery = panel.getByTestId('webhook-delivery').first()
    await delivery.getByText('Delivered').waitFor({ timeout: 10_000 })
    expect(await delivery.textContent()).toContain('webhook.test')
    expect(await delivery.textContent()).toContain('204')
    await delivery.locator('summary').click()
    await delivery.locator('.attempt-list li').first().waitFor()
    await screenshot(t.page, 'webhooks')

    // Retry sends it again, with the same webhook-id.
    await delivery.getByRole('button', { name: 'Retry' }).click()
    const again = await receiver.waitFor(2, 10_000)
    expect(again[1]?.headers['webhook-id']).toBe(got?.headers['webhook-id'])

    // Replay: the form answers how many were queued.
    await panel.getByRole('button', { name: 'Replay' }).click()
    await panel.getByRole('status').waitFor()
    expect(await panel.getByRole('status').textContent()).toMatch(/queued again/)
    // The browser logs the 400 of the refused URL itself; nothing else may be logged.
    expect(withoutExpectedStatus(t.errors.take(), [400])).toEqual([])
  })

  it('rotates the secret (shown once, both signing for 24 h), disables and deletes the endpoint', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/webhooks')
    const row = t.page.getByRole('row', { name: /CRM sync/ })
    await row.waitFor()
    await row.getByRole('button', { name: /Rotate the secret/ }).click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Rotate secret' }).click()
    const secret = (await dialog.getByTestId('rotated-webhook-secret').textContent()) ?? ''
    expect(secret).toMatch(/^whsec_/)
    await dialog.getByRole('button', { name: 'Done' }).click()
    await row.getByText('Former secret signs until').waitFor()

    const before = receiver.received.length
    await row.getByRole('button', { name: /Send a test event/ }).click()
    const [got] = (await receiver.waitFor(before + 1, 10_000)).slice(before)
    expect(String(got?.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verifyWebhook(got?.body ?? '', got?.headers as Record<string, string>, secret).type).toBe(
      'webhook.test',
    )

    await row.getByRole('button', { name: /^Disable / }).click()
    await row.getByText('Disabled').waitFor()
    await row.getByRole('button', { name: /^Delete / }).click()
    const confirm = t.page.getByRole('dialog')
    expect(await confirm.textContent()).toContain('cannot be undone')
    await confirm.getByRole('button', { name: 'Delete endpoint' }).click()
    await t.page.getByText('No webhook endpoints yet').waitFor()
    expect(t.errors.take()).toEqual([])
  })

  it('keeps a new endpoint to the workspaces chosen, and shows them in the table (issue 22)', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/webhooks')
    await t.page.getByRole('button', { name: 'Add endpoint' }).first().click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('URL').fill(`${receiver.url}/only`)
    await dialog.getByLabel('Description (optional)').fill('One workspace')
    const picker = dialog.getByRole('group', { name: 'Workspaces' })
    await picker.getByLabel('Only these').check()
    const first = picker.getByRole('checkbox').first()
    const name = ((await first.locator('xpath=..').textContent()) ?? '').trim()
    expect(name).not.toBe('')
    await first.check()
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    await dialog.getByTestId('new-webhook-secret').waitFor()
    await dialog.getByRole('button', { name: 'Done' }).click()
    const row = t.page.getByRole('row', { name: /One workspace/ })
    await row.waitFor()
    expect(await row.textContent()).toContain(name)
    await row.getByRole('button', { name: /^Delete / }).click()
    await t.page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
    await row.waitFor({ state: 'detached' })
    expect(t.errors.take()).toEqual([])
  })
})
