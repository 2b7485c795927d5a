// Journey: a clinician enters a PHQ-9 whose item 9 (thoughts of being better off dead or of self-harm)
// is above 0; the patient page shows the self-harm alert at once, and the patient list puts the patient
// first with "Self-harm alert" in the Safety column. Screenshot and accessibility of the add-assessment form.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerPhq9, cellUnder, checkAccessibility, eventually, formWithHeading, screenshot, signIn, startHarness, users,
  waitForText,
} from './harness.mjs';
import { createPatient } from './fixtures.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

test('a PHQ-9 with item 9 > 0 raises the self-harm alert on the patient page and the list', async () => {
  const api = await harness.api(users.north);
  await createPatient(api, 'e2e-alert-a-calm');  // sorts first by pseudonym: the alert must overtake it
  const patient = await createPatient(api, 'e2e-alert-z-risk');
  const page = await harness.newPage();
  await signIn(page, users.north);
  await page.getByRole('link', { name: 'e2e-alert-z-risk' }).click();
  await page.getByRole('heading', { level: 1, name: 'e2e-alert-z-risk', exact: true }).waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Self-harm alert' }).count(), 0);

  await page.getByRole('button', { name: 'Add assessment' }).click();
  const form = formWithHeading(page, 'Add assessment');
  await form.getByLabel('Instrument').selectOption({ label: 'PHQ-9' });
  await form.getByLabel('Date', { exact: true }).fill('2025-03-03');
  await answerPhq9(form, [...Array(8).fill('Several days'), 'More than half the days']);
  await checkAccessibility(page, 'add-assessment');
  await screenshot(page, 'add-assessment');
  await form.getByRole('button', { name: 'Save assessment' }).click();

  // Stored as entered; then the patient page (loaded afresh, so the form's own notice is gone) shows
  // the alert.
  const phq9 = await eventually(async () => {
    const stored = await api.expect(200, 'GET', `/api/v1/patients/${patient.patient_id}`);
    return (stored.record.assessments || []).find((administration) => administration.instrument === 'phq9');
  }, 'the PHQ-9 is stored');
  assert.deepEqual(phq9.items.slice(0, 9), [1, 1, 1, 1, 1, 1, 1, 1, 2]);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'e2e-alert-z-risk', exact: true }).waitFor();
  await waitForText(page.getByRole('alert').filter({ hasText: 'Self-harm alert' }), 'Self-harm alert');

  await page.getByRole('navigation').getByRole('link', { name: 'Patients' }).click();
  const table = page.getByRole('table', { name: 'Patients of your team' });
  const rows = table.locator('tbody tr');
  await waitForText(rows.first(), 'e2e-alert-z-risk');
  assert.equal((await rows.first().getByRole('link').first().innerText()).trim(), 'e2e-alert-z-risk');
  assert.match(await (await cellUnder(table, rows.first(), 'Safety')).innerText(), /Self-harm alert/);
  const calm = rows.filter({ hasText: 'e2e-alert-a-calm' });
  assert.doesNotMatch(await (await cellUnder(table, calm, 'Safety')).innerText(), /Self-harm alert/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
