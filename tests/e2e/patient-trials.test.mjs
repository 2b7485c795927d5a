// Journey: a clinician creates a patient in the web app, then adds three trials; the staging table
// follows at once. After the second adequate antidepressant failure the two-failure model changes
// from not TRD to TRD; after an adequate psychotherapy (16 sessions, experienced therapist) the
// Markowitz 2022 model's result changes. Texts are compared with the API's own assessment
// (GET /api/v1/patients/{id}/assessment, staging.<model>.summary).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoStrayValues, checkAccessibility, eventually, formWithHeading, screenshot, signIn, startHarness, users, waitForText,
} from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

const pseudonym = 'e2e-trials-ana';

// Selects in a <select> the option whose text matches `pattern`, or fills a text field with `text`.
async function chooseOrFill(field, pattern, text) {
  if (await field.evaluate((element) => element.tagName) !== 'SELECT') return field.fill(text);
  const options = await field.locator('option').evaluateAll(
    (all) => all.map((option) => ({ value: option.value, label: option.textContent.trim() })));
  const option = options.find(({ label, value }) => pattern.test(label) || pattern.test(value));
  assert.ok(option, `no option matching ${pattern} in ${JSON.stringify(options)}`);
  return field.selectOption(option.value);
}

async function fillTrial(form, trial) {
  await form.getByLabel('Kind', { exact: true }).selectOption({ label: trial.kind });
  if (trial.drug) await form.getByLabel('Drug', { exact: true }).fill(trial.drug);
  await form.getByLabel('Start date', { exact: true }).fill(trial.start);
  await form.getByLabel('End date', { exact: true }).fill(trial.end);
  if (trial.dose) {
    // A dose step's own start date, where the form has one (it defaults to today).
    const doseFrom = form.getByLabel('Dose from', { exact: true });
    if (await doseFrom.count()) await doseFrom.first().fill(trial.start);
    await form.getByLabel('Dose (mg/day)', { exact: true }).first().fill(String(trial.dose));
  }
  if (trial.adherence) await form.getByLabel('Adherence (%)', { exact: true }).fill(String(trial.adherence));
  if (trial.modality) {
    await chooseOrFill(form.getByLabel('Modality', { exact: true }), /^(cbt|cognitive)/i, trial.modality);
  }
  if (trial.sessions) await form.getByLabel('Sessions', { exact: true }).fill(String(trial.sessions));
  if (trial.experienced) await form.getByLabel('Therapist experienced', { exact: true }).check();
  await form.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Non-response' });
}

// The text of a staging row's "Why" details, opened.
async function whyText(row) {
  return row.locator('details').first().evaluate((element) => {
    element.open = true;
    return element.innerText;
  });
}

async function addTrial(page, trial) {
  await page.getByRole('button', { name: 'Add trial' }).click();
  const form = formWithHeading(page, 'Add trial');
  await fillTrial(form, trial);
  await form.getByRole('button', { name: 'Save trial' }).click();
  await form.waitFor({ state: 'detached' }).catch(() => {});
}

const trials = [
  { kind: 'Antidepressant', drug: 'sertraline', start: '2024-11-11', end: '2025-01-06', dose: 100, adherence: 90 },
  { kind: 'Antidepressant', drug: 'venlafaxine', start: '2025-01-13', end: '2025-03-10', dose: 225, adherence: 90 },
  { kind: 'Psychotherapy', modality: 'cbt', start: '2025-03-17', end: '2025-07-07', sessions: 16, experienced: true },
];

test('create a patient and add three trials; the staging table follows the API', async () => {
  const api = await harness.api(users.north);
  const { models } = await api.expect(200, 'GET', '/api/v1/models');
  const modelName = (id) => {
    const model = models.find((candidate) => candidate.id === id);
    assert.ok(model, `no model ${id} in ${JSON.stringify(models)}`);
    return model.name;
  };
  const page = await harness.newPage();
  await signIn(page, users.north);

  // New patient: an empty form shows field errors, then a complete one opens the patient page.
  await page.getByRole('link', { name: 'New patient' }).click();
  await page.getByRole('heading', { name: 'New patient' }).waitFor();
  await page.getByRole('button', { name: 'Create patient' }).click();
  await page.locator('.field-error:visible').first().waitFor();
  await page.getByRole('alert').first().waitFor();
  await page.getByLabel('Pseudonymous id').fill(pseudonym);
  await page.getByLabel('Date of birth').fill('1985-03-14');
  await page.getByLabel('Sex').selectOption('female');
  assert.match(await page.getByLabel('Diagnosis').evaluate((s) => s.selectedOptions[0].textContent),
    /Major depressive disorder/);
  await page.getByLabel('Episode onset').fill('2024-10-07');
  await chooseOrFill(page.getByLabel('Episode severity'), /^moderate/i, 'moderate');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await page.getByRole('heading', { level: 1, name: pseudonym, exact: true }).waitFor();
  const patientId = /#\/patients\/([^/?]+)$/.exec(page.url())?.[1];
  assert.ok(patientId, `no patient id in ${page.url()}`);

  for (const section of ['Staging under every model', 'Never adequately tried', 'Treatment timeline',
    'Symptom trajectories', 'Next-step options', 'Preferences and screened conditions']) {
    await page.getByRole('heading', { level: 2, name: section }).waitFor();
  }
  for (const button of ['Add trial', 'Add assessment', 'Edit preferences', 'Create questionnaire link']) {
    await page.getByRole('button', { name: button }).waitFor();
  }
  await page.getByRole('link', { name: 'Shared-decision view' }).waitFor();
  await page.getByRole('link', { name: 'Clinical report' }).waitFor();

  const staging = page.locator('section')
    .filter({ has: page.getByRole('heading', { level: 2, name: 'Staging under every model' }) }).last();
  const stagingRow = (id) => staging.getByRole('row').filter({ hasText: modelName(id) });
  const apiSummary = async (id) => (await api.assessment(patientId)).staging[id].summary;
  // The row shows the API's summary (rendered text), and no longer the summary it had before.
  async function expectRow(id, before) {
    const summary = await apiSummary(id);
    await waitForText(stagingRow(id), (text) => text.includes(summary)
      && (before === undefined || summary.includes(before) || !text.includes(before)));
    return summary;
  }
  // Resolves once the store holds `count` trials (the form's save has gone through).
  const storedTrials = (count) => eventually(async () => {
    const { record } = await api.expect(200, 'GET', `/api/v1/patients/${patientId}`);
    return record.treatments.length === count && record.treatments;
  }, `${count} trial(s) stored`);
  const twoFailuresStart = await expectRow('two_failures');
  assert.equal(twoFailuresStart, 'not TRD');

  // Trial 1; the add-trial form first shows a validation error (end before start).
  await page.getByRole('button', { name: 'Add trial' }).click();
  const form = formWithHeading(page, 'Add trial');
  await fillTrial(form, { ...trials[0], end: '2024-10-01' });
  await form.getByRole('button', { name: 'Save trial' }).click();
  await form.locator('.field-error:visible').first().waitFor();
  await screenshot(page, 'add-trial-validation');
  await form.getByLabel('End date', { exact: true }).fill(trials[0].end);
  await form.getByRole('button', { name: 'Save trial' }).click();
  await form.waitFor({ state: 'detached' }).catch(() => {});
  await storedTrials(1);
  await waitForText(page.locator('body'), 'sertraline');
  assert.equal(await expectRow('two_failures'), 'not TRD');

  // Trial 2: the second adequate failure makes it TRD under the two-failure model.
  await addTrial(page, trials[1]);
  const [first, second] = await storedTrials(2);
  assert.deepEqual([first.drug, second.drug], ['sertraline', 'venlafaxine']);
  assert.equal(await expectRow('two_failures', 'not TRD'), 'TRD');

  // Trial 3: the psychotherapy changes the Markowitz 2022 result. With trials not marked prospective
  // its summary stays "does not meet" and what is missing changes (no psychotherapy missing any more):
  // then the row's "Why" must change with it.
  const markowitzBefore = (await api.assessment(patientId)).staging.markowitz_2022;
  await expectRow('markowitz_2022');
  const whyBefore = await whyText(stagingRow('markowitz_2022'));
  await addTrial(page, trials[2]);
  const psychotherapy = (await storedTrials(3)).find((trial) => trial.kind === 'psychotherapy');
  assert.deepEqual([psychotherapy?.sessions, psychotherapy?.therapist], [16, 'experienced']);
  const markowitzAfter = (await api.assessment(patientId)).staging.markowitz_2022;
  const essentials = ({ summary, missing, variants }) => ({ summary, missing, variants });
  assert.notDeepEqual(essentials(markowitzAfter), essentials(markowitzBefore),
    'the psychotherapy did not change the Markowitz result');
  await expectRow('markowitz_2022', markowitzBefore.summary);
  if (markowitzAfter.summary === markowitzBefore.summary) {
    await eventually(async () => await whyText(stagingRow('markowitz_2022')) !== whyBefore,
      `the Markowitz "Why" changes from: ${whyBefore}`);
  }

  const timeline = page.getByRole('img', { name: /^Treatment timeline/ });
  await timeline.waitFor();
  assert.equal(await timeline.evaluate((element) => element.tagName.toLowerCase()), 'svg');
  await assertNoStrayValues(page);
  await checkAccessibility(page, 'patient-page');
  await screenshot(page, 'patient-page');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
