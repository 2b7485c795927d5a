// Journey: the shared-decision view of a patient after two failed antidepressant trials: its heading and
// one article per next-step option, each named by a heading. Accessibility and screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStrayValues, checkAccessibility, screenshot, signIn, startHarness, users } from './harness.mjs';
import { createTreatedPatient } from './fixtures.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

test('the shared-decision view lists the next-step options in plain language', async () => {
  const patient = await createTreatedPatient(await harness.api(users.north), 'e2e-decision-cem');
  const page = await harness.newPage();
  await signIn(page, users.north);
  await page.goto(`/app/#/patients/${patient.patient_id}`);
  await page.getByRole('link', { name: 'Shared-decision view' }).click();
  await page.getByRole('heading', { name: 'Talking about the next step' }).waitFor();
  assert.match(page.url(), new RegExp(`#/patients/${patient.patient_id}/decision$`));
  const articles = page.getByRole('article');
  await articles.first().waitFor();
  const count = await articles.count();
  assert.ok(count >= 1);
  for (let index = 0; index < count; index++) {
    const heading = articles.nth(index).locator('h2, h3').first();
    assert.notEqual((await heading.innerText()).trim(), '', `article ${index} has no named heading`);
  }
  await assertNoStrayValues(page);
  await checkAccessibility(page, 'shared-decision');
  await screenshot(page, 'shared-decision');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
