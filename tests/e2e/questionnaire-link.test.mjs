// Journey: a clinician creates a one-time questionnaire link in the web app; the patient opens it in a
// browser with no session, answers the PHQ-9 with item 9 = 1 and sees the crisis message at once, sends
// the answers and is thanked. The link is refused the second time, its token never goes to the server in
// a URL, and the clinician's list then shows the self-harm alert.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerPhq9, cellUnder, checkAccessibility, screenshot, signIn, startHarness, users, waitForText,
} from './harness.mjs';
import { createPatient } from './fixtures.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

const crisisText = 'If you are thinking about ending your life or harming yourself';

test('a questionnaire link is used once, then refused; item 9 raises the alerts', async () => {
  const api = await harness.api(users.north);
  await createPatient(api, 'e2e-q-a-calm');
  const patient = await createPatient(api, 'e2e-q-patient');
  const clinician = await harness.newPage();
  await signIn(clinician, users.north);
  await clinician.goto(`/app/#/patients/${patient.patient_id}`);
  await clinician.getByRole('heading', { level: 1, name: 'e2e-q-patient', exact: true }).waitFor();
  await clinician.getByRole('button', { name: 'Create questionnaire link' }).click();
  await clinician.getByRole('checkbox', { name: 'PHQ-9' }).check();
  await clinician.getByRole('checkbox', { name: 'GAD-7' }).uncheck();
  await clinician.getByRole('button', { name: 'Create link' }).click();
  const linkBox = clinician.getByRole('textbox', { name: 'Questionnaire link' });
  await linkBox.waitFor();
  await clinician.waitForFunction(
    (box) => box.value.includes('/q/#t='), await linkBox.elementHandle());
  assert.ok(await linkBox.getAttribute('readonly') !== null, 'the link box is not readonly');
  const link = await linkBox.inputValue();
  const match = /^(http:\/\/[^/]+)\/q\/#t=(.+)$/.exec(link);
  assert.ok(match, `unexpected link ${link}`);
  assert.equal(match[1], harness.baseUrl);
  const token = decodeURIComponent(match[2]);

  // The patient: a fresh browser context without the clinician's cookies.
  const patientPage = await harness.newPage();
  const requested = [];
  patientPage.on('request', (request) => requested.push(request.url()));
  await patientPage.goto(link);
  await patientPage.getByRole('heading', { name: 'Your questionnaire' }).waitFor();
  await patientPage.getByRole('heading', { name: 'PHQ-9' }).waitFor();
  const crisis = patientPage.getByRole('alert').filter({ hasText: crisisText });
  assert.equal(await crisis.count(), 0);
  await answerPhq9(patientPage.locator('body'), [...Array(8).fill('Not at all'), 'Several days']);
  await crisis.waitFor();  // at once, before sending
  await checkAccessibility(patientPage, 'questionnaire');
  await screenshot(patientPage, 'questionnaire');
  await patientPage.getByRole('button', { name: 'Send answers' }).click();
  await patientPage.getByRole('heading', { name: 'Thank you' }).waitFor();
  for (const url of requested) {
    assert.ok(!url.includes(token) || new URL(url).hash.includes(token),
      `the token went to the server in a URL: ${url}`);
  }
  assert.deepEqual(patientPage.errors, []);
  await patientPage.context().close();

  // The second time, in another fresh context: refused.
  const again = await harness.newPage();
  await again.goto(link);
  await waitForText(again.locator('body'), 'This link has been used or has expired.');
  assert.equal(await again.getByRole('button', { name: 'Send answers' }).count(), 0);
  await again.context().close();

  // The answers are in the record, and the clinician's list shows the alert first.
  const stored = await api.expect(200, 'GET', `/api/v1/patients/${patient.patient_id}`);
  const phq9 = (stored.record.assessments || []).find((administration) => administration.instrument === 'phq9');
  assert.ok(phq9, 'the answers were not stored');
  assert.equal(phq9.items[8], 1);
  await clinician.goto('/app/#/patients');
  await clinician.reload();
  const table = clinician.getByRole('table', { name: 'Patients of your team' });
  const first = table.locator('tbody tr').first();
  await waitForText(first, 'e2e-q-patient');
  assert.match(await (await cellUnder(table, first, 'Safety')).innerText(), /Self-harm alert/);
  assert.deepEqual(clinician.errors, []);
  await clinician.context().close();
});
