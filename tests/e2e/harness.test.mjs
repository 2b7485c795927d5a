// The harness itself, without the web app: the server starts with the test accounts, the API
// clients sign in, team separation holds at the API, chromium starts, and the axe and screenshot
// helpers work (axe must fail on a page with a serious violation, so the accessibility checks of the
// other files can fail).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ApiClient, checkAccessibility, outputDir, patientRecord, screenshot, startHarness, users,
} from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.stop(); });

test('the server answers on the port it reported', async () => {
  const response = await fetch(`${harness.baseUrl}/healthz`);
  assert.equal(response.status, 200);
});

test('every test account signs in through the API; a wrong password does not', async () => {
  for (const user of Object.values(users)) {
    const client = await harness.api(user);
    const me = await client.expect(200, 'GET', '/api/v1/me');
    assert.equal(me.username, user.username);
  }
  const wrong = await fetch(`${harness.baseUrl}/api/v1/session`, {
    method: 'POST', body: JSON.stringify({ username: users.north.username, password: 'not-the-password' }),
  });
  assert.equal(wrong.status, 401);
  await assert.rejects(ApiClient.signIn(harness.baseUrl, { ...users.north, password: 'not-the-password' }));
});

test('a patient of team north is read by north and refused to south', async () => {
  const north = await harness.api(users.north);
  const created = await north.createPatient(patientRecord('e2e-harness-north'));
  assert.equal(created.team, 'north');
  await north.expect(200, 'GET', `/api/v1/patients/${created.patient_id}`);
  const north2 = await harness.api(users.north2);
  await north2.expect(200, 'GET', `/api/v1/patients/${created.patient_id}`);
  const south = await harness.api(users.south);
  await south.expect(403, 'GET', `/api/v1/patients/${created.patient_id}`);
});

test('chromium starts and loads about:blank', async () => {
  const page = await harness.newPage();
  await page.goto('about:blank');
  assert.equal(await page.evaluate(() => document.readyState), 'complete');
  await page.context().close();
});

test('axe passes a clean page and fails one with a critical violation; screenshots are written', async () => {
  const page = await harness.newPage();
  await page.setContent('<!doctype html><html lang="en"><head><title>Clean</title></head>'
    + '<body><main><h1>Clean page</h1><p>Text.</p></main></body></html>');
  await checkAccessibility(page, 'harness-clean');
  const file = await screenshot(page, 'harness-clean');
  assert.ok(existsSync(file));
  assert.equal(path.dirname(file), outputDir);
  assert.equal(readFileSync(file).subarray(1, 4).toString(), 'PNG');
  await page.setContent('<!doctype html><html lang="en"><head><title>Broken</title></head>'
    + '<body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    + '<input type="text"></main></body></html>');
  await assert.rejects(checkAccessibility(page, 'harness-broken'), /image-alt[\s\S]*label|label[\s\S]*image-alt/);
  await page.context().close();
});
