// Journey: a clinician of team south opens the address of a team north patient and is refused
// ("not permitted"; the API answers 403); the patient's pseudonym appears nowhere, nor in south's list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startHarness, users, waitForText } from './harness.mjs';
import { createPatient } from './fixtures.mjs';

let harness;
let north;
before(async () => {
  harness = await startHarness();
  north = await createPatient(await harness.api(users.north), 'e2e-north-only');
});
after(async () => { await harness?.stop(); });

test("another team's patient is refused", async () => {
  await createPatient(await harness.api(users.south), 'e2e-south-own');
  await (await harness.api(users.south)).expect(403, 'GET', `/api/v1/patients/${north.patient_id}`);

  const page = await harness.newPage();
  await signIn(page, users.south);
  await page.getByRole('link', { name: 'e2e-south-own' }).waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /e2e-north-only/);

  await page.goto(`/app/#/patients/${north.patient_id}`);
  await waitForText(page.getByRole('alert').filter({ hasText: 'not permitted' }), 'not permitted');
  assert.doesNotMatch(await page.locator('body').innerText(), /e2e-north-only/);
  assert.equal(await page.getByRole('button', { name: 'Add trial' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// The contract words only the patient page; these views say so in an alert in their own words.
test("another team's shared-decision view and report are refused too", async () => {
  const page = await harness.newPage();
  await signIn(page, users.south);
  const refused = /not permitted|another care team/;
  for (const view of ['decision', 'report']) {
    await page.goto(`/app/#/patients/${north.patient_id}/${view}`);
    await waitForText(page.getByRole('alert').filter({ hasText: refused }), refused);
    assert.doesNotMatch(await page.locator('body').innerText(), /e2e-north-only/, view);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
