// Journey: sign-in. A wrong password shows an alert; the right one opens the team's patient list;
// signing out returns to the sign-in form. Accessibility and screenshots of sign-in and the list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStrayValues, checkAccessibility, screenshot, signIn, startHarness, users, waitForText } from './harness.mjs';
import { createPatient } from './fixtures.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

test('sign-in: wrong password refused, right password opens the patient list', async () => {
  await createPatient(await harness.api(users.north), 'e2e-signin-one');
  const page = await harness.newPage();
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/app/');
  await page.getByRole('heading', { name: 'Sign in to Refract' }).waitFor();
  await waitForText(page.locator('body'), 'Decision support for a clinician');
  await checkAccessibility(page, 'sign-in');
  await screenshot(page, 'sign-in');

  await page.getByLabel('Username').fill(users.north.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForText(page.getByRole('alert').filter({ hasText: 'Sign-in failed' }), 'Sign-in failed');
  assert.equal(await page.getByRole('heading', { name: 'Patients', exact: true }).count(), 0);

  await signIn(page, users.north);
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Patients' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const table = page.getByRole('table', { name: 'Patients of your team' });
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((text) => text.trim());
  assert.deepEqual(headers, ['Patient', 'Stage', 'PHQ-9', 'Trend', 'Safety']);
  await table.getByRole('link', { name: 'e2e-signin-one' }).waitFor();
  await page.getByRole('link', { name: 'New patient' }).waitFor();
  await waitForText(page.locator('body'), 'Decision support for a clinician');
  await assertNoStrayValues(page);
  await checkAccessibility(page, 'patient-list');
  await screenshot(page, 'patient-list');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Refract' }).waitFor();
  await page.goto('/app/#/patients');
  await page.getByRole('heading', { name: 'Sign in to Refract' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
