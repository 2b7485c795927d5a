// Journey: the printable clinical report. In print media the navigation is hidden; Chromium's PDF of the
// page is a PDF whose text (pdftotext) holds the title, the decision-support notice and the pseudonym.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertNoStrayValues, checkAccessibility, outputDir, pdfText, screenshot, signIn, startHarness, users,
} from './harness.mjs';
import { createTreatedPatient } from './fixtures.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

test('the clinical report prints to a PDF with its title, notice and pseudonym', async () => {
  const patient = await createTreatedPatient(await harness.api(users.north), 'e2e-report-ben');
  const page = await harness.newPage();
  await signIn(page, users.north);
  await page.goto(`/app/#/patients/${patient.patient_id}`);
  await page.getByRole('link', { name: 'Clinical report' }).click();
  await page.getByRole('heading', { name: 'Clinical report' }).waitFor();
  assert.match(page.url(), new RegExp(`#/patients/${patient.patient_id}/report$`));
  await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
  await assertNoStrayValues(page);
  await checkAccessibility(page, 'report');

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('navigation').isVisible(), false, 'navigation visible in print');
  await screenshot(page, 'report');
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, 'report.pdf');
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  assert.equal(readFileSync(file).subarray(0, 4).toString(), '%PDF');
  const text = pdfText(file).replace(/\s+/g, ' ');
  for (const expected of ['Clinical report', 'Decision support for a clinician', 'e2e-report-ben']) {
    assert.ok(text.includes(expected), `the PDF lacks "${expected}"`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
